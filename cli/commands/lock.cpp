// `envelope lock FILE -o LOCK` (and `report --lock LOCK`) write the figures a
// report quotes to a lock file (cli/render/lock_file.h, docs/lock-format.md);
// `envelope check FILE --lock LOCK` recomputes each and lists those that moved.
// Every figure comes from the functions the report and `run` use: the
// projection's lines, the variants, the tornado and the Monte Carlo engine.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "cli/commands/analyses.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/render/junit.h"
#include "cli/render/lock_check.h"
#include "cli/render/lock_file.h"
#include "cli/render/projection_view.h"
#include "cli/sha256.h"

namespace cli {

namespace {

using lock::Part;

// The metrics a variant is locked on: those `compare` shows by default, which
// hold those of the report's variants table.
const std::vector<std::string> kVariantMetrics = {
    "cost", "envelope", "headroom", "min_headroom", "shortfall_years", "funding",
    "gap",  "min_gap",  "npv",      "tcv",          "tcv_base",        "tcv_max"};

// The metrics the report's Monte Carlo section draws (its fan is of the
// first), and the statistics locked for each.
const std::vector<std::string> kMonteCarloMetrics = {"cost", "headroom", "min_headroom", "gap",
                                                     "min_gap"};

struct MonteCarloSetting {
  long long draws = 0, seed = 0;
};

// Whether the report has a Monte Carlo section for this scenario.
bool has_monte_carlo(const Loaded& loaded) {
  const scenarios::Sensitivity& s = loaded.analyses.sensitivity;
  return !s.parameters.empty() && (s.draws || s.seed);
}

std::vector<lock::ShapeItem> shape_of(const Loaded& loaded) {
  const model::Scenario& s = loaded.scenario;
  std::vector<lock::ShapeItem> out;
  for (const model::Contract& c : s.contracts)
    out.push_back({"contract", c.id});
  for (const std::string& g : groups_of(s))
    out.push_back({"group", g});
  for (const model::FundingStream& f : s.funding)
    out.push_back({"stream", f.id});
  for (const scenarios::Variant& v : loaded.analyses.variants)
    out.push_back({"variant", v.name});
  model::Evaluation e(s);
  for (const model::Period& p : e.projection(model::Basis::financial_year).periods)
    out.push_back({"period", p.label});
  const scenarios::Sensitivity& sensitivity = loaded.analyses.sensitivity;
  if (!sensitivity.parameters.empty()) {
    out.push_back({"tornado.metric", default_metric(loaded, "")});
    for (const auto& p : sensitivity.parameters)
      out.push_back({"tornado.parameter", p.path});
  }
  if (has_monte_carlo(loaded))
    for (const std::string& m : kMonteCarloMetrics)
      out.push_back({"montecarlo.metric", m});
  return out;
}

model::MetricValue metric(model::Evaluation& e, const std::string& name) {
  return *e.value(parse_metric_arg(name, e.scenario()));
}

void add(lock::Lock& l, Part part, std::string name, const model::MetricValue& v) {
  l.figures.push_back({std::move(name), part, v, 0});
}

void add_money(lock::Lock& l, Part part, std::string name, model::Money m) {
  add(l, part, std::move(name), model::MetricValue{m, 0, false});
}

// Every horizon-total metric, as `run --format json` gives them.
void add_metrics(lock::Lock& l, model::Evaluation& e) {
  for (const std::string& name : model::all_metric_names(e.scenario()))
    add(l, Part::metrics, name, metric(e, name));
}

// Every line of the projection by financial year, period by period.
void add_periods(lock::Lock& l, model::Evaluation& e) {
  const model::Projection& p = e.projection(model::Basis::financial_year);
  for (const ProjectionLine& line : projection_lines(e.scenario(), p))
    for (std::size_t i = 0; i < p.periods.size(); ++i)
      add_money(l, Part::periods, line.key + "@" + p.periods[i].label, line.amounts[i]);
}

void add_variants(lock::Lock& l, const Loaded& loaded) {
  if (loaded.analyses.variants.empty()) return;
  std::vector<NamedScenario> cases = variant_scenarios(loaded, {});
  for (std::size_t i = 1; i < cases.size(); ++i) {  // [0] is the base
    model::Evaluation e(cases[i].scenario);
    for (const std::string& name : kVariantMetrics)
      add(l, Part::variants, fmt::format("variant[{}].{}", cases[i].name, name), metric(e, name));
  }
}

// The tornado's rows in the order of sensitivity.parameters, not by swing,
// so that a change of order alone moves no line of the lock.
void add_tornado(lock::Lock& l, const Loaded& loaded) {
  if (loaded.analyses.sensitivity.parameters.empty()) return;
  TornadoOptions options;
  options.file = loaded.source;
  TornadoRun run = run_tornado_analysis(loaded, options);
  for (const auto& p : loaded.analyses.sensitivity.parameters)
    for (const model::TornadoRow& r : run.tornado.rows) {
      if (r.parameter != p.path) continue;
      std::string name = "tornado[" + r.parameter + "].";
      add(l, Part::tornado, name + "at_low", r.at_low);
      add(l, Part::tornado, name + "at_high", r.at_high);
      add(l, Part::tornado, name + "swing", r.swing);
    }
}

void add_summary(lock::Lock& l, const std::string& subject, const model::Summary& s,
                 long long draws) {
  const std::pair<const char*, double> stats[] = {{"mean", s.mean}, {"se", s.se},   {"sd", s.sd},
                                                  {"min", s.min},   {"p5", s.p5},   {"p10", s.p10},
                                                  {"p25", s.p25},   {"p50", s.p50}, {"p75", s.p75},
                                                  {"p90", s.p90},   {"p95", s.p95}, {"max", s.max}};
  std::string name = "montecarlo[" + subject + "].";
  for (auto [stat, value] : stats)  // two-decimal figures (model/montecarlo.h): exact in pence
    add_money(l, Part::montecarlo, name + stat, model::round_to_pence(value * 100));
  long below = static_cast<long>(std::llround(s.p_below_zero * static_cast<double>(draws)));
  add(l, Part::montecarlo, name + "below_zero", model::MetricValue{{}, below, true});
}

// Monte Carlo as the report runs it, with `setting`'s draws and seed when given.
void add_monte_carlo(lock::Lock& l, const Loaded& loaded,
                     std::optional<MonteCarloSetting> setting) {
  if (!has_monte_carlo(loaded)) return;
  MonteCarloRequest request;
  request.fan_basis = model::Basis::financial_year;
  request.metrics = kMonteCarloMetrics;
  if (setting) {
    request.draws = setting->draws;
    request.seed = setting->seed;
  }
  model::MonteCarloSummary run = simulate(loaded, request);
  l.draws = static_cast<long long>(run.draws);
  l.seed = static_cast<long long>(run.seed);
  for (std::size_t m = 0; m < run.metrics.size(); ++m)
    add_summary(l, run.metrics[m], run.metric_summaries[m], *l.draws);
  for (std::size_t p = 0; p < run.fan.size(); ++p)
    add_summary(l, run.metrics[0] + "@" + run.fan_periods[p], run.fan[p], *l.draws);
}

// The lock of `loaded` (read with `sets`): every figure, in the documented order.
lock::Lock compute_lock(const Loaded& loaded, const std::vector<std::string>& sets,
                        std::optional<MonteCarloSetting> setting = std::nullopt) {
  lock::Lock l;
  l.tool = "envelope " ENVELOPE_VERSION;
  for (const Input& file : loaded.files)
    l.inputs.push_back({sha256_hex(file.text), file.source});
  l.sets = sets;
  l.shape = shape_of(loaded);
  model::Evaluation e(loaded.scenario);
  add_metrics(l, e);
  add_periods(l, e);
  add_variants(l, loaded);
  add_tornado(l, loaded);
  add_monte_carlo(l, loaded, setting);
  return l;
}

lock::Lock read_lock(const std::string& path) {
  Input input = read_input(path);
  auto parsed = lock::parse_lock(input.text, input.source);
  if (auto* errors = std::get_if<std::vector<std::string>>(&parsed)) {
    for (const std::string& e : *errors)
      std::cerr << e << "\n";
    throw Exit(kExitBadInput);
  }
  return std::get<lock::Lock>(std::move(parsed));
}

double tolerance_of(const CheckOptions& o) {
  if (o.tolerance.empty()) return 0;
  double t = parse_number_arg(o.tolerance, "--tolerance");
  if (!(t >= 0) || t > 1e15)
    fail_usage(fmt::format("--tolerance {}: expected an amount in pounds, 0 or more", o.tolerance));
  return t;
}

// A word as a shell reads it back: quoted unless it is plain.
std::string shell_word(const std::string& word) {
  bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("._=/-:%,").find(c) != std::string_view::npos;
  });
  if (plain) return word;
  std::string out = "'";
  for (char c : word)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Exit 2, naming each difference, when `quoted` is not a lock of `loaded`.
void refuse_other_shape(const lock::Lock& quoted, const lock::Lock& now, const CheckOptions& o,
                        const std::string& file) {
  std::vector<std::string> differences = lock::shape_differences(quoted, now, o.lock, file);
  if (differences.empty()) return;
  for (const std::string& d : differences)
    std::cerr << d << "\n";
  std::string sets;
  for (const std::string& set : quoted.sets)
    sets += " --set " + shell_word(set);
  fail_usage(fmt::format(
      "{} is not a lock of {} as it is now; if the change is meant, lock it again: envelope "
      "lock {}{} -o {}",
      o.lock, file, shell_word(o.files[0]), sets, shell_word(o.lock)));
}

std::string check_text(const lock::Comparison& c, Format format) {
  if (format == Format::json) return lock::comparison_json(c);
  if (format == Format::csv) return render({lock::moved_table(c)}, format, false);
  if (c.moved() == 0) return lock::summary_line(c);
  std::string table = render({lock::moved_table(c)}, format, false);
  return table + "\n" + lock::summary_line(c);
}

}  // namespace

