#include "cli/render/report.h"

#include <fmt/format.h>

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

Value Value::of_count(long n) {
  Value v;
  v.unit = Unit::count;
  v.number = static_cast<double>(n);
  return v;
}

Value Value::of_rate(double r) {
  Value v;
  v.unit = Unit::rate;
  v.number = r;
  return v;
}

Value Value::of_number(double x) {
  Value v;
  v.unit = Unit::number;
  v.number = x;
  return v;
}

Value Value::of_probability(double p) {
  Value v;
  v.unit = Unit::probability;
  v.number = p;
  return v;
}

std::string display(const Value& v) {
  switch (v.unit) {
    case Unit::text:
      return v.text;
    case Unit::money:
      return model::to_display_string(v.money, true);
    case Unit::count:
      return fmt::format("{:.0f}", v.number);
    case Unit::rate:
      return fmt::format("{:.2f}%", 100 * v.number);
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

}  // namespace cli::report
