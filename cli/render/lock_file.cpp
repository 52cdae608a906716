#include "cli/render/lock_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "model/suggest.h"

namespace cli::lock {

namespace {

constexpr std::string_view kFirstLine = "# envelope lock";
const std::vector<std::string> kLockKeys = {
    "format", "tool", "input", "set", "basis", "montecarlo.draws", "montecarlo.seed"};
const std::vector<std::string> kSections = {"lock",     "shape",   "metrics",   "periods",
                                            "variants", "tornado", "montecarlo"};
const std::vector<std::string> kShapeKinds = {"contract",
                                              "group",
                                              "stream",
                                              "variant",
                                              "period",
                                              "tornado.metric",
                                              "tornado.parameter",
                                              "montecarlo.metric"};

// A name or value on one line: a backslash, line feed or carriage return
// inside it escaped as \\, \n, \r.
std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else
      out += c;
  }
  return out;
}

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    char next = text[++i];
    out += next == 'n' ? '\n' : next == 'r' ? '\r' : next;
  }
  return out;
}

void add_line(std::string& out, std::string_view key, std::string_view value) {
  out += escape(key);
  out += " = ";
  out += escape(value);
  out += '\n';
}

// "12131595.00" as pence, "9" as a count; nullopt for anything else.
std::optional<model::MetricValue> parse_value(std::string_view text) {
  std::size_t dot = text.find('.');
  std::string digits(text.substr(0, dot));
  if (dot != std::string_view::npos) {
    std::string_view cents = text.substr(dot + 1);
    if (cents.size() != 2 || !std::all_of(cents.begin(), cents.end(), ::isdigit)) return {};
    digits += cents;
  }
  std::size_t first = digits.starts_with('-') ? 1 : 0;
  if (dot == first || digits.size() == first || digits.size() - first > 18 ||
      !std::all_of(digits.begin() + first, digits.end(), ::isdigit))
    return {};
  long long n = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), n);
  model::MetricValue v;
  if (dot == std::string_view::npos) {
    v.is_count = true;
    v.count = static_cast<long>(n);
  } else {
    v.money = model::Money::from_pence(n);
  }
  return v;
}

std::optional<long long> parse_whole(std::string_view text) {
  if (text.empty() || text.size() > 18 || !std::all_of(text.begin(), text.end(), ::isdigit))
    return {};
  long long n = 0;
  std::from_chars(text.data(), text.data() + text.size(), n);
  return n;
}

std::optional<Part> part_named(std::string_view name) {
  for (Part p : kParts)
    if (name == part_name(p)) return p;
  return std::nullopt;
}

// Reads a lock line by line, collecting every error.
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  void line(int number, std::string_view text);
  // The lock, or the errors; call after the last line.
  std::variant<Lock, std::vector<std::string>> finish();

 private:
  void error(int number, const std::string& message) {
    errors_.push_back(fmt::format("{}:{}: {}", source_, number, message));
  }
  void section(int number, std::string_view name);
  void lock_line(int number, const std::string& key, const std::string& value);
  void shape_line(int number, const std::string& key, const std::string& value);
  void figure_line(int number, const std::string& name, const std::string& value);

  std::string source_;
  Lock lock_;
  std::string section_;
  std::map<std::string, int> sections_, figures_;
  bool has_format_ = false;
  int draws_line_ = 0, seed_line_ = 0;
  std::vector<std::string> errors_;
};

void Reader::line(int number, std::string_view text) {
  if (text.ends_with('\r')) text.remove_suffix(1);  // a lock checked out with CRLF
  if (number == 1) {
    if (text != kFirstLine)
      error(1, fmt::format("not a lock file: the first line of a lock is \"{}\" (envelope lock "
                           "FILE -o LOCK writes one)",
                           kFirstLine));
    return;
  }
  if (text.empty() || text.starts_with('#')) return;
  if (text.starts_with('[') && text.ends_with(']'))
    return section(number, text.substr(1, text.size() - 2));
  bool figure = part_named(section_).has_value();
  std::size_t eq = figure ? text.rfind(" = ") : text.find(" = ");
  if (eq == std::string_view::npos || eq == 0)
    return error(number, "expected NAME = VALUE, a [section] or a # comment");
  std::string key = unescape(text.substr(0, eq)), value = unescape(text.substr(eq + 3));
  if (section_.empty())
    error(number, "NAME = VALUE before the first [section]: a lock starts with [lock]");
  else if (section_ == "lock")
    lock_line(number, key, value);
  else if (section_ == "shape")
    shape_line(number, key, value);
  else
    figure_line(number, key, value);
}

void Reader::section(int number, std::string_view name) {
  std::string n(name);
  if (n != "lock" && n != "shape" && !part_named(n)) {
    error(number, fmt::format("unknown section [{}]{}; the sections are [{}]", n,
                              model::did_you_mean(n, kSections), fmt::join(kSections, "], [")));
    section_ = "?";  // its lines are not read
    return;
  }
  auto [at, fresh] = sections_.emplace(n, number);
  if (!fresh) error(number, fmt::format("[{}] given twice (first on line {})", n, at->second));
  section_ = n;
}

