// Projection rules of SPEC 3, each against values worked out by hand.
#include <doctest/doctest.h>

#include "tests/print.h"

#include <random>

#include "model/projection.h"

using namespace model;

namespace {

Contract contract(std::string id, Month start, std::int64_t annual_pence, int term) {
  Contract c;
  c.id = c.name = std::move(id);
  c.start = start;
  c.annual = Money{annual_pence};
  c.term = term;
  return c;
}

Scenario with(std::vector<Contract> contracts, int fys = 4) {
  Scenario s;
  s.name = "test";
  s.fiscal_year_start = fys;
  s.contracts = std::move(contracts);
  return s;
}

std::vector<std::int64_t> pence(const std::vector<Money>& v) {
  std::vector<std::int64_t> out;
  for (Money m : v)
    out.push_back(m.pence);
  return out;
}

Projection project_all(const Scenario& s, Basis b) {
  return project(s, *horizon_of(s), b);
}

}  // namespace

TEST_CASE("a year splits over its months by cumulative rounding") {
  // round(10000 * k / 12) for k = 1..12 is 833, 1667, 2500, 3333, 4167, 5000,
  // 5833, 6667, 7500, 8333, 9167, 10000; months are the differences.
  Scenario s = with({contract("a", month_of(2021, 1), 10000, 1)}, 1);
  Projection p = project_all(s, Basis::month);
  CHECK(pence(p.cost) ==
        std::vector<std::int64_t>{833, 834, 833, 833, 834, 833, 833, 834, 833, 833, 834, 833});
}

TEST_CASE("cumulative shares round exact halves away from zero") {
  // round(18 k / 12) = round(1.5 k): 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18,
  // so the months alternate 2 and 1; for -18 pence, -2 and -1.
  std::vector<std::int64_t> alternating = {2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1};
  Projection p = project_all(with({contract("a", month_of(2021, 1), 18, 1)}, 1), Basis::month);
  CHECK(pence(p.cost) == alternating);
  Projection q = project_all(with({contract("a", month_of(2021, 1), -18, 1)}, 1), Basis::month);
  for (auto& m : alternating)
    m = -m;
  CHECK(pence(q.cost) == alternating);
  // Nine months of a year of 2 pence starting in July: round(1.5) = 2 in the
  // first financial year, 0 in the second; of -2 pence, -2 and 0.
  Projection r = project_all(with({contract("a", month_of(2019, 7), 2, 1)}), Basis::financial_year);
  CHECK(pence(r.cost) == std::vector<std::int64_t>{2, 0});
  Projection t =
      project_all(with({contract("a", month_of(2019, 7), -2, 1)}), Basis::financial_year);
  CHECK(pence(t.cost) == std::vector<std::int64_t>{-2, 0});
}

TEST_CASE("nine months of £562,600 is exactly £421,950") {
  Scenario s = with({contract("a", month_of(2019, 7), 56260000, 1)});
  Projection p = project_all(s, Basis::financial_year);
  REQUIRE(p.periods.size() == 2);
  CHECK(p.cost[0].pence == 42195000);
  CHECK(p.cost[1].pence == 56260000 - 42195000);
}

TEST_CASE("apportion by days uses the days of each contract year") {
  Scenario s = with({contract("a", month_of(2019, 7), 56260000, 2)});
  s.apportion = Apportion::days;
  Projection p = project_all(s, Basis::financial_year);
  REQUIRE(p.periods.size() == 3);
  // Year 1 (Jul 2019 - Jun 2020, 366 days): 275 days before 1 April 2020.
  // 56260000 * 275 / 366 = 42271857.92 -> 42271858.
  CHECK(p.cost[0].pence == 42271858);
  // Year 2 (Jul 2020 - Jun 2021, 365 days): 274 days before 1 April 2021.
  // 56260000 * 274 / 365 = 42233534.25 -> 42233534.
  CHECK(p.cost[1].pence == (56260000 - 42271858) + 42233534);
  CHECK(p.cost[2].pence == 56260000 - 42233534);
}

TEST_CASE("uplift compounds at each anniversary") {
  Contract c = contract("a", month_of(2020, 4), 100000, 4);
  c.uplift.rates = {0.02};
  CHECK(contract_year_value(c, 0).pence == 100000);
  CHECK(contract_year_value(c, 1).pence == 102000);
  CHECK(contract_year_value(c, 2).pence == 104040);
  // A list: 1% at the first anniversary, 3% at the second, the last repeating.
  c.uplift.rates = {0.01, 0.03};
  CHECK(contract_year_value(c, 1).pence == 101000);
  CHECK(contract_year_value(c, 2).pence == 104030);  // 1.01 * 1.03 = 1.0403
  CHECK(contract_year_value(c, 3).pence == 107151);  // 1.0403 * 1.03 = 1.071509
  CHECK(whole_life_value(c, WholeLife::as_exercised).pence == 100000 + 101000 + 104030 + 107151);
}

