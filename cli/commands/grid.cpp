#include <fmt/format.h>

#include <cmath>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
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
  const model::Grid& g = std::get<model::Grid>(result);
  std::string text;
  if (format == Format::json) {
    JsonWriter w;
    w.begin_object().key("metric").string(metric);
    w.key("x").begin_object().key("path").string(x.path).key("values").begin_array();
    for (double v : g.xs)
      w.number(v);
    w.end_array().end_object().key("y");
    if (y) {
      w.begin_object().key("path").string(y->path).key("values").begin_array();
      for (double v : g.ys)
        w.number(v);
      w.end_array().end_object();
    } else {
      w.null();
    }
    w.key("cells").begin_array();
    for (const auto& row : g.cells) {
      w.begin_array();
      for (const auto& cell : row)
        write_value(w, cell);
      w.end_array();
    }
    w.end_array().end_object();
    text = w.str();
  } else {
    Table t;
    t.title = fmt::format("Grid: {}", metric);
    if (!y) {
      t.key_header = x.path;
      t.label_header = x.path;
      t.headers = {metric};
      for (std::size_t i = 0; i < g.xs.size(); ++i)
        t.rows.push_back({number_text(g.xs[i]), number_text(g.xs[i]), {value_cell(g.cells[0][i])}});
    } else {
      t.key_header = t.label_header = y->path + " \\ " + x.path;
      for (double v : g.xs)
        t.headers.push_back(number_text(v));
      for (std::size_t r = 0; r < g.ys.size(); ++r) {
        Row row{number_text(g.ys[r]), number_text(g.ys[r]), {}};
        for (const auto& cell : g.cells[r])
          row.cells.push_back(value_cell(cell));
        t.rows.push_back(std::move(row));
      }
    }
    text = render({t}, format, use_colour(o.output), table_width(o.output, o.wide));
  }
  write_output(o.output, text, {o.file});
  return kExitOk;
}

}  // namespace cli
