// Monte Carlo for the commands that run it (montecarlo, report, lock): a plan
// from the scenario's sensitivity block, model::run_monte_carlo with a
// compiled scenario per thread, and what ends the command.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/commands/analyses.h"
#include "cli/commands/common.h"
#include "scenarios/evaluator.h"
#include "scenarios/limits.h"

namespace cli {

namespace {

std::atomic<bool> g_interrupted{false};

void on_interrupt(int) {
  g_interrupted = true;
}

const std::vector<std::string> kDefaultMetrics = {"cost",         "headroom", "gap",
                                                  "min_headroom", "min_gap",  "npv"};

model::Distribution distribution_of(const scenarios::ParameterSpec& p) {
  using Kind = model::Distribution::Kind;
  static const std::pair<const char*, Kind> kinds[] = {
      {"uniform", Kind::uniform}, {"triangular", Kind::triangular}, {"pert", Kind::pert},
      {"normal", Kind::normal},   {"lognormal", Kind::lognormal},   {"discrete", Kind::discrete}};
  model::Distribution d;
  for (auto [name, kind] : kinds)
    if (p.dist == name) d.kind = kind;
  d.low = p.low.value_or(0);
  d.high = p.high.value_or(0);
  d.mode = p.mode.value_or(0);
  d.mean = p.mean.value_or(0);
  d.sd = p.sd.value_or(1);
  d.values = p.values;
  d.weights = p.weights;
  return d;
}

// A draw the scenario refuses: located at the parameters that drew it, with
// their values, so that the range to narrow can be found.
[[noreturn]] void refuse_draw(const Loaded& loaded, const model::MonteCarloPlan& plan,
                              const model::RefusedDraw& refused) {
  std::vector<std::string> drawn, names = model::value_names(plan);
  for (std::size_t p = 0; p < names.size(); ++p)  // shortest round trip
    drawn.push_back(fmt::format("{} = {}", names[p], refused.values[p]));
  std::string where = "envelope";
  for (const auto& spec : loaded.analyses.sensitivity.parameters)
    if (spec.mark.source) {
      where = fmt::format("{}:{}:{}: sensitivity.parameters", *spec.mark.source, spec.mark.line,
                          spec.mark.column);
      break;
    }
  std::cerr << fmt::format(
      "{}: draw {} ({}) is refused: {}; narrow the ranges so that every value they can draw is "
      "allowed\n",
      where, refused.draw, fmt::join(drawn, ", "), refused.why);
  throw Exit(kExitBadInput);
}

// A progress bar on standard error until `finished`.
void show_progress(long long draws, const std::atomic<long long>& done,
                   const std::atomic<bool>& finished) {
  while (!finished) {
    int width = 40, filled = static_cast<int>(width * done.load() / std::max(1LL, draws));
    std::fprintf(stderr, "\r[%s%s] %lld/%lld draws", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), done.load(), draws);
    std::fflush(stderr);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::fprintf(stderr, "\r%80s\r", "");
}

struct Planned {
  model::MonteCarloPlan plan;
  std::vector<model::MetricQuery> metrics, fan;
};

// The scenario compiled for a draw's values: a per-year parameter's rate
// written as a list of its steps, each step an element parameter, so that a
// draw is the scenario that `--set 'PATH=[v1, v2, ...]'` gives.
scenarios::CompiledScenario compile_draws(const Loaded& loaded, const model::MonteCarloPlan& plan) {
  scenarios::Node tree = loaded.tree;
  std::vector<std::string> paths;
  for (std::size_t p = 0; p < plan.parameters.size(); ++p) {
    if (!loaded.analyses.sensitivity.parameters[p].per_year) {
      paths.push_back(plan.parameters[p]);
      continue;
    }
    tree =
        scenarios::with_steps(std::move(tree), plan.parameters[p], plan.stepping[p].steps, paths);
  }
  scenarios::Diagnostics errors;
  auto compiled = scenarios::CompiledScenario::compile(std::move(tree), paths, errors);
  if (!compiled) {
    for (const auto& d : errors.items())
      std::cerr << scenarios::to_string(d) << "\n";
    throw Exit(kExitBadInput);
  }
  return std::move(*compiled);
}

Planned plan_of(const Loaded& loaded, const MonteCarloRequest& r) {
  const scenarios::Sensitivity& sens = loaded.analyses.sensitivity;
  if (sens.parameters.empty()) fail_usage("no sensitivity.parameters to draw");
  Planned out;
  model::MonteCarloPlan& plan = out.plan;
  for (const auto& p : sens.parameters) {
    plan.parameters.push_back(p.path);
    plan.distributions.push_back(distribution_of(p));
    int steps = p.per_year ? scenarios::rate_steps(loaded.tree, loaded.scenario, p.path) : 1;
    plan.stepping.push_back({steps, p.autocorrelation});
  }
  auto index = [&](const std::string& path) {
    const auto& names = plan.parameters;
    return static_cast<int>(std::find(names.begin(), names.end(), path) - names.begin());
  };
  for (const auto& c : sens.correlation)
    plan.correlations.push_back({index(c.a), index(c.b), c.rho});
  auto factor = model::copula_factor(plan.parameters.size(), plan.correlations, plan.parameters);
  if (auto* error = std::get_if<std::string>(&factor))
    fail_usage("sensitivity.correlation: " + *error);
  plan.draws = static_cast<std::uint64_t>(r.draws.value_or(sens.draws.value_or(10000)));
  plan.seed = static_cast<std::uint64_t>(r.seed.value_or(sens.seed.value_or(1)));
  if (plan.draws > static_cast<std::uint64_t>(scenarios::kMaxDraws))
    fail_usage("at most 100,000,000 draws (the limit)");
  int threads = r.threads > 0 ? r.threads : static_cast<int>(std::thread::hardware_concurrency());
  plan.threads = std::max(1, threads);
  plan.metrics = r.metrics.empty() ? kDefaultMetrics : r.metrics;
  for (const auto& m : plan.metrics) {
    out.metrics.push_back(parse_metric_arg(m, loaded.scenario));
    bool count = out.metrics.back().measure == model::Measure::shortfall_years;
    plan.scales.push_back(count ? model::Scale::count : model::Scale::pence);
  }
  if (r.fan_basis) {
    model::Evaluation base(loaded.scenario);
    for (const auto& period : base.projection(*r.fan_basis).periods) {
      plan.fan_periods.push_back(period.label);
      out.fan.push_back(parse_metric_arg(plan.metrics[0] + "@" + period.label, loaded.scenario));
    }
  }
  return out;
}

}  // namespace

InterruptHandler::InterruptHandler() : previous_(std::signal(SIGINT, on_interrupt)) {
  if (previous_ == SIG_IGN) std::signal(SIGINT, SIG_IGN);
}

InterruptHandler::~InterruptHandler() {
  std::signal(SIGINT, previous_);
}

void stop_if_interrupted(const char* doing) {
  if (g_interrupted) throw Exit(130, fmt::format("interrupted while {}; nothing written", doing));
}

model::MonteCarloSummary simulate(const Loaded& loaded, const MonteCarloRequest& request,
                                  const std::function<void(const model::DrawTable&)>& on_draws) {
  g_interrupted = false;
  InterruptHandler handler;
  Planned planned = plan_of(loaded, request);
  const model::MonteCarloPlan& plan = planned.plan;
  // Compiled once here, so that its errors end the command before any thread starts.
  scenarios::CompiledScenario first = compile_draws(loaded, plan);
  std::atomic<bool> first_taken{false};
  auto factory = [&]() -> std::unique_ptr<model::DrawModel> {
    scenarios::CompiledScenario compiled =
        first_taken.exchange(true) ? compile_draws(loaded, plan) : std::move(first);
    return std::make_unique<scenarios::DrawEvaluator>(std::move(compiled), planned.metrics,
                                                      planned.fan);
  };
  std::atomic<long long> done{0};
  std::atomic<bool> finished{false};
  model::MonteCarloCallbacks callbacks;
  callbacks.progress = [&](long long d) { done += d; };
  callbacks.stop = [] { return g_interrupted.load(); };
  callbacks.draws = [&](const model::DrawTable& table) {
    finished = true;
    if (on_draws) on_draws(table);
  };
  std::thread progress;
  if (request.progress && isatty(STDERR_FILENO))
    progress = std::thread(show_progress, static_cast<long long>(plan.draws), std::cref(done),
                           std::cref(finished));
  auto outcome = [&] {
    struct Join {  // the bar goes however the draws end
      std::atomic<bool>& finished;
      std::thread& progress;
      ~Join() {
        finished = true;
        if (progress.joinable()) progress.join();
      }
    } join{finished, progress};
    return model::run_monte_carlo(plan, factory, callbacks);
  }();
  if (auto* bad = std::get_if<model::BadCorrelation>(&outcome))
    fail_usage("sensitivity.correlation: " + bad->message);
  if (auto* refused = std::get_if<model::RefusedDraw>(&outcome))
    refuse_draw(loaded, plan, *refused);
  if (auto* stopped = std::get_if<model::Stopped>(&outcome)) {
    if (stopped->during_draws)
      throw Exit(130, fmt::format("interrupted after {} of {} draws; nothing written",
                                  stopped->done, plan.draws));
    throw Exit(130, "interrupted while summarising the draws; nothing written");
  }
  return std::get<model::MonteCarloSummary>(std::move(outcome));
}

}  // namespace cli
