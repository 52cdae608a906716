#include <doctest/doctest.h>

#include "tests/print.h"

#include <algorithm>

#include "model/metrics.h"

using namespace model;

namespace {

// Two contracts from April 2020, £1,000 a year, term 2, extensions [1, 1], one
// taken: three financial years of £2,000, in an envelope of £1,900. The
// horizon runs to the end of the contracts with every extension: four years.
Scenario example() {
  Scenario s;
  s.name = "metrics";
  s.discount_rate = 0.1;
  s.envelope.annual = Money{190000};
  for (const char* id : {"a", "b"}) {
    Contract c;
    c.id = c.name = id;
    c.group = "G";
    c.start = month_of(2020, 4);
    c.annual = Money{100000};
    c.term = 2;
    c.extensions = {1, 1};
    c.exercise = 1;
    s.contracts.push_back(c);
  }
  return s;
}

MetricValue value(const Scenario& s, const char* name) {
  auto q = parse_metric(name, s);
  REQUIRE(std::holds_alternative<MetricQuery>(q));
  Evaluation e(s);
  auto v = e.value(std::get<MetricQuery>(q));
  REQUIRE(v);
  return *v;
}

std::int64_t pence(const Scenario& s, const char* name) {
  return value(s, name).money.pence;
}

std::string error(const Scenario& s, const char* name) {
  auto q = parse_metric(name, s);
  REQUIRE(std::holds_alternative<std::string>(q));
  return std::get<std::string>(q);
}

}  // namespace

TEST_CASE("horizon totals") {
  Scenario s = example();
  CHECK(pence(s, "cost") == 600000);
  CHECK(pence(s, "cost.a") == 300000);
  CHECK(pence(s, "cost.group.G") == 600000);
  CHECK(pence(s, "envelope") == 4 * 190000);
  CHECK(pence(s, "headroom") == 4 * 190000 - 600000);  // the fourth year costs nothing
  CHECK(pence(s, "min_headroom") == -10000);
  CHECK(value(s, "shortfall_years").is_count);
  CHECK(value(s, "shortfall_years").count == 3);
  CHECK(pence(s, "funding") == 0);
  CHECK(pence(s, "gap") == -600000);
  CHECK(pence(s, "min_gap") == -200000);
}

TEST_CASE("npv discounts each financial year's cost") {
  // 200000 + 200000 / 1.1 + 200000 / 1.21 = 547107.44 pence.
  CHECK(pence(example(), "npv") == 547107);
}

TEST_CASE("whole-life values: base, as exercised, every option") {
  Scenario s = example();
  CHECK(pence(s, "tcv_base") == 400000);
  CHECK(pence(s, "tcv") == 600000);
  CHECK(pence(s, "tcv_max") == 800000);
  CHECK(pence(s, "tcv_max.b") == 400000);
  s.end = month_of(2021, 3);  // tcv counts years outside the horizon too
  CHECK(pence(s, "tcv") == 600000);
  CHECK(pence(s, "cost") == 200000);
}

TEST_CASE("one period of any basis") {
  Scenario s = example();
  CHECK(pence(s, "cost@2021/22") == 200000);
  CHECK(pence(s, "headroom@2020/21") == -10000);
  CHECK(pence(s, "cost.a@Y3") == 100000);
  // May 2020, per contract: round(100000 * 2 / 12) - round(100000 / 12) = 16667 - 8333.
  CHECK(pence(s, "cost@2020-05") == 2 * (16667 - 8333));
  CHECK(pence(s, "cost@2021") == 200000);  // calendar 2021: Jan-Mar of year 1, Apr-Dec of year 2
  Evaluation e(s);
  auto q = std::get<MetricQuery>(parse_metric("cost@2030/31", s));
  CHECK_FALSE(e.value(q).has_value());
}

TEST_CASE("metric names that are wrong say why") {
  Scenario s = example();
  CHECK(error(s, "cots") == "unknown metric 'cots' (did you mean 'cost'?)");
  CHECK(error(s, "cost.c") == "unknown contract 'c' (did you mean 'a'?)");
  CHECK(error(s, "cost.group.H") == "unknown group 'H' (did you mean 'G'?)");
  CHECK(error(s, "committed.core") == "unknown funding stream 'core'");
  CHECK(error(s, "npv@2020/21") == "metric 'npv' has no value for one period");
  CHECK(error(s, "cost@20/21") ==
        "period '20/21' is not a financial year (2020/21), contract year (Y2), calendar year "
        "(2020) or month (2020-07)");
}

TEST_CASE("every horizon-total metric is listed") {
  Scenario s = example();
  auto names = all_metric_names(s);
  for (const char* n : {"cost", "cost.a", "cost.group.G", "envelope", "funding", "headroom", "gap",
                        "min_headroom", "min_gap", "shortfall_years", "npv", "tcv", "tcv.b",
                        "tcv_base", "tcv_base.a", "tcv_max", "tcv_max.a"})
    CHECK(std::find(names.begin(), names.end(), n) != names.end());
}

TEST_CASE("a group's name may hold an @: NAME@LABEL splits at the last @ before a label") {
  Scenario s = example();
  for (Contract& c : s.contracts)
    c.group = "Lots @ home";
  auto whole = parse_metric("cost.group.Lots @ home", s);
  REQUIRE(std::holds_alternative<MetricQuery>(whole));
  CHECK(std::get<MetricQuery>(whole).group == "Lots @ home");
  CHECK_FALSE(std::get<MetricQuery>(whole).basis);
  auto year = parse_metric("cost.group.Lots @ home@2020/21", s);
  REQUIRE(std::holds_alternative<MetricQuery>(year));
  CHECK(std::get<MetricQuery>(year).group == "Lots @ home");
  CHECK(std::get<MetricQuery>(year).label == "2020/21");
  CHECK(pence(s, "cost.group.Lots @ home") == 600000);
  CHECK(pence(s, "cost.group.Lots @ home@2020/21") == 200000);
  CHECK(error(s, "cost.group.Other @ home") == "unknown group 'Other @ home'");
  CHECK(error(s, "cost@next year").starts_with("period 'next year' is not a financial year"));
}
