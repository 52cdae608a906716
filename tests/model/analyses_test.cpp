// The analyses over functions whose answers are known by hand.
#include <doctest/doctest.h>

#include "tests/print.h"

#include "model/analyses.h"

using namespace model;

namespace {

MetricValue pounds(double x) {
  return MetricValue{round_to_pence(x * 100.0)};
}

// metric = 1000 * a - 10 * b + c (pounds); c is a whole-number parameter.
MetricOrError linear(std::span<const double> v) {
  double c = v.size() > 2 ? v[2] : 0;
  if (c < 0) return std::string("c below 0");
  return pounds(1000 * v[0] - 10 * (v.size() > 1 ? v[1] : 0) + c);
}

}  // namespace

TEST_CASE("tornado: each parameter at low and high, largest swing first") {
  // Parameters are positional: a, b, c. Swings: a 1000 x 0.001 = 1, b 10 x 10 = 100, c 3.
  std::vector<ParameterRange> ranges = {{"a", 1, 1.001}, {"b", 0, 10}, {"c", 0, 3}};
  double base[] = {1, 5, 1};
  auto result = tornado(linear, ranges, base);
  REQUIRE(std::holds_alternative<Tornado>(result));
  const Tornado& t = std::get<Tornado>(result);
  CHECK(t.base.money.pence == (1000 - 50 + 1) * 100);
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].parameter == "b");
  CHECK(t.rows[0].at_low.money.pence == (1000 - 0 + 1) * 100);
  CHECK(t.rows[0].at_high.money.pence == (1000 - 100 + 1) * 100);
  CHECK(t.rows[0].swing.money.pence == 10000);
  CHECK(t.rows[1].parameter == "c");
  CHECK(t.rows[1].swing.money.pence == 300);
  CHECK(t.rows[2].parameter == "a");
  CHECK(t.rows[2].at_high.money.pence == (1001 - 50 + 1) * 100);
  std::vector<ParameterRange> bad = {{"a", 1, 2}, {"b", 0, 10}, {"c", -1, 3}};
  CHECK(std::get<std::string>(tornado(linear, bad, base)) == "c at -1: c below 0");
}

TEST_CASE("grid: cells[y][x]") {
  auto g = std::get<Grid>(grid(linear, {1, 2}, {0, 10, 20}));
  REQUIRE(g.cells.size() == 3);
  CHECK(g.cells[2][1].money.pence == (2000 - 200) * 100);
  auto one = std::get<Grid>(grid(linear, {3}, {}));
  CHECK(one.cells[0][0].money.pence == 300000);
}

TEST_CASE("solve: the smallest value that reaches the target") {
  // Metrics are whole pence: 1000 * a pounds rounds to 12345p once 100000 * a
  // reaches 12344.5, so the smallest a that reaches 123.45 is 0.123445.
  auto s = std::get<Solution>(solve(linear, 123.45, 0, 1, false));
  CHECK(s.value == doctest::Approx(0.123445).epsilon(1e-12));
  CHECK(s.achieved.money.pence == 12345);
  // Falling: -1000 * b pence rounds to -2500 once b reaches 2.4995.
  auto falling = [](std::span<const double> v) { return linear(std::vector<double>{0, v[0]}); };
  CHECK(std::get<Solution>(solve(falling, -25, 0, 10, false)).value ==
        doctest::Approx(2.4995).epsilon(1e-12));
  // No crossing in the range.
  auto none = std::get<NoRoot>(solve(linear, 5000, 0, 1, false));
  CHECK(none.at_high.money.pence == 100000);
  // Whole numbers: c (with a = b = 0) reaches 2.5 first at 3.
  auto whole = [](std::span<const double> v) { return linear(std::vector<double>{0, 0, v[0]}); };
  auto w = std::get<Solution>(solve(whole, 2.5, 0, 5, true));
  CHECK(w.value == 3);
  CHECK(w.achieved.money.pence == 300);
}
