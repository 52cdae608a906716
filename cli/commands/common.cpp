#include "cli/commands/common.h"

#include <fmt/format.h>

#include <iostream>

#include "scenarios/numbers.h"

namespace cli {

std::string render(const std::vector<Table>& tables, Format format, bool colour) {
  std::string out;
  for (const Table& t : tables) {
    if (!out.empty()) out += "\n";
    switch (format) {
      case Format::csv:
        out += render_csv(t);
        break;
      case Format::markdown:
        out += render_markdown(t);
        break;
      default:
        out += render_text(t, colour);
    }
  }
  return out;
}

Cell value_cell(const model::MetricValue& v) {
  return v.is_count ? Cell::count(v.count) : Cell::amount(v.money);
}

void write_value(JsonWriter& w, const model::MetricValue& v) {
  if (v.is_count)
    w.integer(v.count);
  else
    w.money(v.money);
}

std::string value_text(const model::MetricValue& v) {
  return v.is_count ? std::to_string(v.count) : model::to_decimal_string(v.money);
}

std::string number_text(double x) {
  return fmt::format("{}", x);
}

double parse_number_arg(const std::string& text, const std::string& option) {
  auto v = scenarios::parse_rate(text);
  if (!v) fail_usage(fmt::format("{} {}: expected a number", option, text));
  return *v;
}

model::MetricQuery parse_metric_arg(const std::string& name, const model::Scenario& s) {
  auto parsed = model::parse_metric(name, s);
  if (auto* error = std::get_if<std::string>(&parsed)) fail_usage(*error);
  return std::get<model::MetricQuery>(std::move(parsed));
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
