#include "cli/render/report.h"

#include <fmt/format.h>

#include "cli/render/table.h"

namespace cli::report {

Value Value::of_text(std::string t) {
  Value v;
  v.text = std::move(t);
  return v;
}

Value Value::of_money(model::Money m) {
  Value v;
  v.unit = Unit::money;
  v.money = m;
  return v;
}

namespace {

Value numeric(Unit unit, double x) {
  Value v;
  v.unit = unit;
  v.number = x;
  return v;
}

}  // namespace

Value Value::of_count(long n) {
  return numeric(Unit::count, static_cast<double>(n));
}

Value Value::of_rate(double r) {
  return numeric(Unit::rate, r);
}

Value Value::of_number(double x) {
  return numeric(Unit::number, x);
}

Value Value::of_probability(double p) {
  return numeric(Unit::probability, p);
}

std::string display(const Value& v) {
  switch (v.unit) {
    case Unit::text:
      return v.text;
    case Unit::money:
      return model::to_display_string(v.money, true);
    case Unit::count:
      return count_text(static_cast<long long>(v.number));
    case Unit::rate:
      return rate_text(v.number);
    case Unit::number:
      return fmt::format("{}", v.number);
    case Unit::probability:
      return fmt::format("{:.1f}%", 100 * v.number);
  }
  return v.text;
}

bool is_numeric(const Value& v) {
  return v.unit != Unit::text;
}

bool is_numeric_column(const ReportTable& t, std::size_t column) {
  bool any = false;
  for (const auto& row : t.rows) {
    if (column >= row.size()) continue;
    if (row[column].unit == Unit::text && !row[column].text.empty()) return false;
    any = any || is_numeric(row[column]);
  }
  return any;
}

}  // namespace cli::report
