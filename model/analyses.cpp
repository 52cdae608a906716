#include "model/analyses.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace model {

double in_pounds(const MetricValue& v) {
  return v.is_count ? static_cast<double>(v.count) : static_cast<double>(v.money.pence) / 100.0;
}

MetricValue difference(const MetricValue& a, const MetricValue& b) {
  MetricValue out;
  out.is_count = a.is_count;
  out.count = b.count - a.count;
  out.money = b.money - a.money;
  return out;
}

namespace {

MetricValue magnitude(MetricValue v) {
  v.count = std::labs(v.count);
  v.money.pence = std::llabs(v.money.pence);
  return v;
}

bool larger(const MetricValue& a, const MetricValue& b) {
  return a.is_count ? a.count > b.count : a.money > b.money;
}

}  // namespace

std::variant<Tornado, std::string> tornado(const Evaluate& evaluate,
                                           const std::vector<ParameterRange>& ranges,
                                           std::span<const double> base) {
  Tornado out;
  std::vector<double> values(base.begin(), base.end());
  auto at_base = evaluate(values);
  if (auto* error = std::get_if<std::string>(&at_base)) return *error;
  out.base = std::get<MetricValue>(at_base);
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    TornadoRow row{ranges[i].path, ranges[i].low, ranges[i].high, {}, {}, {}};
    for (auto [value, into] : {std::pair{row.low, &row.at_low}, {row.high, &row.at_high}}) {
      values[i] = value;
      auto v = evaluate(values);
      if (auto* error = std::get_if<std::string>(&v)) {
        char shown[32];
        std::snprintf(shown, sizeof shown, "%.10g", value);
        return row.parameter + " at " + shown + ": " + *error;
      }
      *into = std::get<MetricValue>(v);
    }
    values[i] = base[i];
    row.swing = magnitude(difference(row.at_low, row.at_high));
    out.rows.push_back(std::move(row));
  }
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const TornadoRow& a, const TornadoRow& b) {
    return larger(a.swing, b.swing);
  });
  return out;
}

std::variant<Grid, std::string> grid(const Evaluate& evaluate, std::vector<double> xs,
                                     std::vector<double> ys, const std::string& name_x,
                                     const std::string& name_y) {
  auto shown = [](double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", v);
    return std::string(text);
  };
  Grid out{std::move(xs), std::move(ys), {}};
  std::size_t rows = out.ys.empty() ? 1 : out.ys.size();
  for (std::size_t r = 0; r < rows; ++r) {
    out.cells.emplace_back();
    for (double x : out.xs) {
      std::vector<double> values = {x};
      if (!out.ys.empty()) values.push_back(out.ys[r]);
      auto v = evaluate(values);
      if (auto* error = std::get_if<std::string>(&v)) {
        std::string cell = name_x + " = " + shown(x) +
                           (out.ys.empty() ? "" : ", " + name_y + " = " + shown(out.ys[r]));
        bool named = error->starts_with(name_x + " = ") || error->starts_with(name_y + " = ");
        return named ? *error : cell + ": " + *error;  // once, when the error names it already
      }
      out.cells.back().push_back(std::get<MetricValue>(v));
    }
  }
  return out;
}

std::variant<Solution, NoRoot, std::string> solve(const Evaluate& evaluate, double target,
                                                  double low, double high, bool whole) {
  int iterations = 0;
  auto at = [&](double x) -> std::variant<MetricValue, std::string> {
    ++iterations;
    double v[] = {x};
    return evaluate(v);
  };
  auto lo = at(low), hi = at(high);
  if (auto* e = std::get_if<std::string>(&lo)) return *e;
  if (auto* e = std::get_if<std::string>(&hi)) return *e;
  MetricValue at_low = std::get<MetricValue>(lo), at_high = std::get<MetricValue>(hi);
  // A root is where the metric crosses the target: it starts on one side at
  // `low` and must be on the other side (or at it) by `high`.
  double from_low = in_pounds(at_low) - target, from_high = in_pounds(at_high) - target;
  if (from_low == 0) return Solution{low, at_low, iterations};
  if ((from_low < 0) == (from_high < 0) && from_high != 0) return NoRoot{at_low, at_high};
  bool rising = from_low < 0;
  auto reached = [&](const MetricValue& m) {
    return rising ? in_pounds(m) >= target : in_pounds(m) <= target;
  };
  if (whole) {
    for (double x = std::ceil(low); x <= high; ++x) {
      auto v = at(x);
      if (auto* e = std::get_if<std::string>(&v)) return *e;
      if (reached(std::get<MetricValue>(v)))
        return Solution{x, std::get<MetricValue>(v), iterations};
    }
    return NoRoot{at_low, at_high};
  }
  // Invariant: not reached at `low`, reached at `high`.
  MetricValue best = at_high;
  while (true) {
    double mid = low + (high - low) / 2;
    if (mid <= low || mid >= high) break;
    auto v = at(mid);
    if (auto* e = std::get_if<std::string>(&v)) return *e;
    if (reached(std::get<MetricValue>(v)))
      high = mid, best = std::get<MetricValue>(v);
    else
      low = mid;
  }
  return Solution{high, best, iterations};
}

}  // namespace model
