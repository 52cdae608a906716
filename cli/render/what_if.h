// The what-if analyses' results (model/analyses.h) as JSON and as a table:
// tornado, grid and solve. Human tables write a parameter's values as
// parameter_cell does (a rate as a percentage); JSON and CSV in full.
#pragma once

#include <optional>
#include <string>

#include "cli/render/table.h"
#include "model/analyses.h"

namespace cli {

std::string tornado_json(const std::string& metric, const model::Tornado& t);
Table tornado_table(const std::string& metric, const model::Tornado& t);

// A grid of `metric` over x (and y, when y_path is not empty).
struct GridResult {
  std::string metric, x_path, y_path;
  model::Grid grid;
};
std::string grid_json(const GridResult& g);
Table grid_table(const GridResult& g);

// The break-even of `parameter`: its value, as the whole pence the scenario
// takes it as when it is an amount (`amount`).
struct SolveResult {
  std::string parameter, metric;
  double target = 0;
  model::Solution solution;
  std::optional<model::Money> amount;
};
std::string solve_json(const SolveResult& s);
Table solve_table(const SolveResult& s);

}  // namespace cli
