#include "cli/io.h"

#include <fmt/format.h>
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

#include "scenarios/limits.h"
#include "scenarios/scenario_reader.h"

namespace cli {

void fail_usage(const std::string& message) {
  throw Exit(kExitBadInput, message);
}

namespace {

// Every file this run has read: no output may replace one of them.
std::vector<std::string>& files_read() {
  static std::vector<std::string> files;
  return files;
}

}  // namespace

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
  if (!in) fail_usage(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  auto text = read_limited(in, bytes);
  if (!text) fail_usage(path + ": " + too_large(bytes));
  files_read().push_back(path);
  return {std::move(*text), path};
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
  auto record = [&files](const std::string& included, std::string& error) {
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
  return Loaded{std::move(*result.tree), std::move(*result.scenario), std::move(result.analyses),
                input.source, std::move(files)};
}

std::string format_name(const std::string& format, const std::string& output,
                        const std::vector<std::string>& inputs,
                        const std::vector<std::pair<std::string, std::string>>& by_extension,
                        const std::string& advice) {
  bool to_file = !output.empty() && output != "-";
  if (to_file) refuse_overwriting_input(output, inputs);
  if (!format.empty() || !to_file) return format;
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

OutputFile::OutputFile(const std::string& path, const std::vector<std::string>& inputs)
    : path_(path) {
  refuse_overwriting_input(path, inputs);
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  temporary_ = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  fd_ = mkstemp(temporary_.data());
  if (fd_ < 0) fail_usage(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd_, 0666 & ~mask);
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) std::remove(temporary_.c_str());
}

void OutputFile::write(std::string_view text) {
  buffer_ += text;
  if (buffer_.size() >= (1 << 20)) flush();
}

void OutputFile::flush() {
  const char* data = buffer_.data();
  std::size_t left = buffer_.size();
  while (ok_ && left > 0) {
    ssize_t written = ::write(fd_, data, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      ok_ = false;
      error_ = errno;
      break;
    }
    data += written, left -= static_cast<std::size_t>(written);
  }
  buffer_.clear();
}

void OutputFile::commit() {
  flush();
  auto check = [&](bool step) {
    if (ok_ && !step) ok_ = false, error_ = errno;
  };
  check(::fsync(fd_) == 0);
  check(::close(fd_) == 0);
  fd_ = -1;
  check(ok_ && std::rename(temporary_.c_str(), path_.c_str()) == 0);
  if (!ok_) fail_usage(fmt::format("{}: cannot write: {}", path_, std::strerror(error_)));
  committed_ = true;
}

void write_output(const std::string& path, const std::string& text,
                  const std::vector<std::string>& inputs) {
  if (path.empty() || path == "-") {
    std::cout << text << std::flush;
    return;
  }
  OutputFile file(path, inputs);
  file.write(text);
  file.commit();
}

}  // namespace cli
