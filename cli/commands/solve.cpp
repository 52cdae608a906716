#include <fmt/format.h>

#include <iostream>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/render/what_if.h"
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
  SolveResult solved{o.vary, metric, target, std::get<model::Solution>(result), std::nullopt};
  // An amount is reported as the whole pence the scenario takes it as.
  if (compiled.is_money(0)) solved.amount = model::money_from_pounds(solved.solution.value);
  std::string text = format == Format::json
                         ? solve_json(solved)
                         : render({solve_table(solved)}, format, use_colour(o.output),
                                  table_width(o.output, o.wide));
  write_output(o.output, text, {o.file});
  return kExitOk;
}

}  // namespace cli