int run_check_lock(const CheckOptions& o) {
  if (o.files.size() != 1)
    fail_usage(fmt::format("--lock {} is the lock of one scenario: give one FILE, not {}", o.lock,
                           o.files.size()));
  refuse_same_outputs({{"-o", o.output}, {"--junit", o.junit}});
  Format format = choose_format(o.format, o.output, {o.files[0], o.lock});
  double tolerance = tolerance_of(o);
  auto started = std::chrono::steady_clock::now();
  lock::Lock quoted = read_lock(o.lock);
  std::vector<std::string> sets = quoted.sets;  // as the figures were made, then --set
  sets.insert(sets.end(), o.sets.begin(), o.sets.end());
  Loaded loaded = load_scenario(o.files[0], sets);
  std::optional<MonteCarloSetting> setting;
  if (quoted.draws && quoted.seed) setting = MonteCarloSetting{*quoted.draws, *quoted.seed};
  lock::Lock now = compute_lock(loaded, sets, setting);
  refuse_other_shape(quoted, now, o, loaded.source);
  lock::Comparison c = lock::compare_locks(quoted, now, tolerance, o.filter);
  if (c.figures.empty())
    fail_usage(fmt::format("--filter {}: no figure of {} has '{}' in its name", o.filter, o.lock,
                           o.filter));
  c.lock = o.lock;
  c.file = loaded.source;
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Both files are written before either is put in place, as `check` does.
  std::unique_ptr<OutputFile> junit;
  if (!o.junit.empty()) {
    junit = std::make_unique<OutputFile>(o.junit, std::vector<std::string>{o.files[0], o.lock});
    junit->write(lock::comparison_junit(c, utc_timestamp()));
  }
  write_output(o.output, check_text(c, format), {o.files[0], o.lock});
  if (junit) junit->commit();
  return c.moved() > 0 ? kExitCheckFailed : kExitOk;
}

int run_lock(const LockOptions& o) {
  refuse_overwriting_input(o.output, {o.file});
  Loaded loaded = load_scenario(o.file, o.sets);
  write_output(o.output, lock::to_text(compute_lock(loaded, o.sets)), {o.file});
  return kExitOk;
}

std::unique_ptr<OutputFile> write_report_lock(const Loaded& loaded,
                                              const std::vector<std::string>& sets,
                                              const std::string& path) {
  auto file = std::make_unique<OutputFile>(path, std::vector<std::string>{loaded.source});
  file->write(lock::to_text(compute_lock(loaded, sets)));
  return file;
}

}  // namespace cli
