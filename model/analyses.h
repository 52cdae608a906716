// What-if analyses over a function from parameter values to a metric value
// (SPEC 4): tornado, grid, solve (break-even) and checks. The function is
// usually a compiled scenario re-evaluated with the values applied; it
// returns an error message for values the scenario does not allow.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "model/metrics.h"

namespace model {

using MetricOrError = std::variant<MetricValue, std::string>;
using Evaluate = std::function<MetricOrError(std::span<const double> values)>;

// A metric value in pounds (a count as itself), for comparisons and statistics.
double in_pounds(const MetricValue& v);
// The difference b - a in pence (counts: the difference of counts).
MetricValue difference(const MetricValue& a, const MetricValue& b);

struct ParameterRange {
  std::string path;
  double low = 0, high = 0;
};

struct TornadoRow {
  std::string parameter;
  double low = 0, high = 0;
  MetricValue at_low, at_high;
  MetricValue swing;  // |at_high - at_low|
};

struct Tornado {
  MetricValue base;
  std::vector<TornadoRow> rows;  // largest swing first; ties keep the given order
};

// Each parameter at its low and at its high, the others at base. `base` holds
// every parameter's base value, in the order of `ranges`. An error from
// `evaluate` is returned as is, prefixed with the parameter.
std::variant<Tornado, std::string> tornado(const Evaluate& evaluate,
                                           const std::vector<ParameterRange>& ranges,
                                           std::span<const double> base);

// The metric at every combination of xs (and ys): cells[y][x]; one row when
// there is no y parameter. Parameters are 0 (x) and 1 (y) of `evaluate`.
struct Grid {
  std::vector<double> xs, ys;
  std::vector<std::vector<MetricValue>> cells;
};
// An error names the cell: "NAME_X = x, NAME_Y = y: error".
std::variant<Grid, std::string> grid(const Evaluate& evaluate, std::vector<double> xs,
                                     std::vector<double> ys, const std::string& name_x = "x",
                                     const std::string& name_y = "y");

// The smallest value of one parameter in [low, high] at which the metric
// reaches `target` (pounds): at or above it when the metric rises across the
// range, at or below it when it falls. Whole-number parameters are searched
// value by value; others by bisection until the bracket cannot shrink.
struct Solution {
  double value = 0;
  MetricValue achieved;
  int iterations = 0;
};
struct NoRoot {
  MetricValue at_low, at_high;  // the metric at both ends: the target is outside them
};
std::variant<Solution, NoRoot, std::string> solve(const Evaluate& evaluate, double target,
                                                  double low, double high, bool whole);

}  // namespace model
