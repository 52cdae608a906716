// The analyses that `report` shares with the commands that print them one at
// a time: each computes a plain result from a loaded scenario, failing as
// the command would (a usage error is Exit(2), an interruption Exit(130)).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/commands/commands.h"
#include "cli/io.h"
#include "model/analyses.h"
#include "model/metrics.h"
#include "model/montecarlo.h"

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
// What a check expects: "min 0.00", "12131595.00 ± 0.50".
std::string expected_text(const scenarios::Check& c);

// The tornado that `envelope tornado` prints for these options, and its metric.
struct TornadoRun {
  std::string metric;
  model::Tornado tornado;
};
TornadoRun run_tornado_analysis(const Loaded& loaded, const TornadoOptions& o);

// Monte Carlo (SPEC 4) with the options of `envelope montecarlo` (its output
// options unused). With draws_out, the draws' CSV is written to a temporary
// file that the caller commits once its own output is written.
struct MonteCarloRun {
  long long draws = 0, seed = 0;
  std::vector<std::string> paths, metrics;
  std::vector<model::MetricQuery> queries;
  std::vector<model::Summary> summaries;  // per metric
  std::vector<std::string> fan_labels;    // with --by: the periods of the first metric's fan
  std::vector<model::Summary> fan;
  std::vector<std::vector<double>> rank;  // [parameter][metric] Spearman correlation
  std::unique_ptr<OutputFile> draws_file;

  // Parameter p's share of metric m's variance: squared rank correlations normalised.
  double variance_share(std::size_t p, std::size_t m) const;
};
MonteCarloRun run_monte_carlo(const Loaded& loaded, const MonteCarloOptions& o);

}  // namespace cli
