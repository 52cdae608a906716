// The analyses that `report` shares with the commands that print them one at
// a time: each computes a plain result from a loaded scenario, failing as
// the command would (a usage error is Exit(2), an interruption Exit(130)).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands/commands.h"
#include "cli/io.h"
#include "cli/render/checks.h"
#include "model/analyses.h"
#include "model/metrics.h"
#include "model/montecarlo.h"
#include "model/simulation.h"

namespace cli {

// Base and variants, each compiled: base first, then each of `specs` (a
// variant's name, or ad hoc 'NAME:PATH=VALUE,PATH=VALUE'); with no specs,
// every variant of the scenario.
struct NamedScenario {
  std::string name;
  model::Scenario scenario;
};
std::vector<NamedScenario> variant_scenarios(const Loaded& loaded,
                                             const std::vector<std::string>& specs);

// The tree of one variant `spec`, before compiling: a named variant applied,
// or an ad hoc one with each assignment located in its --variant argument.
// Its errors end the command (exit 2).
struct VariantTree {
  std::string name;
  scenarios::Node tree;
  std::vector<std::string> paths;  // the paths it sets
};
VariantTree variant_tree(const Loaded& loaded, const std::string& spec);

// Each check of the scenario (those whose name holds `filter`) and its outcome.
struct CheckOutcome {
  const scenarios::Check* check = nullptr;
  model::MetricValue actual;
  bool ok = false;
  double seconds = 0;  // how long the check took to evaluate
};
std::vector<CheckOutcome> run_checks(const Loaded& loaded, const std::string& filter);

// The tornado that `envelope tornado` prints for these options, and its metric.
struct TornadoRun {
  std::string metric;
  model::Tornado tornado;
};
TornadoRun run_tornado_analysis(const Loaded& loaded, const TornadoOptions& o);

// Monte Carlo (SPEC 4) of `metrics`, with a fan of the first per period of
// `fan_basis` when it is given, drawn by model::run_monte_carlo. Draws and
// seed default to the scenario's sensitivity.montecarlo, else 10,000 and 1;
// threads to the machine's cores. Ctrl-C stops it (Exit(130)); a draw the
// scenario refuses, or correlations that cannot hold, end the command (exit 2).
// `on_draws` sees every draw before they are summarised.
struct MonteCarloRequest {
  std::vector<std::string> metrics;  // default cost, headroom, gap, min_headroom, min_gap, npv
  std::optional<model::Basis> fan_basis;
  std::optional<long long> draws, seed;
  int threads = 0;
  bool progress = false;  // a progress bar, when standard error is a terminal
};
model::MonteCarloSummary simulate(
    const Loaded& loaded, const MonteCarloRequest& request,
    const std::function<void(const model::DrawTable&)>& on_draws = {});

// Ctrl-C sets a flag while one of these lives (the action before is restored
// however it ends; one that was ignored stays ignored); stop_if_interrupted
// then ends the command: "interrupted while DOING; nothing written" (Exit(130)).
class InterruptHandler {
 public:
  InterruptHandler();
  InterruptHandler(const InterruptHandler&) = delete;
  InterruptHandler& operator=(const InterruptHandler&) = delete;
  ~InterruptHandler();

 private:
  void (*previous_)(int);
};
void stop_if_interrupted(const char* doing);

}  // namespace cli
