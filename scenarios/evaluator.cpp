#include "scenarios/evaluator.h"

#include <stdexcept>

namespace scenarios {

MetricEvaluator::MetricEvaluator(const CompiledScenario& compiled,
                                 std::vector<model::MetricQuery> queries)
    : compiled_(compiled),
      queries_(std::move(queries)),
      scenario_(compiled.base()),
      evaluation_(scenario_) {
  auto plain_cost = [&](std::size_t q) {
    return queries_[q].measure == model::Measure::cost && !queries_[q].basis;
  };
  for (int last = 0; last < 2; ++last)
    for (std::size_t q = 0; q < queries_.size(); ++q)
      if (plain_cost(q) == (last == 1)) order_.push_back(q);
}

std::optional<std::string> MetricEvaluator::evaluate(
    std::span<const double> values, std::span<std::optional<model::MetricValue>> out) {
  if (auto error = compiled_.apply(values, scenario_)) {
    scenario_ = compiled_.base();  // apply() leaves it unspecified on an error
    return error;
  }
  std::optional<model::Horizon> horizon = model::horizon_of(scenario_);
  if (auto problem = model::horizon_problem(horizon)) return problem;
  evaluation_.refresh(*horizon);
  try {
    for (std::size_t q : order_)
      out[q] = evaluation_.value(queries_[q]);
  } catch (const std::out_of_range& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

model::MetricOrError MetricEvaluator::operator()(std::span<const double> values) {
  std::optional<model::MetricValue> v;
  if (auto error = evaluate(values, std::span(&v, 1))) return *error;
  const model::MetricQuery& q = queries_.front();
  if (!v) return q.text + ": no period '" + q.label + "' in the horizon";
  return *v;
}

namespace {

std::vector<model::MetricQuery> joined(std::vector<model::MetricQuery> a,
                                       const std::vector<model::MetricQuery>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

DrawEvaluator::DrawEvaluator(CompiledScenario compiled,
                             const std::vector<model::MetricQuery>& metrics,
                             const std::vector<model::MetricQuery>& fan)
    : compiled_(std::make_unique<CompiledScenario>(std::move(compiled))),
      metrics_(metrics.size()),
      evaluator_(*compiled_, joined(metrics, fan)),
      values_(metrics.size() + fan.size()) {
  for (const auto& q : metrics)
    names_.push_back(q.text);
}

std::optional<std::string> DrawEvaluator::evaluate(std::span<const double> values,
                                                   std::span<std::int64_t> out) {
  if (auto why = evaluator_.evaluate(values, values_)) return why;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (!values_[i] && i < metrics_) return names_[i] + ": no such period in the horizon";
    const model::MetricValue v = values_[i].value_or(model::MetricValue{});
    out[i] = v.is_count ? v.count : v.money.pence;
  }
  return std::nullopt;
}

}  // namespace scenarios
