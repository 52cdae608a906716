#include "model/exact.h"

#include <gmpxx.h>

#include <array>
#include <bit>
#include <cassert>
#include <charconv>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

namespace model {

namespace {

__extension__ typedef __int128 Wide;

constexpr double kU = kUnitRoundoff;

// 10^k in 128 bits, for 0 <= k <= 38.
Wide power_of_ten(int k) {
  assert(k >= 0 && k <= 38);
  static const auto kPowers = [] {
    std::array<Wide, 39> out{};
    out[0] = 1;
    for (std::size_t i = 1; i < out.size(); ++i)
      out[i] = out[i - 1] * 10;
    return out;
  }();
  return kPowers[static_cast<std::size_t>(k)];
}

// n / d rounded half away from zero, d > 0.
Wide rounded_quotient(Wide n, Wide d) {
  __extension__ typedef unsigned __int128 Unsigned;
  bool negative = n < 0;
  auto m = static_cast<Unsigned>(negative ? -n : n), divisor = static_cast<Unsigned>(d);
  Unsigned q;
  if ((m >> 64) == 0 && (divisor >> 64) == 0)  // one 64-bit division, not the library's 128-bit one
    q = static_cast<std::uint64_t>(m) / static_cast<std::uint64_t>(divisor);
  else
    q = m / divisor;
  Unsigned rest = m - q * divisor;  // below the divisor (at most 10^38), so twice it fits
  if (2 * rest >= divisor) ++q;
  return negative ? -static_cast<Wide>(q) : static_cast<Wide>(q);
}

std::int64_t narrow(Wide v) {
  if (v > std::numeric_limits<std::int64_t>::max() || v < std::numeric_limits<std::int64_t>::min())
    throw_out_of_range_amount();
  return static_cast<std::int64_t>(v);
}

// round(n * 10^k) for |n| < 2^121 (a 64-bit amount times 17 digits).
std::int64_t round_scaled(Wide n, int k) {
  if (k < 0) return -k > 38 ? 0 : narrow(rounded_quotient(n, power_of_ten(-k)));
  for (int i = 0; i < k; ++i) {
    if (n > std::numeric_limits<std::int64_t>::max() ||
        n < std::numeric_limits<std::int64_t>::min())
      throw_out_of_range_amount();
    n *= 10;
  }
  return narrow(n);
}

mpz_class to_mpz(std::int64_t v) {
  mpz_class out;
  mpz_set_si(out.get_mpz_t(), v);
  return out;
}

mpz_class ten_to(unsigned k) {
  mpz_class out;
  mpz_ui_pow_ui(out.get_mpz_t(), 10, k);
  return out;
}

mpz_class to_mpz(const ShortestDecimal& d) {
  mpz_class out;
  mpz_set_ui(out.get_mpz_t(), d.digits);  // below 10^17: fits in unsigned long on LP64
  return d.negative ? mpz_class(-out) : out;
}

// 1 + d as numerator / 10^scale, with scale >= 0.
struct Ratio {
  mpz_class numerator;
  unsigned scale = 0;
};
// shortest_decimal of a rate the exact rules meet again and again: the same
// uplift at every year of every contract, and, in a what-if, the same value
// until the next is tried. The last few are kept, on each thread.
ShortestDecimal decimal_of_rate(double rate) {
  struct Entry {
    std::uint64_t bits = 0;
    ShortestDecimal decimal;  // of the rate with these bits (0 for bits 0)
  };
  constexpr std::size_t kKept = 4;
  thread_local std::array<Entry, kKept> kept{};
  thread_local std::size_t next = 0;
  auto bits = std::bit_cast<std::uint64_t>(rate);
  for (const Entry& e : kept)
    if (e.bits == bits) return e.decimal;
  Entry& e = kept[next++ % kKept];
  e = {bits, shortest_decimal(rate)};
  return e.decimal;
}

Ratio one_plus(double rate) {
  ShortestDecimal d = decimal_of_rate(rate);
  if (d.exponent >= 0) return {1 + to_mpz(d) * ten_to(static_cast<unsigned>(d.exponent)), 0};
  auto scale = static_cast<unsigned>(-d.exponent);
  return {ten_to(scale) + to_mpz(d), scale};
}

// n / d rounded half away from zero, d > 0, as 64-bit pence.
std::int64_t rounded_quotient(const mpz_class& n, const mpz_class& d) {
  mpz_class m = abs(n), q;
  mpz_class twice = 2 * m + d, d2 = 2 * d;
  mpz_fdiv_q(q.get_mpz_t(), twice.get_mpz_t(), d2.get_mpz_t());
  if (n < 0) q = -q;
  if (!q.fits_slong_p()) throw_out_of_range_amount();
  return q.get_si();
}

}  // namespace

namespace {

// shortest_decimal of any finite double, from std::to_chars's shortest
// round trip.
ShortestDecimal shortest_by_text(double x) {
  char text[40];
  auto [end, ec] = std::to_chars(text, text + sizeof text, x);
  assert(ec == std::errc());
  ShortestDecimal out;
  const char* p = text;
  if (*p == '-') out.negative = true, ++p;
  int fraction_digits = 0;
  bool after_point = false;
  for (; p < end && *p != 'e'; ++p) {
    if (*p == '.') {
      after_point = true;
      continue;
    }
    out.digits = out.digits * 10 + static_cast<std::uint64_t>(*p - '0');
    fraction_digits += after_point;
  }
  int exponent = 0;
  if (p < end) std::from_chars(p + 1 + (p[1] == '+'), end, exponent);
  out.exponent = exponent - fraction_digits;
  if (out.digits == 0) return ShortestDecimal{out.negative, 0, 0};
  while (out.digits % 10 == 0)
    out.digits /= 10, ++out.exponent;
  return out;
}

constexpr double kTens[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

}  // namespace

// What most numbers of a scenario are (rates such as 0.025, amounts such as
// 580000 or 1234.56) is found without text: the fewest places k at which
// round(|x| 10^k) / 10^k reads back as x. Below 10^6 and up to 8 places,
// the product is within 0.04 of that whole number, so rounding finds it;
// no other decimal of k places reads back as x (two would lie within one
// ulp of x, closer than 10^-k); and a decimal of more places has more
// digits. So it is the decimal std::to_chars gives (tested against it).
ShortestDecimal shortest_decimal(double x) {
  assert(std::isfinite(x));
  double a = std::fabs(x);
  if (a < 1e6 && a != 0) {
    for (int k = 0; k <= 8; ++k) {
      double digits = static_cast<double>(static_cast<std::int64_t>(a * kTens[k] + 0.5));
      if (digits / kTens[k] != a) continue;
      ShortestDecimal out{x < 0, static_cast<std::uint64_t>(digits), -k};
      while (out.digits % 10 == 0)
        out.digits /= 10, ++out.exponent;
      return out;
    }
  }
  return shortest_by_text(x);
}

Money money_from_pounds(double pounds) {
  if (!std::isfinite(pounds)) throw_out_of_range_amount();
  double x = pounds * 100;  // error: the pounds' distance from their decimal, the product
  std::int64_t rounded;
  if (round_safely(x, std::fabs(x) * 2.02 * kU, rounded)) return Money{rounded};
  ShortestDecimal d = shortest_decimal(pounds);
  Wide digits = static_cast<Wide>(d.digits);
  return Money{round_scaled(d.negative ? -digits : digits, d.exponent + 2)};
}

std::int64_t round_share(std::int64_t pence, double share) {
  assert(share >= 0 && share <= 1);
  double x = share * static_cast<double>(pence);  // the share's decimal, the pence, the product
  std::int64_t rounded;
  if (round_safely(x, std::fabs(x) * 3.03 * kU, rounded)) return rounded;
  ShortestDecimal d = shortest_decimal(share);
  return round_scaled(static_cast<Wide>(pence) * static_cast<Wide>(d.digits), d.exponent);
}

namespace {

// How many steps each rate of a schedule covers: one each, the last the rest.
int steps_of(std::size_t i, std::size_t n, int steps) {
  return i + 1 < n ? 1 : steps - static_cast<int>(n) + 1;
}

// The exact product in 128 bits, or nullopt when it may not fit.
std::optional<std::int64_t> compounded_in_128_bits(std::int64_t base, std::span<const double> rates,
                                                   int steps) {
  Wide numerator = base;
  int scale = 0;
  for (std::size_t i = 0; i < rates.size() && static_cast<int>(i) < steps; ++i) {
    ShortestDecimal d = decimal_of_rate(rates[i]);
    if (d.exponent > 0 || d.exponent < -38) return std::nullopt;
    Wide ten = power_of_ten(-d.exponent), digits = static_cast<Wide>(d.digits);
    Wide factor = ten + (d.negative ? -digits : digits);
    for (int k = steps_of(i, rates.size(), steps); k > 0; --k) {
      scale -= d.exponent;
      if (scale > 38 || __builtin_mul_overflow(numerator, factor, &numerator)) return std::nullopt;
    }
  }
  return narrow(rounded_quotient(numerator, power_of_ten(scale)));
}

}  // namespace

std::int64_t round_compounded_exactly(std::int64_t base, std::span<const double> rates, int steps) {
  if (auto fits = compounded_in_128_bits(base, rates, steps)) return *fits;
  mpz_class numerator = to_mpz(base), factor;
  unsigned scale = 0;
  for (std::size_t i = 0; i < rates.size() && static_cast<int>(i) < steps; ++i) {
    assert(rates[i] > -1);
    Ratio r = one_plus(rates[i]);
    auto count = static_cast<unsigned long>(steps_of(i, rates.size(), steps));
    mpz_pow_ui(factor.get_mpz_t(), r.numerator.get_mpz_t(), count);
    numerator *= factor;
    scale += r.scale * static_cast<unsigned>(count);
  }
  return rounded_quotient(numerator, ten_to(scale));
}

namespace {

// sum_f amounts[f] * 10^(scale f) / P^f as (sum_f amounts[f] (10^scale)^f P^(F-f)) / P^F,
// with 1 + rate = P / 10^scale, built by Horner's rule.
Money present_value_exactly(std::span<const Money> amounts, double rate) {
  Ratio r = one_plus(rate);
  mpz_class q = ten_to(r.scale), q_power = 1, numerator = 0, denominator = 1;
  for (std::size_t f = 0; f < amounts.size(); ++f) {
    if (f > 0) {
      numerator *= r.numerator;
      denominator *= r.numerator;
      q_power *= q;
    }
    numerator += to_mpz(amounts[f].pence) * q_power;
  }
  return Money{rounded_quotient(numerator, denominator)};
}

}  // namespace

Money present_value(std::span<const Money> amounts, double rate) {
  if (!(rate > -1) || !std::isfinite(rate)) throw_out_of_range_amount();
  // (1 + rate)^f by repeated multiplication: the same bits on every platform,
  // where std::pow may differ in the last place.
  double total = 0, magnitude = 0, factor = 1;
  for (std::size_t f = 0; f < amounts.size(); ++f) {
    if (f > 0) factor *= 1 + rate;
    double term = static_cast<double>(amounts[f].pence) / factor;
    total += term;
    magnitude += std::fabs(term);
  }
  // Each term: f steps of the factor, the pence and the division; the sum: one
  // rounding per addition, each at most the magnitude's.
  auto n = static_cast<double>(amounts.size());
  double error = magnitude * (n * step_error(rate) + (n + 3) * kU) * 1.01;
  std::int64_t rounded;
  if (round_safely(total, error, rounded)) return Money{rounded};
  return present_value_exactly(amounts, rate);
}

}  // namespace model
