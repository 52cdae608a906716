#include "model/calendar.h"

#include <cassert>
#include <charconv>
#include <cstdio>

namespace model {

bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

bool is_valid(const Date& d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

long days_from_epoch(const Date& d) {
  // Howard Hinnant's days_from_civil.
  assert(is_valid(d));
  long y = d.year - (d.month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (d.month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + d.day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string to_string(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Date first_day(Month m) {
  return {year_of(m), calendar_month_of(m), 1};
}

Date last_day(Month m) {
  return {year_of(m), calendar_month_of(m), days_in_month(year_of(m), calendar_month_of(m))};
}

std::string month_label(Month m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year_of(m), calendar_month_of(m));
  return buf;
}

long days_into_year(Month year_start, int k) {
  assert(k >= 0 && k <= 12);
  return days_from_epoch(first_day(year_start + k)) - days_from_epoch(first_day(year_start));
}

int financial_year_of(Month m, int fiscal_year_start) {
  return calendar_month_of(m) >= fiscal_year_start ? year_of(m) : year_of(m) - 1;
}

Month financial_year_start(int fy, int fiscal_year_start) {
  return month_of(fy, fiscal_year_start);
}

std::string financial_year_label(int fy, int fiscal_year_start) {
  char buf[16];
  if (fiscal_year_start == 1)
    std::snprintf(buf, sizeof buf, "%04d", fy);
  else
    std::snprintf(buf, sizeof buf, "%04d/%02d", fy, (fy + 1) % 100);
  return buf;
}

namespace {

std::optional<int> parse_digits(std::string_view s) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<int> parse_financial_year_label(std::string_view label, int fiscal_year_start) {
  if (fiscal_year_start == 1) {
    if (label.size() != 4) return std::nullopt;
    return parse_digits(label);
  }
  if (label.size() != 7 || label[4] != '/') return std::nullopt;
  auto fy = parse_digits(label.substr(0, 4));
  auto next = parse_digits(label.substr(5, 2));
  if (!fy || !next || *next != (*fy + 1) % 100) return std::nullopt;
  return fy;
}

std::optional<Basis> parse_basis(std::string_view text) {
  if (text == "fy") return Basis::financial_year;
  if (text == "contract-year") return Basis::contract_year;
  if (text == "calendar") return Basis::calendar_year;
  if (text == "month") return Basis::month;
  return std::nullopt;
}

std::string_view basis_name(Basis b) {
  switch (b) {
    case Basis::financial_year:
      return "fy";
    case Basis::contract_year:
      return "contract-year";
    case Basis::calendar_year:
      return "calendar";
    case Basis::month:
      return "month";
  }
  return "fy";
}

namespace {

// The first month of the period holding m, and its label.
struct PeriodStart {
  Month first;
  std::string label;
};

PeriodStart period_start(Month m, const Horizon& h, Basis basis, int fys) {
  switch (basis) {
    case Basis::financial_year: {
      int fy = financial_year_of(m, fys);
      return {financial_year_start(fy, fys), financial_year_label(fy, fys)};
    }
    case Basis::contract_year: {
      int index = (m - h.first) / 12;
      return {h.first + 12 * index, "Y" + std::to_string(index + 1)};
    }
    case Basis::calendar_year:
      return {month_of(year_of(m), 1), std::to_string(year_of(m))};
    case Basis::month:
      return {m, month_label(m)};
  }
  return {m, ""};
}

int period_length(Basis basis) {
  return basis == Basis::month ? 1 : 12;
}

}  // namespace

std::vector<Period> periods_of(const Horizon& h, Basis basis, int fiscal_year_start) {
  assert(h.first <= h.last);
  std::vector<Period> out;
  for (Month m = h.first; m <= h.last;) {
    PeriodStart start = period_start(m, h, basis, fiscal_year_start);
    Month last = std::min(h.last, start.first + period_length(basis) - 1);
    out.push_back({std::move(start.label), m, last});
    m = last + 1;
  }
  return out;
}

}  // namespace model
