#include "scenarios/evaluator.h"

namespace scenarios {

model::MetricOrError MetricEvaluator::operator()(std::span<const double> values) {
  if (auto error = compiled_.apply(values, scenario_)) {
    scenario_ = compiled_.base();  // apply() leaves it unspecified on an error
    return *error;
  }
  if (!model::horizon_of(scenario_)) return std::string("the horizon is empty");
  model::Evaluation evaluation(scenario_);
  auto v = evaluation.value(query_);
  if (!v) return query_.text + ": no period '" + query_.label + "' in the horizon";
  return *v;
}

}  // namespace scenarios
