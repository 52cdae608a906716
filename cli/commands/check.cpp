#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands/analyses.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/render/junit.h"
#include "cli/render/markup.h"
#include "model/analyses.h"
#include "scenarios/scenario_reader.h"

namespace cli {

namespace {

// A check's outcome and the file it came from.
struct Outcome : CheckOutcome {
  std::string file;
  std::size_t file_index = 0;
};

// JUnit XML as CI systems read it (Jenkins' junit-10.xsd, GitLab, GitHub
// reporters): <testsuites> with totals, a <testsuite> per input file named
// after it, a <testcase> per check with its time, a <failure> per failed check.
std::string junit(const std::vector<Outcome>& outcomes, const std::vector<std::string>& files,
                  const std::string& timestamp) {
  struct Suite {
    std::string body;
    int tests = 0, failures = 0;
    double seconds = 0;
  };
  std::vector<Suite> suites(files.size());
  for (const Outcome& o : outcomes) {
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

}  // namespace

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

namespace {

bool passes(const scenarios::Check& c, const model::MetricValue& v) {
  double x = model::in_pounds(v);
  const double slack = 1e-9;  // bounds are compared in pounds, to the penny
  if (c.min && x < *c.min - slack) return false;
  if (c.max && x > *c.max + slack) return false;
  if (c.equals && std::abs(x - *c.equals) > c.tolerance + slack) return false;
  return true;
}

bool contains_ignoring_case(const std::string& text, const std::string& part) {
  auto lower = [](std::string s) {
    for (char& c : s)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  return lower(text).find(lower(part)) != std::string::npos;
}

// check asked to do nothing (SPEC 5): exit 2, so that CI never goes green
// on no checks at all.
[[noreturn]] void refuse_nothing_to_check(const std::vector<Loaded>& loaded,
                                          const std::string& filter) {
  std::vector<std::string> names, sources;
  for (const Loaded& l : loaded) {
    sources.push_back(l.source);
    for (const scenarios::Check& c : l.analyses.checks)
      names.push_back(c.name);
  }
  if (names.empty())
    fail_usage(
        fmt::format("nothing to check: {} {} no checks; add a checks: section, e.g. "
                    "checks: [{{name: Fits the envelope, metric: min_headroom, min: 0}}]",
                    fmt::join(sources, ", "), sources.size() == 1 ? "has" : "have"));
  fail_usage(fmt::format("--filter '{}' matches no check (case is ignored); the checks are: {}",
                         filter, fmt::join(names, "; ")));
}

}  // namespace

std::vector<CheckOutcome> run_checks(const Loaded& loaded, const std::string& filter) {
  std::vector<CheckOutcome> out;
  for (const scenarios::Check& c : loaded.analyses.checks) {
    if (!contains_ignoring_case(c.name, filter)) continue;
    auto started = std::chrono::steady_clock::now();
    model::Scenario scenario = loaded.scenario;
    if (!c.variant.empty()) {
      scenarios::Diagnostics errors;
      scenario = *scenarios::compile_variant(loaded.tree, *loaded.analyses.find_variant(c.variant),
                                             loaded.scenario, errors);  // checked when loading
    }
    model::Evaluation e(scenario);
    auto v = e.value(parse_metric_arg(c.metric, scenario));
    if (!v) fail_usage(c.name + ": " + c.metric + ": no such period in the horizon");
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    out.push_back({&c, *v, passes(c, *v), took.count()});
  }
  return out;
}

int run_check(const CheckOptions& o) {
  if (!o.lock.empty()) return run_check_lock(o);
  if (!o.tolerance.empty()) fail_usage("--tolerance is for check --lock: give --lock LOCK");
  refuse_same_outputs({{"-o", o.output}, {"--junit", o.junit}});
  Format format = choose_format(o.format, o.output, o.files);
  std::vector<Outcome> outcomes;
  std::vector<Loaded> loaded;  // outcomes point into these
  loaded.reserve(o.files.size());
  std::string timestamp = utc_timestamp();
  std::vector<std::string> sources;
  for (const std::string& file : o.files) {
    loaded.push_back(load_scenario(file, o.sets));
    sources.push_back(loaded.back().source);
    for (CheckOutcome& x : run_checks(loaded.back(), o.filter))
      outcomes.push_back({x, loaded.back().source, sources.size() - 1});
  }
  if (outcomes.empty()) refuse_nothing_to_check(loaded, o.filter);
  int failed = 0;
  for (const Outcome& x : outcomes)
    failed += !x.ok;
  int passed = static_cast<int>(outcomes.size()) - failed;
  bool several = o.files.size() > 1;  // each line then names its file
  std::string text;
  if (format == Format::json) {
    JsonWriter w;
    w.begin_object().key("passed").integer(passed).key("failed").integer(failed);
    w.key("checks").begin_array();
    for (const Outcome& x : outcomes) {
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
        w.key("tolerance").number(x.check->tolerance);
      }
      w.end_object().key("ok").boolean(x.ok).end_object();
    }
    w.end_array().end_object();
    text = w.str();
  } else if (format == Format::table) {
    for (const Outcome& x : outcomes)
      text += fmt::format("{}  {}{}: {}{} = {} ({})\n", x.ok ? "PASS" : "FAIL",
                          several ? x.file + ": " : "", x.check->name, x.check->metric,
                          x.check->variant.empty() ? "" : " [" + x.check->variant + "]",
                          value_cell(x.actual).text, expected_text(*x.check));
    text += fmt::format("{} passed, {} failed\n", passed, failed);
  } else {
    Table t;
    t.title = "Checks";
    t.key_header = "check";
    t.label_header = "Check";
    t.headers = {"Result", "Variant", "Metric", "Actual", "Expected"};
    if (several) t.headers.insert(t.headers.begin(), "File");
    for (const Outcome& x : outcomes) {
      std::vector<Cell> cells = {Cell::of(x.ok ? "PASS" : "FAIL"),
                                 Cell::of(x.check->variant.empty() ? "base" : x.check->variant),
                                 Cell::of(x.check->metric), value_cell(x.actual),
                                 Cell{expected_text(*x.check), expected_plain(*x.check)}};
      if (several) cells.insert(cells.begin(), Cell::of(x.file));
      t.rows.push_back({x.check->name, x.check->name, std::move(cells)});
    }
    text = render({t}, format, false);
  }
  // Both files are written before either is put in place: a JUnit path that
  // cannot be written leaves no -o file either.
  std::unique_ptr<OutputFile> report;
  if (!o.junit.empty()) {
    report = std::make_unique<OutputFile>(o.junit, o.files);
    report->write(junit(outcomes, sources, timestamp));
  }
  write_output(o.output, text, o.files);
  if (report) report->commit();
  return failed > 0 ? kExitCheckFailed : kExitOk;
}

}  // namespace cli
