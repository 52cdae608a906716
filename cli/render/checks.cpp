#include "cli/render/checks.h"

#include <fmt/format.h>

#include "cli/render/json.h"
#include "cli/render/junit.h"
#include "cli/render/markup.h"
#include "cli/render/table.h"

namespace cli {

namespace {

// "min 0.00, max 6,800,000.00", "12,131,595.00 ± 0.50": each amount as `pounds` writes it.
std::string expected_in(const scenarios::Check& c, std::string (*pounds)(double)) {
  std::vector<std::string> parts;
  if (c.equals) parts.push_back(pounds(*c.equals) + " ± " + pounds(c.tolerance));
  if (c.min) parts.push_back("min " + pounds(*c.min));
  if (c.max) parts.push_back("max " + pounds(*c.max));
  std::string out;
  for (const auto& p : parts)
    out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string plain_pounds(double pounds) {
  return fmt::format("{:.2f}", pounds);
}

// As CSV writes it: "max 6800000.00".
std::string expected_plain(const scenarios::Check& c) {
  return expected_in(c, plain_pounds);
}

}  // namespace

std::string expected_text(const scenarios::Check& c) {
  return expected_in(c, shown_pounds);
}

std::string checks_json(const CheckResults& r) {
  JsonWriter w;
  w.begin_object().key("passed").integer(r.passed).key("failed").integer(r.failed);
  w.key("checks").begin_array();
  for (const CheckLine& x : r.lines) {
    w.begin_object().key("file").string(x.file).key("name").string(x.check->name);
    w.key("variant");
    if (x.check->variant.empty())
      w.null();
    else
      w.string(x.check->variant);
    w.key("metric").string(x.check->metric).key("actual");
    write_value(w, x.actual);
    w.key("expected").begin_object();
    bool count = x.actual.is_count;
    if (x.check->min) write_pounds(w.key("min"), *x.check->min, count);
    if (x.check->max) write_pounds(w.key("max"), *x.check->max, count);
    if (x.check->equals) {
      write_pounds(w.key("equals"), *x.check->equals, count);
      write_pounds(w.key("tolerance"), x.check->tolerance, count);
    }
    w.end_object().key("ok").boolean(x.ok).end_object();
  }
  w.end_array().end_object();
  return w.str();
}

std::string checks_lines(const CheckResults& r) {
  bool several = r.files.size() > 1;
  std::string text;
  for (const CheckLine& x : r.lines)
    text += fmt::format("{}  {}{}: {}{} = {} ({})\n", x.ok ? "PASS" : "FAIL",
                        several ? x.file + ": " : "", x.check->name, x.check->metric,
                        x.check->variant.empty() ? "" : " [" + x.check->variant + "]",
                        value_cell(x.actual).text, expected_text(*x.check));
  return text + fmt::format("{} passed, {} failed\n", r.passed, r.failed);
}

Table checks_table(const CheckResults& r) {
  bool several = r.files.size() > 1;
  Table t;
  t.title = "Checks";
  t.key_header = "check";
  t.label_header = "Check";
  t.headers = {"Result", "Variant", "Metric", "Actual", "Expected"};
  if (several) t.headers.insert(t.headers.begin(), "File");
  for (const CheckLine& x : r.lines) {
    std::vector<Cell> cells = {Cell::of(x.ok ? "PASS" : "FAIL"),
                               Cell::of(x.check->variant.empty() ? "base" : x.check->variant),
                               Cell::of(x.check->metric), value_cell(x.actual),
                               Cell{expected_text(*x.check), expected_plain(*x.check)}};
    if (several) cells.insert(cells.begin(), Cell::of(x.file));
    t.rows.push_back({x.check->name, x.check->name, std::move(cells)});
  }
  return t;
}

std::string checks_junit(const CheckResults& r, const std::string& timestamp) {
  const std::vector<std::string>& files = r.files;
  struct Suite {
    std::string body;
    int tests = 0, failures = 0;
    double seconds = 0;
  };
  std::vector<Suite> suites(files.size());
  for (const CheckLine& o : r.lines) {
    Suite& suite = suites[o.file_index];
    ++suite.tests;
    suite.seconds += o.seconds;
    suite.body += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.6f}\"",
                              escape_markup(junit_class_name(o.file)), escape_markup(o.check->name),
                              o.seconds);
    if (o.ok) {
      suite.body += "/>\n";
      continue;
    }
    ++suite.failures;
    std::string variant = o.check->variant.empty() ? "base" : o.check->variant;
    std::string message = fmt::format("{} on {}: actual {}, expected {}", o.check->metric, variant,
                                      value_cell(o.actual).text, expected_text(*o.check));
    suite.body += fmt::format(">\n      <failure message=\"{}\" type=\"check\">{}</failure>\n",
                              escape_markup(message), escape_markup(message));
    suite.body += "    </testcase>\n";
  }
  int tests = 0, failures = 0;
  double seconds = 0;
  std::string body;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Suite& s = suites[i];
    tests += s.tests, failures += s.failures, seconds += s.seconds;
    body += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" "
        "time=\"{:.6f}\" timestamp=\"{}\" hostname=\"localhost\" id=\"{}\" package=\"envelope\">\n"
        "{}  </testsuite>\n",
        escape_markup(files[i]), s.tests, s.failures, s.seconds, timestamp, i, s.body);
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"envelope check\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
      "skipped=\"0\" time=\"{:.6f}\">\n{}</testsuites>\n",
      tests, failures, seconds, body);
}

}  // namespace cli
