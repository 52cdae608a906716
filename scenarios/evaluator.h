// One metric of a compiled scenario as a function of its parameters: the
// model::Evaluate that the what-if analyses call.
#pragma once

#include <span>

#include "model/analyses.h"
#include "model/metrics.h"
#include "scenarios/compiled_scenario.h"

namespace scenarios {

class MetricEvaluator {
 public:
  // `compiled` must outlive the evaluator.
  MetricEvaluator(const CompiledScenario& compiled, model::MetricQuery query)
      : compiled_(compiled),
        query_(std::move(query)),
        scenario_(compiled.base()),
        evaluation_(scenario_) {}
  // evaluation_ refers to scenario_: pass by std::ref, never copy.
  MetricEvaluator(const MetricEvaluator&) = delete;
  MetricEvaluator& operator=(const MetricEvaluator&) = delete;

  // The metric with parameter i at values[i]; an error for values the
  // scenario does not allow, or a period outside the horizon.
  model::MetricOrError operator()(std::span<const double> values);

 private:
  const CompiledScenario& compiled_;
  model::MetricQuery query_;
  model::Scenario scenario_;
  model::Evaluation evaluation_;  // of scenario_, refreshed after each apply
};

}  // namespace scenarios
