#include <fmt/format.h>

#include <cmath>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/render/what_if.h"
#include "model/analyses.h"
#include "scenarios/evaluator.h"

namespace cli {

namespace {

struct Axis {
  std::string path;
  std::vector<double> values;
};

// PATH=a,b,c or PATH=start:stop:step (stop included when the steps reach it).
Axis parse_axis(const std::string& spec, const char* option) {
  std::size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0)
    fail_usage(fmt::format("{} {}: expected PATH=a,b,c or PATH=start:stop:step", option, spec));
  Axis axis{spec.substr(0, eq), {}};
  std::string values = spec.substr(eq + 1);
  if (values.find(':') != std::string::npos) {
    std::size_t c1 = values.find(':'), c2 = values.find(':', c1 + 1);
    if (c2 == std::string::npos)
      fail_usage(fmt::format("{} {}: expected start:stop:step", option, spec));
    double start = parse_number_arg(values.substr(0, c1), option);
    double stop = parse_number_arg(values.substr(c1 + 1, c2 - c1 - 1), option);
    double step = parse_number_arg(values.substr(c2 + 1), option);
    if (step <= 0 || stop < start)
      fail_usage(fmt::format("{} {}: expected start <= stop and a step above 0", option, spec));
    double count = std::floor((stop - start) / step + 1e-9) + 1;
    if (count > 100000) fail_usage(fmt::format("{} {}: more than 100000 values", option, spec));
    for (int i = 0; i < static_cast<int>(count); ++i) {
      // Rounded to 12 significant figures, so 0.1 + 2 x 0.1 is 0.3, as a person types it.
      double v = std::stod(fmt::format("{:.12g}", start + i * step));
      axis.values.push_back(v);
    }
  } else {
    std::size_t from = 0;
    while (from <= values.size()) {
      std::size_t comma = values.find(',', from);
      axis.values.push_back(parse_number_arg(values.substr(from, comma - from), option));
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
  }
  return axis;
}

}  // namespace

int run_grid(const GridOptions& o) {
  Format format = choose_format(o.format, o.output, {o.file});
  Loaded loaded = load_scenario(o.file, o.sets);
  std::string metric = default_metric(loaded, o.metric);
  model::MetricQuery query = parse_metric_arg(metric, loaded.scenario);
  Axis x = parse_axis(o.x, "--x");
  std::optional<Axis> y;
  if (!o.y.empty()) y = parse_axis(o.y, "--y");
  if (y && y->path == x.path) fail_usage("--x and --y vary the same path, " + x.path);
  if (x.values.size() * (y ? y->values.size() : 1) > 1000000)
    fail_usage("more than 1,000,000 cells: use fewer values or a larger step");
  std::vector<std::string> paths = {x.path};
  if (y) paths.push_back(y->path);
  scenarios::CompiledScenario compiled = compile_parameters(loaded, paths);
  scenarios::MetricEvaluator evaluate(compiled, query);
  auto result = model::grid(std::ref(evaluate), x.values, y ? y->values : std::vector<double>{},
                            x.path, y ? y->path : "");
  if (auto* error = std::get_if<std::string>(&result)) fail_usage(*error);
  GridResult grid{metric, x.path, y ? y->path : "", std::get<model::Grid>(std::move(result))};
  std::string text =
      format == Format::json
          ? grid_json(grid)
          : render({grid_table(grid)}, format, use_colour(o.output), table_width(o.output, o.wide));
  write_output(o.output, text, {o.file});
  return kExitOk;
}

}  // namespace cli
