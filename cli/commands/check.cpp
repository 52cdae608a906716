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
#include "cli/render/checks.h"
#include "cli/render/junit.h"
#include "model/analyses.h"
#include "scenarios/scenario_reader.h"

namespace cli {

namespace {

// A check's outcome and the file it came from.
struct Outcome : CheckOutcome {
  std::string file;
  std::size_t file_index = 0;
};

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
  CheckResults results{{}, sources, passed, failed};
  for (const Outcome& x : outcomes)
    results.lines.push_back({x.check, x.actual, x.ok, x.seconds, x.file, x.file_index});
  std::string text = format == Format::json    ? checks_json(results)
                     : format == Format::table ? checks_lines(results)
                                               : render({checks_table(results)}, format, false);
  // Both files are written before either is put in place: a JUnit path that
  // cannot be written leaves no -o file either.
  std::unique_ptr<OutputFile> report;
  if (!o.junit.empty()) {
    report = std::make_unique<OutputFile>(o.junit, o.files);
    report->write(checks_junit(results, timestamp));
  }
  write_output(o.output, text, o.files);
  if (report) report->commit();
  return failed > 0 ? kExitCheckFailed : kExitOk;
}

}  // namespace cli
