#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>

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

// parse_number computes short decimals itself (one exact multiplication or
// division); the double must be strtod's, to the bit.
TEST_CASE("a number reads as the double strtod gives for it") {
  std::mt19937 random(20240401);
  auto digits = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i)
      s += static_cast<char>('0' + random() % 10);
    return s;
  };
  std::vector<std::string> texts = {"0",
                                    "-0",
                                    "-0.0e5",
                                    "1e22",
                                    "1e23",
                                    "9e-22",
                                    "9e-23",
                                    "0.1",
                                    "0.3",
                                    "2.675",
                                    "1.005",
                                    "0.0125",
                                    "1e-3",
                                    "123456789012345",
                                    "1234567890123456",
                                    "9007199254740993",
                                    "0.000000000000000000001",
                                    "4.35",
                                    "1.15e-7",
                                    "-3.3e+21",
                                    "1e99999999999999999999",
                                    "1e-99999999999999999999"};
  for (int i = 0; i < 20000; ++i) {
    std::string t = random() % 5 == 0 ? "-" : "";
    t += digits(1 + random() % 17);
    if (random() % 2) t += "." + digits(1 + random() % 17);
    if (random() % 3 == 0) t += "e" + std::to_string(static_cast<int>(random() % 61) - 30);
    texts.push_back(t);
  }
  for (const std::string& t : texts) {
    INFO("text: ", t);
    double expected = std::strtod(t.c_str(), nullptr);
    auto v = parse_number(t);
    // An exponent beyond any double's range is refused, never read as another number.
    bool out_of_range = t.find("99999999999999999999") != std::string::npos;
    if (out_of_range) {
      CHECK(!v);
      continue;
    }
    REQUIRE(v);
    CHECK(std::bit_cast<std::uint64_t>(*v) == std::bit_cast<std::uint64_t>(expected));
  }
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

TEST_CASE("plain decimals read as strtod reads them, up to 15 digits") {
  // parse_number reads "-12", "0.025", "580000" without building a Decimal;
  // strtod, correctly rounded, is the independent reading of the same text.
  std::mt19937_64 random(2026);
  for (int n = 0; n < 200000; ++n) {
    int whole = 1 + static_cast<int>(random() % 9), fraction = static_cast<int>(random() % 8);
    if (whole + fraction > 15) fraction = 15 - whole;
    std::string text = random() % 4 == 0 ? "-" : "";
    for (int i = 0; i < whole; ++i)
      text += static_cast<char>('0' + random() % 10);
    if (fraction > 0) text += '.';
    for (int i = 0; i < fraction; ++i)
      text += static_cast<char>('0' + random() % 10);
    auto v = parse_number(text);
    REQUIRE_MESSAGE(v, text);
    REQUIRE_MESSAGE(*v == std::strtod(text.c_str(), nullptr), text);
    if (fraction == 0 && text[0] != '-' && whole <= 12)
      REQUIRE_MESSAGE(parse_whole(text) == std::strtoll(text.c_str(), nullptr, 10), text);
  }
  // The forms it leaves to the general reading still read.
  CHECK(parse_number("5.") == 5.0);
  CHECK(parse_number(".5") == 0.5);
  CHECK(parse_number(" 12 ") == 12.0);
  CHECK(parse_number("1,234.5") == 1234.5);
  CHECK(parse_number("1234567890123456") == 1234567890123456.0);  // 16 digits
  for (const char* long_one :
       {"12345678901234567890", "0.1234567890123456789", "-9999999999999999999.5"})
    CHECK(parse_number(long_one) == std::strtod(long_one, nullptr));  // past 15 digits, no overflow
  CHECK_FALSE(parse_number("1.2.3"));
  CHECK_FALSE(parse_number("-"));
  CHECK_FALSE(parse_number("1.5x"));
}
