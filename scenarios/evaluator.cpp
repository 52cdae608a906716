#include "scenarios/evaluator.h"

#include <stdexcept>

namespace scenarios {

model::MetricOrError MetricEvaluator::operator()(std::span<const double> values) {
  if (auto error = compiled_.apply(values, scenario_)) {
    scenario_ = compiled_.base();  // apply() leaves it unspecified on an error
    return *error;
  }
  if (auto problem = model::horizon_problem(scenario_)) return *problem;
  evaluation_.refresh();
  std::optional<model::MetricValue> v;
  try {
    v = evaluation_.value(query_);
  } catch (const std::out_of_range& e) {
    return std::string(e.what());
  }
  if (!v) return query_.text + ": no period '" + query_.label + "' in the horizon";
  return *v;
}

}  // namespace scenarios
