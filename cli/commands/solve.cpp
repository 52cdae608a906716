#include <fmt/format.h>

#include <iostream>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "model/analyses.h"
#include "model/exact.h"
#include "scenarios/evaluator.h"

namespace cli {

int run_solve(const SolveOptions& o) {
  Format format = choose_format(o.format, o.output, {o.file});
  Loaded loaded = load_scenario(o.file, o.sets);
  std::string metric = default_metric(loaded, o.metric);
  model::MetricQuery query = parse_metric_arg(metric, loaded.scenario);
  double target = parse_number_arg(o.target, "--target");
  std::optional<double> low, high;
  for (const auto& p : loaded.analyses.sensitivity.parameters)
    if (p.path == o.vary) low = p.low, high = p.high;
  if (!o.low.empty()) low = parse_number_arg(o.low, "--low");
  if (!o.high.empty()) high = parse_number_arg(o.high, "--high");
  if (!low || !high)
    fail_usage("--vary " + o.vary +
               ": give --low and --high (or a range in sensitivity.parameters)");
  if (*low > *high) fail_usage("--low is above --high");
  scenarios::CompiledScenario compiled = compile_parameters(loaded, {o.vary});
  scenarios::MetricEvaluator evaluate(compiled, query);
  auto result = model::solve(std::ref(evaluate), target, *low, *high, compiled.is_whole(0));
  if (auto* error = std::get_if<std::string>(&result)) fail_usage(*error);
  auto shown = [&](double v) { return parameter_cell(o.vary, v).text; };
  if (auto* none = std::get_if<model::NoRoot>(&result)) {
    std::cerr << fmt::format(
        "envelope: no value of {} in [{}, {}] brings {} to {}: it is {} at {} and {} at {}\n",
        o.vary, shown(*low), shown(*high), metric, shown_pounds(target),
        value_cell(none->at_low).text, shown(*low), value_cell(none->at_high).text, shown(*high));
    return kExitCheckFailed;
  }
  const model::Solution& s = std::get<model::Solution>(result);
  // An amount is reported as the whole pence the scenario takes it as.
  std::optional<model::Money> amount;
  if (compiled.is_money(0)) amount = model::money_from_pounds(s.value);
  std::string text;
  if (format == Format::json) {
    JsonWriter w;
    w.begin_object().key("parameter").string(o.vary).key("metric").string(metric);
    write_pounds(w.key("target"), target, s.achieved.is_count);
    w.key("value");
    if (amount)
      w.money(*amount);
    else
      w.number(s.value);
    w.key("achieved");
    write_value(w, s.achieved);
    w.key("iterations").integer(s.iterations).end_object();
    text = w.str();
  } else {
    Table t;
    t.title = fmt::format("Break-even: {} reaches {}", metric, shown_pounds(target));
    t.key_header = "item";
    t.label_header = "";
    t.headers = {"Value"};
    auto text_row = [&](const char* key, const char* label, std::string v) {
      t.rows.push_back({key, label, {Cell{v, v, true, false}}});
    };
    text_row("parameter", "Parameter", o.vary);
    Cell at = parameter_cell(o.vary, s.value);
    if (amount) at = Cell::amount(*amount);
    t.rows.push_back({"value", "Value", {at}});
    t.rows.push_back({"achieved", "Metric achieved", {value_cell(s.achieved)}});
    text_row("iterations", "Evaluations", std::to_string(s.iterations));
    text = render({t}, format, use_colour(o.output), table_width(o.output, o.wide));
  }
  write_output(o.output, text, {o.file});
  return kExitOk;
}

}  // namespace cli
