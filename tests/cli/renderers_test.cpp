// Renderers of the analyses' results (cli/render/comparison.h, what_if.h,
// checks.h, monte_carlo.h, projection_view.h), each against text written out
// by hand from its inputs.
#include <doctest/doctest.h>

#include "cli/render/checks.h"
#include "cli/render/comparison.h"
#include "cli/render/monte_carlo.h"
#include "cli/render/projection_view.h"
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

TEST_CASE("a Monte Carlo summary: figures to the penny, shares of squared rank correlations") {
  model::MonteCarloSummary s;
  s.draws = 1000, s.seed = 7;
  s.parameters = {"assumptions.uplift", "funding.g.change"};
  s.metrics = {"cost"};
  model::Summary cost;
  cost.mean = 1234.5, cost.se = 0.25, cost.sd = 7.9, cost.min = 1000, cost.max = 1500.01;
  cost.p5 = 1100, cost.p10 = 1110, cost.p25 = 1200, cost.p50 = 1234, cost.p75 = 1300;
  cost.p90 = 1400, cost.p95 = 1450, cost.p_below_zero = 0.125;
  s.metric_summaries = {cost};
  s.rank = {{0.6}, {-0.3}};  // shares 0.36 / 0.45 and 0.09 / 0.45
  s.partial = {{0.55}, {0.01}};
  std::vector<Table> csv = monte_carlo_tables(s, true);
  REQUIRE(csv.size() == 4);  // summary, rank, share, partial: no fan
  CHECK(render_csv(csv[0]) ==
        "metric,mean,se,sd,min,p5,p10,p25,p50,p75,p90,p95,max,p_below_zero\n"
        "cost,1234.50,0.25,7.90,1000.00,1100.00,1110.00,1200.00,1234.00,1300.00,1400.00,"
        "1450.00,1500.01,0.125\n");
  CHECK(render_csv(csv[1]) == "parameter,cost\nassumptions.uplift,0.6\nfunding.g.change,-0.3\n");
  CHECK(render_csv(csv[2]) == "parameter,cost\nassumptions.uplift,0.8\nfunding.g.change,0.2\n");
  CHECK(render_csv(csv[3]) == "parameter,cost\nassumptions.uplift,0.55\nfunding.g.change,0.01\n");
  std::vector<Table> text = monte_carlo_tables(s);
  REQUIRE(text.size() == 3);  // the shares beside the rank correlations
  std::string summary = render_text(text[0], false);
  CHECK(summary.find("Monte Carlo: 1,000 draws, seed 7") == 0);
  CHECK(summary.find("1,234.50") != std::string::npos);
  CHECK(summary.find("12.50%") != std::string::npos);
  std::string rank = render_text(text[1], false);
  CHECK(rank.find("+0.600 (80%)") != std::string::npos);
  CHECK(rank.find("-0.300 (20%)") != std::string::npos);
  std::string json = monte_carlo_json(s, "");
  CHECK(json.find("\"mean\": 1234.50") != std::string::npos);
  CHECK(json.find("\"max\": 1500.01") != std::string::npos);
  CHECK(json.find("\"fan\": null") != std::string::npos);
  CHECK(json.find("\"rank_correlation\": -0.3,") != std::string::npos);
  CHECK(json.find("\"variance_share\": 0.2,") != std::string::npos);
  CHECK(json.find("\"partial_rank_correlation\": 0.01") != std::string::npos);
}

TEST_CASE("a projection's lines: each contract, the totals, each stream, then what is left") {
  // £1,200 a year from January 2024 for one year, the financial year from
  // April: 3 months in 2023/24, 9 in 2024/25. The envelope (£1,000 a year)
  // and the stream (£2,000) count the same months of their own years.
  model::Scenario s;
  s.envelope.annual = model::Money{100000};
  s.funding.push_back({"g", "Grant", {model::Money{200000}, {}, {}}, {}, {}});
  model::Contract c;
  c.id = "c", c.name = "Counselling";
  c.start = model::month_of(2024, 1);
  c.annual = model::Money{120000};
  c.funded_by = {{0, 1.0}};
  s.contracts.push_back(c);
  model::Evaluation e(s);
  CHECK(render_csv(projection_table(s, e.projection(model::Basis::financial_year))) ==
        "line,2023/24,2024/25,total\n"
        "cost.c,300.00,900.00,1200.00\n"
        "cost,300.00,900.00,1200.00\n"
        "envelope,250.00,750.00,1000.00\n"
        "headroom,-50.00,-150.00,-200.00\n"
        "funding.g,500.00,1500.00,2000.00\n"
        "funding,500.00,1500.00,2000.00\n"
        "gap,200.00,600.00,800.00\n"
        "committed.g,300.00,900.00,1200.00\n"
        "balance.g,200.00,600.00,800.00\n");
}
