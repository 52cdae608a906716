#include <doctest/doctest.h>

#include "tests/print.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "model/exact.h"
#include "model/projection.h"

using namespace model;

// Every expected figure below is worked out by hand from the decimals as
// written; each is a case where rounding the double result instead gives a
// penny less (checked when the case was chosen), so the test can fail.

TEST_CASE("a double enters as the shortest decimal that reads back as it") {
  auto d = shortest_decimal(0.025);
  CHECK(d.digits == 25);
  CHECK(d.exponent == -3);
  CHECK_FALSE(d.negative);
  d = shortest_decimal(-0.03);
  CHECK((d.negative && d.digits == 3 && d.exponent == -2));
  d = shortest_decimal(0.02 + 0.005);  // cpi + 0.005 with cpi 0.02: exactly 0.025
  CHECK((d.digits == 25 && d.exponent == -3));
  d = shortest_decimal(1e-5);
  CHECK((d.digits == 1 && d.exponent == -5));
  d = shortest_decimal(1347955.0);
  CHECK((d.digits == 1347955 && d.exponent == 0));
  d = shortest_decimal(1200.0);
  CHECK((d.digits == 12 && d.exponent == 2));
  d = shortest_decimal(1e22);
  CHECK((d.digits == 1 && d.exponent == 22));
  d = shortest_decimal(0.0);
  CHECK((d.digits == 0 && d.exponent == 0));
  d = shortest_decimal(5e-324);
  CHECK((d.digits == 5 && d.exponent == -324));
  d = shortest_decimal(0.1 + 0.2);  // not 0.3: 0.30000000000000004
  CHECK((d.digits == 30000000000000004 && d.exponent == -17));
}

TEST_CASE("money given in pounds: the decimal's half penny rounds away from zero") {
  // 1.005 is 1.00499999999999989... in binary; as written it is 100.5p.
  CHECK(money_from_pounds(1.005).pence == 101);
  CHECK(money_from_pounds(-1.005).pence == -101);
  CHECK(money_from_pounds(1.015).pence == 102);
  CHECK(money_from_pounds(0.285).pence == 29);
  CHECK(money_from_pounds(1347955.005).pence == 134795501);
  CHECK(money_from_pounds(562600.0).pence == 56260000);
  CHECK(money_from_pounds(0.004).pence == 0);
  CHECK(money_from_pounds(1e-300).pence == 0);
  CHECK(money_from_pounds(92e15).pence == 92e17);
  CHECK_THROWS_AS(money_from_pounds(1e17), std::out_of_range);
  CHECK_THROWS_AS(money_from_pounds(std::nan("")), std::out_of_range);
}

TEST_CASE("a share of cumulative cost is exact (SPEC 3.4)") {
  CHECK(round_share(10, 0.35) == 4);   // 3.5p
  CHECK(round_share(90, 0.35) == 32);  // 31.5p; 0.35 x 90 in binary is 31.4999...
  CHECK(round_share(50, 0.29) == 15);  // 14.5p
  CHECK(round_share(-90, 0.35) == -32);
  CHECK(round_share(100, 0.35) == 35);
  CHECK(round_share(7, 0) == 0);
  CHECK(round_share(7, 1) == 7);
  CHECK(round_share(3, 1e-300) == 0);
  CHECK(round_share(std::numeric_limits<std::int64_t>::max(), 0.5) == 4611686018427387904);
}