void Reader::lock_line(int number, const std::string& key, const std::string& value) {
  if (key == "format") {
    has_format_ = true;
    if (value != std::to_string(kFormat))
      error(number, fmt::format("format {}: this envelope reads lock format {}; write the lock "
                                "again with this envelope",
                                value, kFormat));
  } else if (key == "tool") {
    lock_.tool = value;
  } else if (key == "input") {
    std::size_t gap = value.find("  ");
    std::string hash = value.substr(0, gap);
    bool hex = hash.size() == 64 && std::all_of(hash.begin(), hash.end(), [](char c) {
                 return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
               });
    if (gap != 64 || !hex || value.size() == 66)
      return error(number, "input: expected a SHA-256 (64 hex digits), two spaces and the path");
    lock_.inputs.push_back({hash, value.substr(66)});
  } else if (key == "set") {
    lock_.sets.push_back(value);
  } else if (key == "basis") {
    if (value != "fy")
      error(number,
            fmt::format("basis {}: a lock's periods are financial years (basis = fy)", value));
  } else if (key == "montecarlo.draws" || key == "montecarlo.seed") {
    bool draws = key == "montecarlo.draws";
    (draws ? draws_line_ : seed_line_) = number;
    auto n = parse_whole(value);
    if (!n || (draws && (*n < 1 || *n > 100'000'000)))  // the draws -n allows
      return error(number, fmt::format("{}: expected a whole number{}, got '{}'", key,
                                       draws ? " from 1 to 100,000,000" : "", value));
    (draws ? lock_.draws : lock_.seed) = *n;
  } else {
    error(number, fmt::format("unknown key '{}' in [lock]{}; the keys are {}", key,
                              model::did_you_mean(key, kLockKeys), fmt::join(kLockKeys, ", ")));
  }
}

void Reader::shape_line(int number, const std::string& key, const std::string& value) {
  if (std::find(kShapeKinds.begin(), kShapeKinds.end(), key) == kShapeKinds.end())
    return error(number,
                 fmt::format("unknown kind '{}' in [shape]{}; the kinds are {}", key,
                             model::did_you_mean(key, kShapeKinds), fmt::join(kShapeKinds, ", ")));
  lock_.shape.push_back({key, value, number});
}

void Reader::figure_line(int number, const std::string& name, const std::string& value) {
  auto v = parse_value(value);
  if (!v)
    return error(number, fmt::format("{}: expected pounds with two decimals (12131595.00) or a "
                                     "whole number, got '{}'",
                                     name, value));
  auto [at, fresh] = figures_.emplace(name, number);
  if (!fresh)
    return error(number, fmt::format("{} given twice (first on line {})", name, at->second));
  lock_.figures.push_back({name, *part_named(section_), *v, number});
}

std::variant<Lock, std::vector<std::string>> Reader::finish() {
  if (!has_format_ && errors_.empty())
    errors_.push_back(fmt::format("{}: no 'format = {}' line in [lock]", source_, kFormat));
  if ((draws_line_ > 0) != (seed_line_ > 0))
    error(std::max(draws_line_, seed_line_),
          "montecarlo.draws and montecarlo.seed go together: the Monte Carlo figures were drawn "
          "with both");
  if (!errors_.empty()) return errors_;
  std::stable_sort(lock_.figures.begin(), lock_.figures.end(),
                   [](const Figure& a, const Figure& b) { return a.part < b.part; });
  return std::move(lock_);
}

}  // namespace

const char* part_name(Part p) {
  switch (p) {
    case Part::metrics:
      return "metrics";
    case Part::periods:
      return "periods";
    case Part::variants:
      return "variants";
    case Part::tornado:
      return "tornado";
    case Part::montecarlo:
      return "montecarlo";
  }
  return "";
}

std::string value_text(const model::MetricValue& v) {
  return v.is_count ? std::to_string(v.count) : model::to_decimal_string(v.money);
}

std::string to_text(const Lock& lock) {
  std::string out = std::string(kFirstLine) + "\n";
  out += "# The figures a report of this scenario quotes, one per line (docs/lock-format.md).\n";
  out += "# envelope check FILE --lock LOCK recomputes each and lists those that moved.\n";
  out += "\n[lock]\n";
  add_line(out, "format", std::to_string(kFormat));
  add_line(out, "tool", lock.tool);
  for (const InputHash& input : lock.inputs)
    add_line(out, "input", input.sha256 + "  " + input.source);
  for (const std::string& set : lock.sets)
    add_line(out, "set", set);
  add_line(out, "basis", lock.basis);
  if (lock.draws) add_line(out, "montecarlo.draws", std::to_string(*lock.draws));
  if (lock.seed) add_line(out, "montecarlo.seed", std::to_string(*lock.seed));
  out += "\n[shape]\n";
  for (const ShapeItem& item : lock.shape)
    add_line(out, item.kind, item.name);
  for (Part part : kParts) {
    bool first = true;
    for (const Figure& f : lock.figures) {
      if (f.part != part) continue;
      if (first) out += fmt::format("\n[{}]\n", part_name(part));
      first = false;
      add_line(out, f.name, value_text(f.value));
    }
  }
  return out;
}

std::variant<Lock, std::vector<std::string>> parse_lock(std::string_view text,
                                                        std::string_view source) {
  Reader reader(source);
  int number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    reader.line(++number, text.substr(start, end - start));
    start = end + 1;
  }
  if (number == 0) reader.line(1, "");
  return reader.finish();
}

}  // namespace cli::lock
