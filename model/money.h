// Money as whole pence in a 64-bit integer. Doubles appear only for rates and
// statistics and become pence at one place, round_to_pence(), which rounds
// half away from zero.
#pragma once

#include <cmath>
#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace model {

[[noreturn]] void throw_money_overflow();

// An amount out of range, with a message that names where it arose
// ("contracts.big: contract year 8 (2031-04 to 2032-03): ..."); amounts
// thrown without a place are plain std::out_of_range.
struct LocatedAmountError : std::out_of_range {
  using std::out_of_range::out_of_range;
};

// Sums and differences are checked: one that 64 bits cannot hold throws
// std::out_of_range (never a wrapped number).
struct Money {
  std::int64_t pence = 0;

  static constexpr Money from_pence(std::int64_t p) { return Money{p}; }
  constexpr Money& operator+=(Money o) {
    if (__builtin_add_overflow(pence, o.pence, &pence)) throw_money_overflow();
    return *this;
  }
  constexpr Money& operator-=(Money o) {
    if (__builtin_sub_overflow(pence, o.pence, &pence)) throw_money_overflow();
    return *this;
  }
  friend constexpr Money operator+(Money a, Money b) { return a += b; }
  friend constexpr Money operator-(Money a, Money b) { return a -= b; }
  friend constexpr Money operator-(Money a) { return Money{} -= a; }
  friend constexpr auto operator<=>(Money, Money) = default;
  constexpr double pounds() const { return static_cast<double>(pence) / 100.0; }
};

// Rounds a real number of pence half away from zero. Throws std::out_of_range
// when x is not finite or beyond the range of int64 (fits_in_pence() tells).
std::int64_t round_half_away(double x);
inline bool fits_in_pence(double x) {
  return std::isfinite(x) && std::fabs(x) < 9.2e18;
}
[[noreturn]] void throw_out_of_range_amount();

// Money from a real number of pence, rounded half away from zero.
inline Money round_to_pence(double pence) {
  return Money{round_half_away(pence)};
}

// As std::round, without the library call: the truncation t is exact, and so
// is pence - t (both have the same sign and |t| >= |pence| / 2 when |t| >= 1),
// so the comparison with one half is exact. Defined here to be inlined.
inline std::int64_t round_half_away(double x) {
  if (!(std::fabs(x) < 9.2e18)) throw_out_of_range_amount();
  auto t = static_cast<std::int64_t>(x);
  double rest = x - static_cast<double>(t);
  return t + (rest >= 0.5) - (rest <= -0.5);
}

// round(value * num / den) in exact integer arithmetic, half away from zero.
// Precondition: den > 0. Used by the cumulative splits of SPEC 3.1.
std::int64_t round_ratio(std::int64_t value, std::int64_t num, std::int64_t den);

// "1347955.00", "-223647.25": pounds with two decimals, no grouping (eval, CSV, JSON).
std::string to_decimal_string(Money m);

// "£1,347,955" when the pence are zero, "£1,010,966.25" otherwise; negatives as
// "-£223,647.25". With always_pence, two decimals are always shown.
std::string to_display_string(Money m, bool always_pence = false);

}  // namespace model
