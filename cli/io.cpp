#include "cli/io.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "model/suggest.h"
#include "scenarios/limits.h"
#include "scenarios/scenario_reader.h"

namespace cli {

void fail_usage(const std::string& message) {
  throw Exit(kExitBadInput, message);
}

namespace {

bool& strict() {
  static bool on = false;
  return on;
}

// Every file this run has read: no output may replace one of them.
std::vector<std::string>& files_read() {
  static std::vector<std::string> files;
  return files;
}

}  // namespace

void set_strict(bool on) {
  strict() = on;
}

namespace {

std::string too_large(std::size_t bytes) {
  return fmt::format("larger than {} MiB ({} bytes): the limit for a scenario or a table",
                     scenarios::kMaxInputBytes >> 20, bytes);
}

// The whole stream, or nullopt once it holds more than kMaxInputBytes.
std::optional<std::string> read_limited(std::istream& in, std::size_t& bytes) {
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    bytes = text.size();
    if (bytes > scenarios::kMaxInputBytes) return std::nullopt;
  }
  return text;
}

// "no such file", with the file of that folder it probably meant.
std::string no_such_file(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path p(path), folder = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    return fmt::format("{}: no such file (there is no folder {})", path, folder.string());
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.is_regular_file(ec)) names.push_back(entry.path().filename().string());
  std::string near = model::did_you_mean(p.filename().string(), names);
  if (!near.empty() && !p.parent_path().empty()) {
    // Suggest the whole path, as it would be typed.
    std::size_t open = near.find('\'') + 1;
    near.insert(open, (p.parent_path() / "").string());
  }
  if (near.empty()) {
    // "coventry.yaml" for coventry-2019.yaml: the files that start alike.
    std::string stem = p.stem().string();
    std::vector<std::string> alike;
    for (const std::string& n : names)
      if (!stem.empty() && n.starts_with(stem) && fs::path(n).extension() == p.extension())
        alike.push_back((p.parent_path() / n).string());
    std::sort(alike.begin(), alike.end());
    if (!alike.empty() && alike.size() <= 5)
      near = fmt::format(" (did you mean {}?)", fmt::join(alike, " or "));
  }
  return fmt::format("{}: no such file{}", path, near);
}

}  // namespace

Input read_input(const std::string& path) {
  std::size_t bytes = 0;
  if (path == "-") {
    auto text = read_limited(std::cin, bytes);
    if (!text) fail_usage("<stdin>: " + too_large(bytes));
    return {std::move(*text), "<stdin>"};
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail_usage(fmt::format("{}: is a directory", path));
  std::ifstream in(path, std::ios::binary);
  if (!in && errno == ENOENT) fail_usage(no_such_file(path));
  if (!in) fail_usage(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  auto text = read_limited(in, bytes);
  if (!text) fail_usage(path + ": " + too_large(bytes));
  files_read().push_back(path);
  return {std::move(*text), path};
}

namespace {

std::string& include_root() {
  static std::string root;
  return root;
}

// Whether `inner` (canonical) is `outer` (canonical) or below it.
bool is_within(const std::filesystem::path& inner, const std::filesystem::path& outer) {
  auto i = inner.begin(), o = outer.begin();
  for (; o != outer.end(); ++i, ++o)
    if (i == inner.end() || *i != *o) return false;
  return true;
}

}  // namespace

void set_include_root(const std::string& dir) {
  include_root() = dir;
}

std::optional<std::string> include_refusal(const std::string& path, const std::string& scenario) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  if (ec) return std::nullopt;  // missing: reading it says so
  std::vector<fs::path> roots = {fs::current_path(ec)};
  if (scenario != "<stdin>") roots.push_back(fs::absolute(scenario, ec).parent_path());
  if (!include_root().empty()) roots.push_back(include_root());
  bool inside = false;
  for (const fs::path& root : roots) {
    fs::path r = fs::canonical(root, ec);
    inside = inside || (!ec && is_within(real, r));
  }
  if (!inside)
    return "it resolves outside the current directory and the scenario's folder; an included "
           "table must be inside one of them, or under a folder named by --include-root DIR";
  if (fs::is_directory(real, ec)) return "Is a directory";
  if (!fs::is_regular_file(real, ec))
    return "not a regular file (a pipe, a device or a socket): an included table must be a file";
  return std::nullopt;
}

std::optional<std::string> read_included_file(const std::string& path, std::string& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = "Is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::size_t bytes = 0;
  auto text = read_limited(in, bytes);
  if (!text) {
    error = too_large(bytes);
    return std::nullopt;
  }
  files_read().push_back(path);
  return text;
}

Loaded load_scenario(const std::string& path, const std::vector<std::string>& sets) {
  Input input = read_input(path);
  std::vector<Input> files = {input};
  auto record = [&files, &input](const std::string& included, std::string& error) {
    if (auto refused = include_refusal(included, input.source)) {
      error = *refused;  // its content is never read, so never quoted
      return std::optional<std::string>();
    }
    auto text = read_included_file(included, error);
    if (text) files.push_back({*text, included});
    return text;
  };
  auto result = scenarios::read_scenario(input.text, input.source, sets, record);
  if (!result.errors.empty()) {
    for (const auto& d : result.errors.items())
      std::cerr << scenarios::to_string(d) << "\n";
    throw Exit(kExitBadInput);
  }
  for (const auto& d : result.warnings.items())
    std::cerr << scenarios::to_string(d) << "\n";
  if (strict() && !result.warnings.empty())
    fail_usage(
        fmt::format("{}: {} under --strict: fix {}, or run without --strict", input.source,
                    result.warnings.size() == 1 ? "a warning is an error" : "warnings are errors",
                    result.warnings.size() == 1 ? "it" : "them"));
  return Loaded{std::move(*result.tree),    std::move(*result.scenario),
                std::move(result.analyses), input.source,
                std::move(files),           std::move(result.financial_years)};
}

model::Evaluation evaluate(Loaded& loaded) {
  if (!loaded.financial_years) return model::Evaluation(loaded.scenario);
  model::Projection p = std::move(*loaded.financial_years);
  loaded.financial_years.reset();
  return model::Evaluation(loaded.scenario, std::move(p));
}

std::string format_name(const std::string& format, const std::string& output,
                        const std::vector<std::string>& inputs,
                        const std::vector<std::pair<std::string, std::string>>& by_extension,
                        const std::string& advice) {
  bool to_file = !output.empty() && output != "-";
  if (to_file) refuse_overwriting_input(output, inputs);
  if (!format.empty() || !to_file) {
    std::string name = format;  // --format CSV as --format csv
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return name;
  }
  std::string ext = std::filesystem::path(output).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [extension, name] : by_extension)
    if (ext == extension) return name;
  fail_usage(fmt::format("{}: cannot tell the format from the extension; {}", output, advice));
}