TEST_CASE("funding compounds its change, by_year overrides one year") {
  Scenario s = with({contract("a", month_of(2020, 4), 100000, 3)});
  FundingStream f;
  f.id = "grant";
  f.amount.annual = Money{100000};
  f.amount.change.rates = {0.1};
  s.funding.push_back(f);
  Projection p = project_all(s, Basis::financial_year);
  CHECK(pence(p.stream_funding[0]) == std::vector<std::int64_t>{100000, 110000, 121000});

  s.funding[0].amount.by_year = {{2021, Money{50000}}};
  p = project_all(s, Basis::financial_year);
  CHECK(pence(p.stream_funding[0]) == std::vector<std::int64_t>{100000, 50000, 121000});

  s.funding[0].amount.by_year.clear();
  s.funding[0].amount.change.rates = {0.1, 0.2};
  s.contracts[0].term = 4;
  p = project_all(s, Basis::financial_year);
  // Year 1 changes by 10%, year 2 by 20% (1.1 * 1.2 = 1.32), and the last rate
  // repeats in year 3 (1.32 * 1.2 = 1.584).
  CHECK(pence(p.stream_funding[0]) == std::vector<std::int64_t>{100000, 110000, 132000, 158400});
}

TEST_CASE("funding outside from/until counts zero, the rest pro rata") {
  Scenario s = with({contract("a", month_of(2020, 4), 100000, 1)});
  FundingStream f;
  f.id = "grant";
  f.amount.annual = Money{120000};
  f.from = month_of(2020, 7);
  s.funding.push_back(f);
  Projection p = project_all(s, Basis::financial_year);
  CHECK(p.stream_funding[0][0].pence == 120000 - 30000);  // July to March
  s.funding[0].until = month_of(2020, 12);
  p = project_all(s, Basis::financial_year);
  CHECK(p.stream_funding[0][0].pence == 90000 - 30000);  // July to December
}

TEST_CASE("the envelope of a partial first year is its share of the year") {
  Scenario s = with({contract("a", month_of(2019, 7), 56260000, 1)});
  s.envelope.annual = Money{134795500};
  Projection p = project_all(s, Basis::financial_year);
  CHECK(p.envelope[0].pence == 134795500 - 33698875);  // 3/12 of it fell before July
  CHECK(p.envelope[1].pence == 33698875);
}

TEST_CASE("attribution shares cumulative cost, the last stream takes the rest") {
  Scenario s = with({contract("a", month_of(2021, 1), 10000, 1)}, 1);
  s.funding = {FundingStream{"x", "x", {}, {}, {}}, FundingStream{"y", "y", {}, {}, {}}};
  s.contracts[0].funded_by = {{0, 1.0 / 3}, {1, 2.0 / 3}};
  Projection months = project_all(s, Basis::month);
  // Month 1: C = 833, x gets round(277.67) = 278, y the rest, 555.
  // Month 2: C = 1667, x cumulative round(555.67) = 556, so 278 in the month; y 1111 - 555 = 556.
  CHECK(months.committed[0][0].pence == 278);
  CHECK(months.committed[1][0].pence == 555);
  CHECK(months.committed[0][1].pence == 278);
  CHECK(months.committed[1][1].pence == 556);
  Projection year = project_all(s, Basis::calendar_year);
  CHECK(year.committed[0][0].pence == 3333);  // round(10000 / 3)
  CHECK(year.committed[1][0].pence == 6667);
  CHECK(year.pooled[0].pence == 0);
}

TEST_CASE("a contract without funded_by is pooled") {
  Scenario s = with({contract("a", month_of(2021, 1), 10000, 1)}, 1);
  s.funding = {FundingStream{"x", "x", {Money{5000}, {}, {}}, {}, {}}};
  Projection p = project_all(s, Basis::calendar_year);
  CHECK(p.pooled[0].pence == 10000);
  CHECK(p.committed[0][0].pence == 0);
  CHECK(p.gap(0).pence == 5000 - 10000);
}

TEST_CASE("the horizon runs from the earliest start to the last contract with every extension") {
  Contract a = contract("a", month_of(2019, 7), 100, 5);
  a.extensions = {2, 2};
  a.exercise = 1;
  Contract b = contract("b", month_of(2020, 1), 100, 1);
  Scenario s = with({a, b});
  auto h = horizon_of(s);
  REQUIRE(h);
  CHECK(h->first == month_of(2019, 7));
  CHECK(h->last == month_of(2028, 6));  // 5 + 2 + 2 years from July 2019, one extension or not
  s.end = month_of(2021, 3);
  CHECK(horizon_of(s)->last == month_of(2021, 3));
  s.end = month_of(2018, 3);
  CHECK_FALSE(horizon_of(s));
}

TEST_CASE("months after an explicit end are not projected") {
  Scenario s = with({contract("a", month_of(2019, 7), 56260000, 2)});
  s.end = month_of(2020, 3);
  Projection p = project_all(s, Basis::financial_year);
  REQUIRE(p.periods.size() == 1);
  CHECK(p.cost[0].pence == 42195000);
}

