// Metrics of a compiled scenario as a function of its parameters: the one
// evaluator behind the what-if analyses (model::Evaluate, one metric) and
// Monte Carlo (model::DrawModel, several metrics and a fan).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/analyses.h"
#include "model/metrics.h"
#include "model/simulation.h"
#include "scenarios/compiled_scenario.h"

namespace scenarios {

class MetricEvaluator {
 public:
  // `compiled` must outlive the evaluator.
  MetricEvaluator(const CompiledScenario& compiled, std::vector<model::MetricQuery> queries);
  MetricEvaluator(const CompiledScenario& compiled, model::MetricQuery query)
      : MetricEvaluator(compiled, std::vector<model::MetricQuery>{std::move(query)}) {}
  // evaluation_ refers to scenario_: pass by std::ref, never copy.
  MetricEvaluator(const MetricEvaluator&) = delete;
  MetricEvaluator& operator=(const MetricEvaluator&) = delete;

  // Every metric with parameter i at values[i], into `out` (one per query;
  // nothing for a period outside the horizon); or why the scenario does not
  // allow the values.
  std::optional<std::string> evaluate(std::span<const double> values,
                                      std::span<std::optional<model::MetricValue>> out);
  // The first metric; a period outside the horizon is an error.
  model::MetricOrError operator()(std::span<const double> values);

 private:
  const CompiledScenario& compiled_;
  std::vector<model::MetricQuery> queries_;
  // The order the queries are evaluated in: the horizon's cost last, which
  // needs no projection alone and is free once another query made one.
  std::vector<std::size_t> order_;
  model::Scenario scenario_;
  model::Evaluation evaluation_;  // of scenario_, refreshed after each apply
};

// A Monte Carlo draw's metrics and fan (model/simulation.h) from a scenario
// compiled for the draw's parameters: a metric naming a period outside the
// horizon refuses the draw; a fan period outside it counts zero.
class DrawEvaluator final : public model::DrawModel {
 public:
  DrawEvaluator(CompiledScenario compiled, const std::vector<model::MetricQuery>& metrics,
                const std::vector<model::MetricQuery>& fan);
  std::optional<std::string> evaluate(std::span<const double> values,
                                      std::span<std::int64_t> out) override;

 private:
  std::unique_ptr<CompiledScenario> compiled_;
  std::vector<std::string> names_;  // of the metrics, then the fan
  std::size_t metrics_;
  MetricEvaluator evaluator_;
  std::vector<std::optional<model::MetricValue>> values_;
};

}  // namespace scenarios
