#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "cli/commands/analyses.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/render/what_if.h"
#include "model/analyses.h"
#include "scenarios/evaluator.h"

namespace cli {

namespace {

struct Requested {
  std::string path;
  std::optional<double> low, high;
  scenarios::Mark mark;
};

// sensitivity.parameters, then --param; with --spread and neither, every plain
// amount and rate of the scenario (not expressions, shares or whole numbers).
std::vector<Requested> requested(const Loaded& loaded, const TornadoOptions& o) {
  std::vector<Requested> out;
  for (const auto& p : loaded.analyses.sensitivity.parameters)
    out.push_back({p.path, p.low, p.high, p.mark});
  scenarios::Mark arg{scenarios::source_name("--param"), 1, 1};
  for (const std::string& param : o.params) {
    std::size_t eq = param.find('='), colon = param.find(':', eq);
    Requested r{param.substr(0, eq), {}, {}, arg};
    if (eq != std::string::npos) {
      if (colon == std::string::npos) fail_usage("--param " + param + ": expected PATH=LOW:HIGH");
      r.low = parse_number_arg(param.substr(eq + 1, colon - eq - 1), "--param");
      r.high = parse_number_arg(param.substr(colon + 1), "--param");
    }
    out.erase(std::remove_if(out.begin(), out.end(), [&](auto& x) { return x.path == r.path; }),
              out.end());
    out.push_back(r);
  }
  if (out.empty() && !o.spread.empty()) {
    for (const auto& p : compile_parameters(loaded, {}).numeric_paths()) {
      bool whole = p.path.ends_with(".term") || p.path.ends_with(".exercise") ||
                   p.path.find(".extensions.") != std::string::npos;
      if (p.expression.empty() && !whole && p.path.find(".funded_by.") == std::string::npos)
        out.push_back({p.path, {}, {}, arg});
    }
  }
  if (out.empty())
    fail_usage("no parameters: give a sensitivity block, --param PATH=LOW:HIGH, or --spread 10%");
  return out;
}

}  // namespace

TornadoRun run_tornado_analysis(const Loaded& loaded, const TornadoOptions& o) {
  std::string metric = default_metric(loaded, o.metric);
  model::MetricQuery query = parse_metric_arg(metric, loaded.scenario);
  std::vector<Requested> params = requested(loaded, o);
  std::vector<std::string> paths;
  std::vector<scenarios::Mark> marks;
  for (const auto& p : params)
    paths.push_back(p.path), marks.push_back(p.mark);
  scenarios::CompiledScenario compiled = compile_parameters(loaded, paths, marks);
  std::optional<double> spread;
  if (!o.spread.empty()) spread = parse_number_arg(o.spread, "--spread");
  if (spread && (*spread <= 0 || *spread >= 1))
    fail_usage(fmt::format("--spread {}: expected a spread above 0 and below 100%{}", o.spread,
                           *spread >= 1 && o.spread.find('%') == std::string::npos
                               ? fmt::format(" ({} would be {}%: write {}% or {})", o.spread,
                                             *spread * 100, o.spread, *spread / 100)
                               : ""));
  std::vector<model::ParameterRange> ranges;
  for (std::size_t i = 0; i < params.size(); ++i) {
    double base = compiled.base_values()[i];
    if (params[i].low && params[i].high) {
      ranges.push_back({paths[i], *params[i].low, *params[i].high});
    } else if (spread) {
      // Rounded to 12 significant figures: 990000, not 990000.0000000001.
      auto tidy = [](double v) { return std::stod(fmt::format("{:.12g}", v)); };
      double a = tidy(base * (1 - *spread)), b = tidy(base * (1 + *spread));
      ranges.push_back({paths[i], std::min(a, b), std::max(a, b)});
    } else {
      fail_usage(paths[i] + ": no low and high; give PATH=LOW:HIGH or --spread");
    }
  }
  scenarios::MetricEvaluator evaluate(compiled, query);
  auto result = model::tornado(std::ref(evaluate), ranges, compiled.base_values());
  if (auto* error = std::get_if<std::string>(&result)) fail_usage(*error);
  return {metric, std::get<model::Tornado>(std::move(result))};
}

int run_tornado(const TornadoOptions& o) {
  Format format = choose_format(o.format, o.output, {o.file});
  Loaded loaded = load_scenario(o.file, o.sets);
  TornadoRun run = run_tornado_analysis(loaded, o);
  std::string text = format == Format::json
                         ? tornado_json(run.metric, run.tornado)
                         : render({tornado_table(run.metric, run.tornado)}, format,
                                  use_colour(o.output), table_width(o.output, o.wide));
  write_output(o.output, text, {o.file});
  return kExitOk;
}

}  // namespace cli
