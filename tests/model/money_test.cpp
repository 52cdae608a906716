#include <doctest/doctest.h>

#include "tests/print.h"

#include "model/money.h"

using model::Money;

TEST_CASE("round_half_away rounds halves away from zero") {
  CHECK(model::round_half_away(2.5) == 3);
  CHECK(model::round_half_away(-2.5) == -3);
  CHECK(model::round_half_away(2.4999) == 2);
  CHECK(model::round_half_away(-0.5) == -1);
  CHECK(model::round_to_pence(42195000.4).pence == 42195000);
}

TEST_CASE("round_ratio is exact integer rounding of value * num / den") {
  CHECK(model::round_ratio(18, 1, 12) == 2);    // 1.5 -> 2
  CHECK(model::round_ratio(-18, 1, 12) == -2);  // -1.5 -> -2
  CHECK(model::round_ratio(17, 1, 12) == 1);    // 1.4166 -> 1
  CHECK(model::round_ratio(10000, 1, 12) == 833);
  CHECK(model::round_ratio(10000, 2, 12) == 1667);
  // 9 months of £562,600 is exactly £421,950 (SPEC 3.1).
  CHECK(model::round_ratio(56260000, 9, 12) == 42195000);
  // 275/366 of £562,600 = 42271857.92... pence.
  CHECK(model::round_ratio(56260000, 275, 366) == 42271858);
  // No overflow for large pence times day counts.
  CHECK(model::round_ratio(4'000'000'000'000'000'000, 366, 366) == 4'000'000'000'000'000'000);
}

TEST_CASE("money prints as pounds") {
  CHECK(model::to_decimal_string(Money{1213159500}) == "12131595.00");
  CHECK(model::to_decimal_string(Money{-22364725}) == "-223647.25");
  CHECK(model::to_decimal_string(Money{5}) == "0.05");
  CHECK(model::to_decimal_string(Money{-5}) == "-0.05");
  CHECK(model::to_display_string(Money{134795500}) == "£1,347,955");
  CHECK(model::to_display_string(Money{101096625}) == "£1,010,966.25");
  CHECK(model::to_display_string(Money{-22364725}) == "-£223,647.25");
  CHECK(model::to_display_string(Money{99900}, true) == "£999.00");
  CHECK(model::to_display_string(Money{100000}) == "£1,000");
}

TEST_CASE("money arithmetic is exact") {
  Money a{10}, b{20};
  CHECK((a + b).pence == 30);
  CHECK((a - b).pence == -10);
  CHECK(-a == Money{-10});
  CHECK(a < b);
}
