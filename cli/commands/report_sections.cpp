// The report's sections: each analysis computed here as its command computes
// it, then laid out by cli/render/report_sections.h.
#include "cli/commands/report_sections.h"

#include <algorithm>

#include "cli/commands/analyses.h"
#include "cli/commands/common.h"
#include "cli/render/report_sections.h"
#include "model/metrics.h"

namespace cli {

namespace {

using report::Section;

std::optional<Section> variants_section(const Loaded& loaded) {
  std::vector<NamedScenario> cases = variant_scenarios(loaded, {});
  if (cases.size() < 2) return std::nullopt;
  Comparison c;
  std::vector<model::Evaluation> evaluations;
  for (const NamedScenario& named : cases) {
    c.cases.push_back(named.name);
    evaluations.emplace_back(named.scenario);
  }
  for (const auto& [name, label] : report::kVariantMetrics) {
    c.metrics.push_back(name);
    std::vector<model::MetricValue>& values = c.values.emplace_back();
    for (model::Evaluation& e : evaluations)
      values.push_back(*e.value(parse_metric_arg(name, e.scenario())));
  }
  return report::variants_section(c);
}

std::optional<Section> tornado_section(const Loaded& loaded) {
  if (loaded.analyses.sensitivity.parameters.empty()) return std::nullopt;
  TornadoOptions options;
  options.file = loaded.source;
  TornadoRun run = run_tornado_analysis(loaded, options);
  return report::tornado_section(run.metric, run.tornado);
}

std::optional<Section> montecarlo_section(const Loaded& loaded, long long& seed) {
  const scenarios::Sensitivity& sens = loaded.analyses.sensitivity;
  if (sens.parameters.empty() || (!sens.draws && !sens.seed)) return std::nullopt;
  MonteCarloRequest request;
  request.fan_basis = model::Basis::financial_year;
  for (const auto& m : report::kMonteCarloMetrics)
    request.metrics.push_back(m.first);
  model::MonteCarloSummary run = simulate(loaded, request);
  seed = static_cast<long long>(run.seed);
  return report::montecarlo_section(run);
}

std::optional<Section> checks_section(const Loaded& loaded) {
  if (loaded.analyses.checks.empty()) return std::nullopt;
  CheckResults results{{}, {loaded.source}, 0, 0};
  for (const CheckOutcome& c : run_checks(loaded, "")) {
    results.lines.push_back({c.check, c.actual, c.ok, c.seconds, loaded.source, 0});
    (c.ok ? results.passed : results.failed) += 1;
  }
  return report::checks_section(results);
}

}  // namespace

report::Report build_report(const Loaded& loaded, const std::string& title,
                            const ReportSettings& settings) {
  auto wanted = [&](const char* id) {
    return std::find(settings.sections.begin(), settings.sections.end(), id) !=
           settings.sections.end();
  };
  const model::Scenario& s = loaded.scenario;
  model::Evaluation e(s);
  report::Report r{title, {}};
  auto add = [&](std::optional<Section> section) {
    if (section) r.sections.push_back(std::move(*section));
  };
  if (wanted("summary")) add(report::summary_section(s, e));
  if (wanted("assumptions"))
    add(report::assumptions_section(s, compile_parameters(loaded, {}).numeric_paths()));
  if (wanted("projection"))
    add(report::projection_section(s, e.projection(model::Basis::financial_year)));
  if (wanted("contracts")) add(report::contracts_section(s));
  if (wanted("variants")) add(variants_section(loaded));
  if (wanted("tornado")) add(tornado_section(loaded));
  long long seed = -1;
  if (wanted("montecarlo")) add(montecarlo_section(loaded, seed));
  if (wanted("checks")) add(checks_section(loaded));
  if (wanted("provenance"))
    add(report::provenance_section({loaded.files, settings.sets,
                                    seed >= 0 ? std::optional<long long>(seed) : std::nullopt,
                                    settings.date}));
  return r;
}

}  // namespace cli
