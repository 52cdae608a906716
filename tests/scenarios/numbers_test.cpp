#include <doctest/doctest.h>

#include "tests/print.h"

#include "scenarios/numbers.h"

using namespace scenarios;

TEST_CASE("money as finance users type it") {
  CHECK(parse_money("1347955")->pence == 134795500);
  CHECK(parse_money("1347955.5")->pence == 134795550);
  CHECK(parse_money("£1,347,955")->pence == 134795500);
  CHECK(parse_money("1,347,955.00")->pence == 134795500);
  CHECK(parse_money("-£1,000.25")->pence == -100025);
  CHECK(parse_money("1.5e6")->pence == 150000000);
  CHECK(parse_money("0.29")->pence == 29);
  CHECK(parse_money(".5")->pence == 50);
  // Beyond two decimals: half away from zero on the written digits.
  CHECK(parse_money("1.005")->pence == 101);
  CHECK(parse_money("-1.005")->pence == -101);
  CHECK(parse_money("1.0049")->pence == 100);
  CHECK_FALSE(parse_money("1,34,5"));
  CHECK_FALSE(parse_money("1234,567"));
  CHECK_FALSE(parse_money("five"));
  CHECK_FALSE(parse_money(""));
  CHECK_FALSE(parse_money("12a"));
  CHECK_FALSE(parse_money("1e999"));
}

TEST_CASE("numbers are decimal, never octal") {
  CHECK(parse_whole("010") == 10);
  CHECK(parse_whole("5") == 5);
  CHECK(parse_whole("-2") == -2);
  CHECK_FALSE(parse_whole("5.0"));
  CHECK_FALSE(parse_whole("five"));
  CHECK_FALSE(parse_whole("1e3"));
  CHECK(parse_number("010") == 10.0);
  CHECK(parse_number("0x10") == std::nullopt);
}

TEST_CASE("rates as fractions or percentages") {
  CHECK(parse_rate("0.03") == doctest::Approx(0.03));
  CHECK(parse_rate("3%") == doctest::Approx(0.03));
  CHECK(parse_rate("-2.5%") == doctest::Approx(-0.025));
  CHECK_FALSE(parse_rate("%"));
  CHECK_FALSE(parse_rate("three%"));
}

TEST_CASE("a percentage is the decimal it writes, in one rounding (SPEC 3.1)") {
  // 2.5% is exactly the double of 0.025; 1.1% the double of 0.011, where
  // 1.1 / 100 in binary is 0.011000000000000001.
  CHECK(parse_rate("2.5%") == 0.025);
  CHECK(parse_rate("1.1%") == 0.011);
  CHECK(parse_rate("0.7%") == 0.007);
  CHECK(parse_rate("-0.35%") == -0.0035);
  CHECK(parse_rate("1.5e1%") == 0.15);
  CHECK(parse_rate("300%") == 3.0);
  CHECK(is_percentage(" 3% "));
  CHECK_FALSE(is_percentage("0.03"));
}

TEST_CASE("money as written: the decimal's half penny rounds away from zero") {
  CHECK(parse_money("1.005")->pence == 101);
  CHECK(parse_money("£1,347,955.005")->pence == 134795501);
  CHECK(parse_money("-0.005")->pence == -1);
  CHECK(parse_money("6.00000075e5")->pence == 60000008);  // 600,000.075
  CHECK_FALSE(parse_money("1e30"));
}

TEST_CASE("accounting brackets are recognised, never read as positive") {
  CHECK(bracketed_number("(0.02)") == "0.02");
  CHECK(bracketed_number(" (£1,000) ") == "£1,000");
  CHECK(bracketed_number("(3%)") == "3%");
  CHECK_FALSE(bracketed_number("(1 - cut)"));
  CHECK_FALSE(bracketed_number("(-0.02)"));
  CHECK_FALSE(bracketed_number("0.02"));
  CHECK_FALSE(parse_rate("(0.02)"));
}
