// The month calendar: dates, absolute month numbers, financial years with any
// start month, and the periods every report aggregates months into.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace model {

struct Date {
  int year = 0, month = 0, day = 0;
  friend constexpr bool operator==(const Date&, const Date&) = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
bool is_valid(const Date& d);
// Days since 1970-01-01 (proleptic Gregorian). Precondition: is_valid(d).
long days_from_epoch(const Date& d);
std::string to_string(const Date& d);  // "2019-07-01"

// A month as one integer: year * 12 + (month - 1). Consecutive months differ by one.
using Month = int;
constexpr Month month_of(int year, int month) {
  return year * 12 + (month - 1);
}
constexpr Month month_of(const Date& d) {
  return month_of(d.year, d.month);
}
constexpr int year_of(Month m) {
  return m / 12;
}
constexpr int calendar_month_of(Month m) {
  return m % 12 + 1;
}  // 1..12
Date first_day(Month m);
Date last_day(Month m);
std::string month_label(Month m);  // "2019-07"

// Days from the first day of month `year_start` to the first day of month
// `year_start + k`, for k in 0..12. Used by `apportion: days`.
long days_into_year(Month year_start, int k);

// The financial year holding month m, named by the calendar year in which it starts.
int financial_year_of(Month m, int fiscal_year_start);
Month financial_year_start(int fy, int fiscal_year_start);
// "2019/20"; "2019" when the financial year is the calendar year.
std::string financial_year_label(int fy, int fiscal_year_start);
// Inverse of financial_year_label; nullopt when `label` is not of that form.
std::optional<int> parse_financial_year_label(std::string_view label, int fiscal_year_start);

// The months a projection covers, first to last inclusive. Precondition: first <= last.
struct Horizon {
  Month first = 0, last = 0;
  int months() const { return last - first + 1; }
  bool contains(Month m) const { return m >= first && m <= last; }
};

enum class Basis { financial_year, contract_year, calendar_year, month };
std::optional<Basis> parse_basis(std::string_view text);  // fy|contract-year|calendar|month
std::string_view basis_name(Basis b);

// A run of consecutive months of the horizon, reported as one column.
struct Period {
  std::string label;
  Month first = 0, last = 0;
  int months() const { return last - first + 1; }
};

// The horizon cut into periods of `basis`, in order; the first and last may be
// partial. Contract years of the horizon are 12 months from its first month.
std::vector<Period> periods_of(const Horizon& h, Basis basis, int fiscal_year_start);

}  // namespace model