TEST_CASE("compounding is exact (SPEC 3.1's examples)") {
  // £1,000,000 growing 0.5% a year: 1,000,000 x 1.005^3 = 1,015,075.125.
  CHECK(round_compounded_exactly(100000000, std::vector{0.005}, 3) == 101507513);
  // 241,571 x 1.025 = 247,610.275.
  CHECK(round_compounded_exactly(24157100, std::vector{0.025}, 1) == 24761028);
  // 520,000 x 1.025^3 = 559,983.125.
  CHECK(round_compounded_exactly(52000000, std::vector{0.025, 0.025, 0.025}, 3) == 55998313);
  // Each step's rate as written: 1,000,000 x 1.02 x 1.025 x 1.03 = 1,076,865.
  CHECK(round_compounded_exactly(100000000, std::vector{0.02, 0.025, 0.03}, 3) == 107686500);
  CHECK(round_compounded_exactly(-24157100, std::vector{0.025}, 1) == -24761028);
  CHECK(round_compounded_exactly(100, std::vector<double>{}, 5) == 100);
  // The last rate repeats: 1.025^3 = 1.076890625, x 1.02 = 1.0984284375:
  // 1,000,000 x that = 1,098,428.4375.
  CHECK(round_compounded_exactly(100000000, std::vector{0.02, 0.025}, 4) == 109842844);
  // Long decimals and many steps go past 128 bits: 1.1^40 = 45.259...
  CHECK(round_compounded_exactly(100, std::vector{0.1}, 40) == 4526);
  CHECK(round_compounded_exactly(1, std::vector{0.30000000000000004}, 2) == 2);
  // A rate of 17 digits decides a half penny by its last digit (worked out
  // with Python's decimal module at 80 digits): 179,450 x 1.00030000000000000003
  // = 179,503.8350000000000000538..., and x 1.0006999999999999999 =
  // 179,575.614999999999999982..., one up, one down, where double has both at .5.
  CHECK(round_compounded_exactly(17945000, std::vector{0.00030000000000000003}, 1) == 17950384);
  CHECK(round_compounded_exactly(17945000, std::vector{0.0006999999999999999}, 1) == 17957561);
  CHECK(round_compounded_exactly(17945000, std::vector{0.0005000000000000001}, 1) == 17953973);
  CHECK_THROWS_AS(round_compounded_exactly(100000000, std::vector<double>{9.0}, 40),
                  std::out_of_range);
}

TEST_CASE("Compounding steps through the exact values, fast path or not") {
  RateSchedule rates{{0.005}};
  Compounding c(Money{100000000}, rates);
  CHECK(c.value().pence == 100000000);
  c.step();
  CHECK(c.value().pence == 100500000);
  c.step();
  CHECK(c.value().pence == 101002500);
  c.step();
  CHECK(c.value().pence == 101507513);  // 1,015,075.125: the tie goes up
  // A list whose last element repeats: 2.5% then 5%: 241,571 x 1.025 x 1.05 x 1.05.
  RateSchedule list{{0.025, 0.05}};
  Compounding d(Money{24157100}, list);
  d.step();
  CHECK(d.value().pence == 24761028);  // 247,610.275
  d.step();
  CHECK(d.value().pence == 25999079);  // 259,990.78875
  d.step();
  CHECK(d.value().pence == 27299033);  // 272,990.3281875
  // No rates: the base at every step.
  RateSchedule none;
  Compounding e(Money{12345}, none);
  e.step();
  CHECK(e.value().pence == 12345);
}

TEST_CASE("contract years and whole-life values use the exact rule") {
  Contract c;
  c.id = "a";
  c.annual = Money{24157100};
  c.term = 2;
  c.uplift.rates = {0.025};
  CHECK(contract_year_value(c, 1).pence == 24761028);
  CHECK(whole_life_value(c, WholeLife::base_term).pence == 24157100 + 24761028);
}

TEST_CASE("npv is summed exactly and rounded once") {
  // At 60%: 289,640 + 668,480 / 1.6 + 7,807,840 / 2.56 = 289,640 + 417,800 +
  // 3,049,937.5 pence = 3,757,377.5p, so 3,757,378p.
  std::vector<Money> cost = {Money{289640}, Money{668480}, Money{7807840}};
  CHECK(present_value(cost, 0.6).pence == 3757378);
  // At 20%: 7,538,930 + 796,982 / 1.2 + 76,783,900 / 1.44 + 3,020,100 / 1.728
  // = 7,538,930 + 664,151.6... + 53,322,152.7... + 1,747,743.05...: the
  // exact sum is 63,272,977.5p.
  std::vector<Money> four = {Money{7538930}, Money{796982}, Money{76783900}, Money{3020100}};
  CHECK(present_value(four, 0.2).pence == 63272978);
  // At 10%: 200,000 + 200,000 / 1.1 + 200,000 / 1.21 = 547,107.438...p.
  std::vector<Money> even = {Money{200000}, Money{200000}, Money{200000}};
  CHECK(present_value(even, 0.1).pence == 547107);
  CHECK(present_value(even, 0).pence == 600000);
  CHECK_THROWS_AS(present_value(even, -1), std::out_of_range);
}