Format choose_format(const std::string& format, const std::string& output,
                     const std::vector<std::string>& inputs) {
  std::string name =
      format_name(format, output, inputs,
                  {{".csv", "csv"}, {".md", "md"}, {".json", "json"}, {".txt", "table"}},
                  "use --format table|csv|md|json");
  if (name.empty() || name == "table") return Format::table;
  if (name == "csv") return Format::csv;
  if (name == "md" || name == "markdown") return Format::markdown;
  if (name == "json") return Format::json;
  fail_usage(fmt::format("unknown format '{}'; use table, csv, md or json", name));
}

std::size_t table_width(const std::string& output, bool wide) {
  if (wide || (!output.empty() && output != "-") || isatty(STDOUT_FILENO) != 1) return 0;
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  const char* columns = std::getenv("COLUMNS");
  if (!columns) return 0;
  char* end = nullptr;
  long n = std::strtol(columns, &end, 10);
  return end != columns && *end == '\0' && n > 0 ? static_cast<std::size_t>(n) : 0;
}

bool use_colour(const std::string& output) {
  if (!output.empty() && output != "-") return false;
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour && *no_colour) return false;
  return isatty(STDOUT_FILENO) == 1;
}

namespace {

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec) &&
         std::filesystem::equivalent(a, b, ec);
}

}  // namespace

void refuse_overwriting_input(const std::string& output, const std::vector<std::string>& inputs) {
  const std::vector<std::string>* lists[] = {&inputs, &files_read()};
  for (const auto* list : lists)
    for (const std::string& input : *list)
      if (input != "-" && same_file(output, input))
        fail_usage(fmt::format("{}: refusing to overwrite an input file", output));
}

namespace {

// Where writing `path` lands: the path itself, or the end of the chain of
// symbolic links it starts (a dangling one's target included).
std::string resolved_target(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path p(path);
  std::error_code ec;
  for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(p, ec)); ++hops) {
    fs::path link = fs::read_symlink(p, ec);
    if (ec) break;
    p = link.is_absolute() ? link : p.parent_path() / link;
  }
  return p.string();
}

[[noreturn]] void cannot_write(const std::string& path, int error) {
  fail_usage(fmt::format("{}: cannot write: {}", path, std::strerror(error)));
}

}  // namespace

