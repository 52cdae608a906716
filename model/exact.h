// Exact decimal arithmetic (SPEC 3.1). Every number of a scenario enters as
// the shortest decimal that reads back as the same double (0.025, never
// 0.025000000000000001387...), and an amount is what exact arithmetic on
// those decimals gives, rounded to whole pence half away from zero: binary
// floating point never decides a half penny.
//
// Each rule has a fast path in double. It is taken only where an error bound
// proves that no half penny lies between the double result and the exact
// one (rounds_safely); otherwise the amount is computed exactly, in integers
// (GMP where 128 bits may not hold them). The bound costs an addition a step,
// so Monte Carlo runs as fast as before.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>

#include "model/money.h"

namespace model {

// A finite double as the shortest decimal that reads back as it (what
// std::to_chars writes): (negative ? -1 : 1) * digits * 10^exponent, with
// digits below 10^17 and without trailing zeros (0 is digits 0).
struct ShortestDecimal {
  bool negative = false;
  std::uint64_t digits = 0;
  int exponent = 0;
};
ShortestDecimal shortest_decimal(double x);

// The unit roundoff of double: each operation's relative error is at most this.
inline constexpr double kUnitRoundoff = 0x1p-53;

// round(x) half away from zero into `out` when no half-integer lies within
// `error` of x (rounds_safely below), in one pass: what the fast paths
// compute for each amount. Else false, and `out` is left as it was.
inline bool round_safely(double x, double error, std::int64_t& out) {
  double a = std::fabs(x);
  if (!(a < 0x1p52) || !(error < 0.25)) return false;
  auto whole = static_cast<std::int64_t>(a);
  double rest = a - static_cast<double>(whole);  // exact
  if (!(std::fabs(rest - 0.5) > error + 0x1p-40)) return false;
  whole += rest > 0.5;
  out = x < 0 ? -whole : whole;
  return true;
}

// Whether rounding x half away from zero gives the same whole number as
// rounding any real number within `error` of x: no half-integer lies that
// close. False for |x| >= 2^52, where doubles are too sparse to tell.
inline bool rounds_safely(double x, double error) {
  std::int64_t unused;
  return round_safely(x, error, unused);
}

// The relative error that one compounding step, fl(product * fl(1 + rate)),
// adds to a running product against the exact decimal product: the rate's
// distance from its decimal, the addition and the multiplication.
inline double step_error(double rate) {
  if (rate >= -0.5) return 3 * kUnitRoundoff;  // |rate| / (1 + rate) <= 1
  return kUnitRoundoff * (3 - rate / (1 + rate));
}

// round(pounds * 100): money given as a number (a literal, what an expression
// gives, a drawn value). Throws std::out_of_range when pounds is not finite
// or the pence do not fit in 64 bits.
Money money_from_pounds(double pounds);

// round(pence * share), the share as its decimal (SPEC 3.4: 0.35 of 10p is 4p).
// Precondition: 0 <= share <= 1.
std::int64_t round_share(std::int64_t pence, double share);

// round(base * prod_{j=1..steps} (1 + r_j)), exactly, each rate as its
// decimal, r_j = rates[min(j, n) - 1]: a schedule whose last rate repeats
// (no rates: 0). In 128-bit integers while the product fits, else GMP.
// Precondition: every rate > -1. Throws std::out_of_range beyond 64 bits.
std::int64_t round_compounded_exactly(std::int64_t base, std::span<const double> rates, int steps);

// round(sum_f amounts[f] / (1 + rate)^f), summed exactly and rounded once (the
// npv of SPEC 3.5). Throws std::out_of_range when rate <= -1 or the result
// does not fit in 64 bits.
Money present_value(std::span<const Money> amounts, double rate);

}  // namespace model