TEST_CASE("the shortest decimal is the one std::to_chars writes, for every kind of number") {
  // Independently of how shortest_decimal finds it: the digits of the
  // shortest round trip as text, and the decimal read back with strtod.
  auto check = [](double x) {
    char text[40];
    auto [end, ec] = std::to_chars(text, text + sizeof text, x);
    REQUIRE(ec == std::errc());
    std::string written(text, end), significant;
    for (char c : written.substr(0, written.find('e')))
      if (std::isdigit(static_cast<unsigned char>(c))) significant += c;
    significant.erase(0, std::min(significant.find_first_not_of('0'), significant.size()));
    while (!significant.empty() && significant.back() == '0')
      significant.pop_back();
    ShortestDecimal d = shortest_decimal(x);
    INFO(written);
    CHECK(std::to_string(d.digits) == (significant.empty() ? "0" : significant));
    std::string decimal =
        (d.negative ? "-" : "") + std::to_string(d.digits) + "e" + std::to_string(d.exponent);
    CHECK(std::strtod(decimal.c_str(), nullptr) == x);
    CHECK(d.negative == std::signbit(x));
  };
  std::uint64_t state = 12345;
  auto next = [&] {  // splitmix64
    std::uint64_t z = (state += 0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
    return z ^ (z >> 31);
  };
  for (int i = 0; i < 200000; ++i) {
    std::uint64_t r = next();
    int places = static_cast<int>(r % 12);                        // 0..11 decimals
    double whole = static_cast<double>((r >> 8) % 100000000000);  // up to 11 digits
    double x = whole / std::pow(10.0, places);
    check(i % 2 ? x : -x);
    check(static_cast<double>(r >> 11) * 0x1p-53 * std::pow(10.0, static_cast<int>(r % 9) - 3));
  }
  for (double x : {0.0, -0.0, 999999.99999999, 999999.999999999, 1e6, 0.1 + 0.2, 1.0 / 3, 0.07,
                   580000 * (1 - 0.03), 0.02 + 0.005, 4.35, 1e-9, 123456.78901234})
    check(x);
}

TEST_CASE("round_safely rounds half away from zero only where double can tell") {
  std::int64_t out = 7;
  CHECK(round_safely(12.3, 1e-9, out));
  CHECK(out == 12);
  CHECK(round_safely(-12.7, 1e-9, out));
  CHECK(out == -13);
  CHECK(round_safely(2.5000001, 1e-9, out));  // above the half by more than the error
  CHECK(out == 3);
  CHECK(round_safely(-2.5000001, 1e-9, out));
  CHECK(out == -3);
  CHECK(round_safely(-0.4, 1e-9, out));
  CHECK(out == 0);
  out = 7;
  CHECK_FALSE(round_safely(2.5, 1e-9, out));
  CHECK_FALSE(round_safely(2.5000001, 1e-6, out));  // the error reaches the half
  CHECK_FALSE(round_safely(0x1p52, 1e-9, out));
  CHECK_FALSE(round_safely(1.2, 0.3, out));  // an error this large tells nothing
  CHECK(out == 7);
}

TEST_CASE("rounds_safely refuses what double cannot tell") {
  CHECK(rounds_safely(12.3, 1e-9));
  CHECK_FALSE(rounds_safely(12.5, 1e-9));
  CHECK_FALSE(rounds_safely(12.4999999, 1e-6));
  CHECK_FALSE(rounds_safely(0x1p53, 1e-9));
  CHECK_FALSE(rounds_safely(std::nan(""), 0));
}