void refuse_same_outputs(const std::vector<std::pair<std::string, std::string>>& outputs) {
  namespace fs = std::filesystem;
  auto key = [](const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(resolved_target(path), ec), ec);
    return p.string();
  };
  for (std::size_t i = 0; i < outputs.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const auto& [option_a, a] = outputs[j];
      const auto& [option_b, b] = outputs[i];
      if (a.empty() || b.empty() || a == "-" || b == "-") continue;
      if (key(a) == key(b) || same_file(a, b))
        fail_usage(fmt::format("{} {} and {} {} name the same file: give each output its own",
                               option_a, a, option_b, b));
    }
}

OutputFile::OutputFile(const std::string& path, const std::vector<std::string>& inputs)
    : path_(path), target_(resolved_target(path)) {
  refuse_overwriting_input(path, inputs);
  struct stat existing {};
  bool exists = ::stat(target_.c_str(), &existing) == 0;
  if (exists && S_ISDIR(existing.st_mode)) fail_usage(fmt::format("{}: is a directory", path));
  direct_ = exists && !S_ISREG(existing.st_mode);
  std::filesystem::path target(target_);
  // Beside the target, so the rename stays on one file system; for a device
  // or pipe, which is written directly, in the temporary directory.
  std::filesystem::path dir = direct_ ? std::filesystem::temp_directory_path()
                              : target.parent_path().empty() ? "."
                                                             : target.parent_path();
  temporary_ = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  fd_ = mkstemp(temporary_.data());
  if (fd_ < 0) cannot_write(path, errno);
  if (exists && !direct_) {
    if (::fchown(fd_, existing.st_uid, existing.st_gid) != 0) {
      // Not ours to give away: the file is replaced with this process's owner.
    }
    ::fchmod(fd_, existing.st_mode & 07777);
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd_, 0666 & ~mask);
  }
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ || direct_) std::remove(temporary_.c_str());
}

void OutputFile::write(std::string_view text) {
  buffer_ += text;
  if (buffer_.size() >= (1 << 20)) flush();
}

namespace {

// Writes all of [data, data + size) to fd: the errno of a failure, or 0.
int write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t written = ::write(fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return written < 0 ? errno : EIO;
    data += written, size -= static_cast<std::size_t>(written);
  }
  return 0;
}

}  // namespace

void OutputFile::flush() {
  if (ok_) {
    error_ = write_all(fd_, buffer_.data(), buffer_.size());
    ok_ = error_ == 0;
  }
  buffer_.clear();
}

// A device or pipe gets the temporary's bytes, in order, and is never replaced.
void OutputFile::copy_into_target() {
  int to = ::open(target_.c_str(), O_WRONLY | O_TRUNC);
  if (to < 0) cannot_write(path_, errno);
  char chunk[1 << 16];
  ssize_t got = 0;
  int error = ::lseek(fd_, 0, SEEK_SET) < 0 ? errno : 0;
  while (error == 0 && (got = ::read(fd_, chunk, sizeof chunk)) != 0) {
    if (got < 0 && errno == EINTR) continue;
    error = got < 0 ? errno : write_all(to, chunk, static_cast<std::size_t>(got));
  }
  if (::close(to) != 0 && error == 0) error = errno;
  if (error != 0) cannot_write(path_, error);
}

void OutputFile::commit() {
  flush();
  auto check = [&](bool step) {
    if (ok_ && !step) ok_ = false, error_ = errno;
  };
  if (direct_) {
    if (!ok_) cannot_write(path_, error_);
    copy_into_target();
    committed_ = true;
    return;
  }
  check(::fsync(fd_) == 0);
  check(::close(fd_) == 0);
  fd_ = -1;
  check(ok_ && std::rename(temporary_.c_str(), target_.c_str()) == 0);
  if (!ok_) cannot_write(path_, error_);
  committed_ = true;
}

bool flush_standard_output() {
  std::cout.flush();
  bool ok = !std::cout.fail() && std::fflush(stdout) == 0 && !std::ferror(stdout);
  if (!ok) {
    int error = errno;
    std::cerr << "envelope: standard output: cannot write"
              << (error != 0 ? std::string(": ") + std::strerror(error) : std::string()) << "\n";
  }
  return ok;
}

void write_output(const std::string& path, const std::string& text,
                  const std::vector<std::string>& inputs) {
  if (path.empty() || path == "-") {
    std::cout << text;
    if (!flush_standard_output()) throw Exit(kExitBadInput);
    return;
  }
  OutputFile file(path, inputs);
  file.write(text);
  file.commit();
}

}  // namespace cli
