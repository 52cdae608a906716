// Renderers of the analyses' results (cli/render/comparison.h, what_if.h,
// checks.h), each against text written out by hand from its inputs.
#include <doctest/doctest.h>

#include "cli/render/checks.h"
#include "cli/render/comparison.h"
#include "cli/render/what_if.h"

using namespace cli;

namespace {

model::MetricValue pounds(std::int64_t pence) {
  return model::MetricValue{model::Money{pence}};
}

}  // namespace

TEST_CASE("a comparison: each variant's value and its difference from base") {
  Comparison c{{"base", "Grant cut"}, {"cost"}, {{pounds(100000), pounds(75050)}}};
  CHECK(render_csv(comparison_table(c)) ==
        "metric,base,Grant cut,diff_Grant cut\n"
        "cost,1000.00,750.50,-249.50\n");
  CHECK(comparison_json(c) ==
        "{\n  \"metrics\": {\n    \"cost\": {\n      \"base\": 1000.00,\n      \"Grant cut\": "
        "750.50\n    }\n  },\n  \"differences\": {\n    \"cost\": {\n      \"Grant cut\": "
        "-249.50\n    }\n  }\n}\n");
}

TEST_CASE("a period a case does not reach is a dash on a terminal and empty in CSV") {
  PeriodComparison c{"cost", "fy", {"base", "short"}, {"2024/25", "2025/26"}, {}};
  c.values = {{{"2024/25", pounds(1)}, {"2025/26", pounds(2)}}, {{"2024/25", pounds(1)}}};
  CHECK(render_csv(period_comparison_table(c)) ==
        "period,base,short\n2024/25,0.01,0.01\n2025/26,0.02,\n");
  CHECK(render_text(period_comparison_table(c), false) ==
        "cost by period\n"
        "Period   base  short\n"
        "2024/25  0.01   0.01\n"
        "2025/26  0.02      -\n");
}

TEST_CASE("a grid over a rate shows percentages, and its CSV the numbers") {
  GridResult g{
      "headroom", "assumptions.uplift", "", {{0, 0.025}, {}, {{pounds(0), pounds(-123456789)}}}};
  CHECK(render_text(grid_table(g), false) ==
        "Grid: headroom\n"
        "assumptions.uplift       headroom\n"
        "0%                           0.00\n"
        "2.5%                -1,234,567.89\n");
  CHECK(render_csv(grid_table(g)) == "assumptions.uplift,headroom\n0,0.00\n0.025,-1234567.89\n");
}

TEST_CASE("a break-even of an amount is the pence the scenario takes it as") {
  SolveResult s{"contracts.a.annual",
                "headroom",
                -500000,
                {123456.785, pounds(-50000000), 12},
                model::Money{12345679}};
  CHECK(render_text(solve_table(s), false) ==
        "Break-even: headroom reaches -500,000.00\n"
        "                              Value\n"
        "Parameter        contracts.a.annual\n"
        "Value                    123,456.79\n"
        "Metric achieved         -500,000.00\n"
        "Evaluations                      12\n");
}

TEST_CASE("check lines name each file when there are several") {
  scenarios::Check cost;
  cost.name = "Cost";
  cost.metric = "cost";
  cost.max = 6800000;
  CheckResults r{{{&cost, pounds(673977500), true, 0, "a.yaml", 0},
                  {&cost, pounds(690000000), false, 0, "b.yaml", 1}},
                 {"a.yaml", "b.yaml"},
                 1,
                 1};
  CHECK(checks_lines(r) ==
        "PASS  a.yaml: Cost: cost = 6,739,775.00 (max 6,800,000.00)\n"
        "FAIL  b.yaml: Cost: cost = 6,900,000.00 (max 6,800,000.00)\n"
        "1 passed, 1 failed\n");
  CHECK(render_csv(checks_table(r)) ==
        "check,file,result,variant,metric,actual,expected\n"
        "Cost,a.yaml,PASS,base,cost,6739775.00,max 6800000.00\n"
        "Cost,b.yaml,FAIL,base,cost,6900000.00,max 6800000.00\n");
}
