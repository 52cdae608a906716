#include <doctest/doctest.h>

#include "model/money.h"

using model::Money;

TEST_CASE("round_ratio rounds half away from zero") {
  CHECK(model::round_ratio(18, 1, 12) == 2);    // 1.5 -> 2
  CHECK(model::round_ratio(-18, 1, 12) == -2);  // -1.5 -> -2
  CHECK(model::round_ratio(17, 1, 12) == 1);    // 1.4166 -> 1
}
