#include "cli/commands/common.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <iostream>

#include "scenarios/numbers.h"

namespace cli {

double parse_number_arg(const std::string& text, const std::string& option) {
  auto v = scenarios::parse_rate(text);
  if (!v) fail_usage(fmt::format("{} {}: expected a number", option, text));
  return *v;
}

long long parse_whole_arg(const std::string& text, const std::string& option,
                          const std::string& what, long long low, long long high) {
  // Digits (with thousands commas) exactly; else a number such as 2e4 that is whole.
  std::string digits;
  for (char c : text)
    if (c != ',') digits += c;
  long long v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  bool ok = ec == std::errc() && end == digits.data() + digits.size() && !digits.empty();
  if (!ok && ec != std::errc::result_out_of_range) {
    auto x = scenarios::parse_number(text);
    ok = x && std::floor(*x) == *x && std::fabs(*x) < 9e18;
    if (ok) v = static_cast<long long>(*x);
  }
  if (!ok || v < low || v > high)
    fail_usage(fmt::format("{} {}: expected {} from {} to {}", option, text, what, count_text(low),
                           count_text(high)));
  return v;
}

model::MetricQuery parse_metric_arg(const std::string& name, const model::Scenario& s) {
  auto parsed = model::parse_metric(name, s);
  if (auto* error = std::get_if<std::string>(&parsed)) fail_usage(*error);
  return std::get<model::MetricQuery>(std::move(parsed));
}

void fail_no_period(const model::MetricQuery& q, const model::Scenario& s) {
  auto periods = model::periods_of(*model::horizon_of(s), *q.basis, s.fiscal_year_start);
  fail_usage(fmt::format("{}: no period '{}' in the horizon ({} to {})", q.text, q.label,
                         periods.front().label, periods.back().label));
}

scenarios::CompiledScenario compile_parameters(const Loaded& loaded,
                                               const std::vector<std::string>& paths,
                                               const std::vector<scenarios::Mark>& marks) {
  scenarios::Diagnostics errors;
  auto compiled = scenarios::CompiledScenario::compile(loaded.tree, paths, errors, marks);
  if (!compiled) {
    for (const auto& d : errors.items())
      std::cerr << scenarios::to_string(d) << "\n";
    throw Exit(kExitBadInput);
  }
  return std::move(*compiled);
}

std::string default_metric(const Loaded& loaded, const std::string& metric) {
  return metric.empty() ? loaded.analyses.sensitivity.metric : metric;
}

}  // namespace cli