namespace {

// A random scenario full of what makes boundaries hard: starts in any month,
// years cut by the horizon, from/until, by_year, uplifts, shares, pooling.
Scenario random_scenario(std::mt19937_64& random) {
  auto pick = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  Scenario s = with({}, pick(1, 12));
  s.apportion = pick(0, 1) ? Apportion::days : Apportion::months;
  Month first = 2019 * 12 + pick(0, 23);
  if (pick(0, 1)) s.start = first + pick(0, 30);
  if (pick(0, 1)) s.end = first + pick(40, 120);
  s.envelope.annual = Money{pick(1, 900000000)};
  s.envelope.change.rates = {pick(-30, 30) / 1000.0};
  for (int f = 0, streams = pick(0, 3); f < streams; ++f) {
    FundingStream stream;
    stream.id = stream.name = "s" + std::to_string(f);
    stream.amount.annual = Money{pick(1, 500000000) + 1};
    stream.amount.change.rates = {pick(-50, 50) / 1000.0, pick(-50, 50) / 1000.0};
    if (pick(0, 1)) stream.from = first + pick(0, 40);
    if (pick(0, 1)) stream.until = first + pick(30, 100);
    if (pick(0, 1)) stream.amount.by_year = {{2020 + pick(0, 4), Money{pick(0, 90000000)}}};
    s.funding.push_back(stream);
  }
  for (int i = 0, n = pick(1, 6); i < n; ++i) {
    Contract c =
        contract("c" + std::to_string(i), first + pick(-30, 40), pick(1, 90000000), pick(1, 5));
    c.extensions = {pick(1, 3), pick(1, 2)};
    c.exercise = pick(0, 2);
    c.uplift.rates = {pick(0, 50) / 1000.0};
    if (!s.funding.empty() && pick(0, 3)) {
      int a = pick(0, static_cast<int>(s.funding.size()) - 1);
      int b = (a + 1) % static_cast<int>(s.funding.size());
      c.funded_by =
          a == b ? std::vector<Share>{{a, 1.0}} : std::vector<Share>{{a, 0.35}, {b, 0.65}};
    }
    s.contracts.push_back(c);
  }
  return s;
}

// Months added into the periods of `basis`, line by line.
std::vector<Money> into_periods(const std::vector<Money>& months, const Projection& monthly,
                                const Projection& periods) {
  std::vector<Money> out(periods.periods.size());
  for (std::size_t m = 0; m < months.size(); ++m)
    out[periods.layout->period_of[monthly.periods[m].first - monthly.horizon.first]] += months[m];
  return out;
}

}  // namespace

TEST_CASE("every basis is the monthly projection added up, line by line (1,000 random scenarios)") {
  std::mt19937_64 random(13);
  for (int n = 0; n < 1000; ++n) {
    Scenario s = random_scenario(random);
    auto h = horizon_of(s);
    if (!h || h->months() > kMaxHorizonMonths) continue;
    Projection monthly = project(s, *h, Basis::month);
    // The horizon's cost, telescoped, is the months' cost added up.
    std::int64_t months_cost = 0;
    for (Money m : monthly.cost)
      months_cost += m.pence;
    CHECK(horizon_cost(s, *h).pence == months_cost);
    for (Basis b : {Basis::financial_year, Basis::contract_year, Basis::calendar_year}) {
      Projection p = project(s, *h, b);
      CAPTURE(n);
      CHECK(pence(p.cost) == pence(into_periods(monthly.cost, monthly, p)));
      CHECK(pence(p.envelope) == pence(into_periods(monthly.envelope, monthly, p)));
      CHECK(pence(p.pooled) == pence(into_periods(monthly.pooled, monthly, p)));
      for (std::size_t c = 0; c < s.contracts.size(); ++c)
        CHECK(pence(p.contract_cost[c]) ==
              pence(into_periods(monthly.contract_cost[c], monthly, p)));
      for (std::size_t f = 0; f < s.funding.size(); ++f) {
        CHECK(pence(p.stream_funding[f]) ==
              pence(into_periods(monthly.stream_funding[f], monthly, p)));
        CHECK(pence(p.committed[f]) == pence(into_periods(monthly.committed[f], monthly, p)));
      }
      // The totals alone, without the contracts' lines, are the same totals.
      Projection totals;
      project(s, p.layout, totals, Lines::totals);
      CHECK(pence(totals.cost) == pence(p.cost));
      CHECK(pence(totals.pooled) == pence(p.pooled));
      CHECK(pence(totals.funding) == pence(p.funding));
      // The cost alone is the same cost, and the funding lines added after it the same lines.
      Projection cost;
      project(s, p.layout, cost, Lines::cost);
      CHECK(pence(cost.cost) == pence(p.cost));
      project_funding(s, cost);
      CHECK(pence(cost.funding) == pence(p.funding));
      CHECK(pence(cost.envelope) == pence(p.envelope));
    }
  }
}
