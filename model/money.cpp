#include "model/money.h"

#include <cassert>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace model {

void throw_money_overflow() {
  throw std::out_of_range(
      "amounts add up to more than 64-bit pence can hold (about 92 million million pounds)");
}

void throw_out_of_range_amount() {
  throw std::out_of_range(
      "an amount is out of range (beyond 92 million million pounds, or not "
      "a number): check uplifts, changes and the discount rate");
}

namespace {
__extension__ typedef __int128 Wide;  // products of pence and day counts cannot overflow
}  // namespace

namespace {

// Half away from zero on |magnitude| / den, with the sign put back.
template <typename T>
std::int64_t rounded_quotient(T product, std::int64_t den) {
  bool negative = product < 0;
  T magnitude = negative ? -product : product;
  T quotient = magnitude / den;
  if (2 * (magnitude % den) >= den) ++quotient;
  return static_cast<std::int64_t>(negative ? -quotient : quotient);
}

}  // namespace

std::int64_t round_ratio(std::int64_t value, std::int64_t num, std::int64_t den) {
  assert(den > 0);
  // 64-bit arithmetic when the product fits with room to double the remainder
  // (every realistic amount); 128-bit otherwise. Both are exact.
  std::int64_t product;
  if (!__builtin_mul_overflow(value, num, &product) && product > INT64_MIN / 4 &&
      product < INT64_MAX / 4 && den < INT64_MAX / 4)
    return rounded_quotient(product, den);
  return rounded_quotient(static_cast<Wide>(value) * num, den);
}

namespace {

std::string group_thousands(std::uint64_t whole) {
  std::string digits = std::to_string(whole);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++count;
  }
  return out;
}

std::uint64_t magnitude(std::int64_t p) {
  return p < 0 ? static_cast<std::uint64_t>(-(p + 1)) + 1 : static_cast<std::uint64_t>(p);
}

std::string two_digits(std::uint64_t n) {
  return {char('0' + n / 10), char('0' + n % 10)};
}

}  // namespace

std::string to_decimal_string(Money m) {
  std::uint64_t mag = magnitude(m.pence);
  return (m.pence < 0 ? "-" : "") + std::to_string(mag / 100) + "." + two_digits(mag % 100);
}

std::string to_display_string(Money m, bool always_pence) {
  std::uint64_t mag = magnitude(m.pence);
  std::string out = (m.pence < 0 ? "-£" : "£") + group_thousands(mag / 100);
  if (always_pence || mag % 100 != 0) out += "." + two_digits(mag % 100);
  return out;
}

}  // namespace model
