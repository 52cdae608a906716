#include "scenarios/numbers.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "model/exact.h"

namespace scenarios {

namespace {

// A number as written, its parts viewing the text (the whole part's digits
// are copied only to drop thousands commas).
struct Decimal {
  bool negative = false;
  std::string whole;          // digits only
  std::string_view fraction;  // digits only
  std::string_view exponent;  // with sign, may be empty
};

// What std::isspace and std::isdigit take in the "C" locale, without a call.
bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

// Whole-part digits with optional thousands commas in groups of three.
std::optional<std::string> whole_digits(std::string_view s) {
  if (s.find(',') == std::string_view::npos)
    return all_digits(s) ? std::optional(std::string(s)) : std::nullopt;
  std::string out;
  std::size_t first = s.find(',');
  if (first == 0 || first > 3) return std::nullopt;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') {
      if ((s.size() - i - 1) % 4 != 3 || (i + 4 < s.size() && s[i + 4] != ',')) return std::nullopt;
      continue;
    }
    if (!is_digit(s[i])) return std::nullopt;
    out += s[i];
  }
  return out;
}

std::optional<Decimal> parse_decimal(std::string_view text) {
  std::string_view s = trim(text);
  Decimal d;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    d.negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.starts_with("£")) s.remove_prefix(std::string_view("£").size());
  // (find_first_of would call memchr for every character)
  auto exponent_mark =
      std::find_if(s.begin(), s.end(), [](char c) { return c == 'e' || c == 'E'; });
  if (std::size_t e = static_cast<std::size_t>(exponent_mark - s.begin()); e < s.size()) {
    d.exponent = s.substr(e + 1);
    s = s.substr(0, e);
    std::string_view digits = d.exponent;
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+'))
      digits.remove_prefix(1);
    if (digits.empty() || digits.size() > 4 || !all_digits(digits)) return std::nullopt;
  }
  std::size_t point = s.find('.');
  std::string_view whole = s.substr(0, point);
  if (point != std::string_view::npos) {
    d.fraction = s.substr(point + 1);
    if (!all_digits(d.fraction)) return std::nullopt;
  }
  auto digits = whole_digits(whole);
  if (!digits || (digits->empty() && d.fraction.empty())) return std::nullopt;
  d.whole = std::move(*digits);
  return d;
}

// Powers of ten that are exact doubles.
constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                              1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                              1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// The value computed exactly when it can be: at most 15 significant digits
// (an exact double) and a power of ten up to 1e22 (exact too), so that one
// IEEE multiplication or division rounds the decimal once, as strtod does
// (Clinger's fast path).
std::optional<double> exact_value(const Decimal& d) {
  if (d.whole.size() + d.fraction.size() > 15) return std::nullopt;
  int exponent = 0;
  if (!d.exponent.empty()) {
    const char* end = d.exponent.data() + d.exponent.size();
    auto [at, error] = std::from_chars(d.exponent.data() + (d.exponent[0] == '+'), end, exponent);
    if (error != std::errc() || at != end) return std::nullopt;  // strtod decides
  }
  exponent -= static_cast<int>(d.fraction.size());
  if (exponent < -22 || exponent > 22) return std::nullopt;
  std::int64_t digits = 0;
  for (char c : d.whole)
    digits = digits * 10 + (c - '0');
  for (char c : d.fraction)
    digits = digits * 10 + (c - '0');
  double v = static_cast<double>(digits);
  v = exponent < 0 ? v / kPowers[-exponent] : v * kPowers[exponent];
  return d.negative ? -v : v;
}

// The most common numbers, "-12", "0.025" or "580000": an optional minus,
// digits, and optionally a point and more digits, 15 digits at most. Read
// as exact_value() reads them (the same double), without building a
// Decimal; nullopt for anything else, which parse_decimal() then reads.
std::optional<double> plain_decimal(std::string_view s) {
  bool negative = !s.empty() && s.front() == '-';
  std::size_t i = negative ? 1 : 0, digits_seen = 0, fraction = 0;
  std::int64_t digits = 0;
  constexpr std::size_t kMost = 15;  // digits: more are left to parse_decimal, before overflow
  for (; i < s.size() && is_digit(s[i]); ++i, ++digits_seen) {
    if (digits_seen == kMost) return std::nullopt;
    digits = digits * 10 + (s[i] - '0');
  }
  if (digits_seen == 0) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && is_digit(s[i]); ++i, ++fraction, ++digits_seen) {
      if (digits_seen == kMost) return std::nullopt;
      digits = digits * 10 + (s[i] - '0');
    }
    if (fraction == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  double v = static_cast<double>(digits) / kPowers[fraction];
  return negative ? -v : v;
}

double to_double(const Decimal& d) {
  if (auto v = exact_value(d)) return *v;
  std::string s;
  s.reserve(d.whole.size() + d.fraction.size() + d.exponent.size() + 4);
  if (d.negative) s += '-';
  s += d.whole.empty() ? std::string_view("0") : std::string_view(d.whole);
  if (!d.fraction.empty()) s.append(1, '.').append(d.fraction);
  if (!d.exponent.empty()) s.append(1, 'e').append(d.exponent);
  return std::strtod(s.c_str(), nullptr);
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  if (auto v = plain_decimal(text)) return v;
  auto d = parse_decimal(text);
  if (!d) return std::nullopt;
  double v = to_double(*d);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<model::Money> parse_money(std::string_view text) {
  auto v = parse_number(text);
  if (!v || !model::fits_in_pence(*v * 100)) return std::nullopt;
  return model::money_from_pounds(*v);
}

std::optional<double> parse_rate(std::string_view text) {
  std::string_view s = trim(text);
  if (!s.ends_with('%')) return parse_number(s);
  // "2.5%" is the decimal 2.5e-2, read in one rounding (2.5 / 100 would be two).
  auto d = parse_decimal(s.substr(0, s.size() - 1));
  if (!d) return std::nullopt;
  int exponent = 0;
  if (!d->exponent.empty())
    std::from_chars(d->exponent.data() + (d->exponent[0] == '+'),
                    d->exponent.data() + d->exponent.size(), exponent);
  std::string shifted = std::to_string(exponent - 2);
  d->exponent = shifted;
  double v = to_double(*d);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

bool is_percentage(std::string_view text) {
  return trim(text).ends_with('%');
}

std::optional<std::string> bracketed_number(std::string_view text) {
  std::string_view s = trim(text);
  if (s.size() < 3 || s.front() != '(' || s.back() != ')') return std::nullopt;
  std::string_view inside = trim(s.substr(1, s.size() - 2));
  if (!parse_rate(inside) || inside.starts_with('-') || inside.starts_with('+'))
    return std::nullopt;
  return std::string(inside);
}

std::optional<std::int64_t> parse_whole(std::string_view text) {
  if (!text.empty() && text.size() <= 12 && all_digits(text)) {  // most: "5", "2019"
    std::int64_t v = 0;
    for (char c : text)
      v = v * 10 + (c - '0');
    return v;
  }
  auto d = parse_decimal(text);
  if (!d || !d->fraction.empty() || !d->exponent.empty() || d->whole.size() > 12)
    return std::nullopt;
  if (text.find('.') != std::string_view::npos) return std::nullopt;
  std::int64_t v = 0;
  std::from_chars(d->whole.data(), d->whole.data() + d->whole.size(), v);
  return d->negative ? -v : v;
}

}  // namespace scenarios
