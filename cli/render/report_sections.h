// The sections of `envelope report` (cli/render/report.h), each laid out
// from a result computed elsewhere: the scenario and its evaluation, and the
// same Comparison, Tornado, MonteCarloSummary and CheckResults that compare,
// tornado, montecarlo and check render. The command decides which apply.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/io.h"
#include "cli/render/checks.h"
#include "cli/render/comparison.h"
#include "cli/render/report.h"
#include "model/analyses.h"
#include "model/metrics.h"
#include "model/simulation.h"
#include "scenarios/compiled_scenario.h"

namespace cli::report {

// The metrics the variants section compares (name, label), in its order.
extern const std::vector<std::pair<std::string, std::string>> kVariantMetrics;
// The metrics the Monte Carlo section draws (name, label); the fan is of the first.
extern const std::vector<std::pair<std::string, std::string>> kMonteCarloMetrics;

// Headline figures of the whole horizon.
Section summary_section(const model::Scenario& s, model::Evaluation& e);
// Every number of the scenario (`numbers`, as compiled) and each contract's terms.
Section assumptions_section(const model::Scenario& s,
                            const std::vector<scenarios::CompiledScenario::Path>& numbers);
// The projection `p` by financial year, with its cost chart.
Section projection_section(const model::Scenario& s, const model::Projection& p);
Section contracts_section(const model::Scenario& s);
// Base and variants; `c.metrics` are names of kVariantMetrics.
Section variants_section(const Comparison& c);
Section tornado_section(const std::string& metric, const model::Tornado& t);
// `run` is of kMonteCarloMetrics, with a fan by financial year.
Section montecarlo_section(const model::MonteCarloSummary& run);
Section checks_section(const CheckResults& results);

// What produced the figures: the files read, --set overrides, the Monte Carlo
// seed when one was drawn, --date when given.
struct Provenance {
  std::vector<Input> files;
  std::vector<std::string> sets;
  std::optional<long long> seed;
  std::optional<std::string> date;
};
Section provenance_section(const Provenance& p);

}  // namespace cli::report
