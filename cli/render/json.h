// A small streaming JSON writer, two-space indented. Amounts are written as
// numbers with two decimals (12131595.00), as SPEC 5 asks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/metrics.h"
#include "model/money.h"

namespace cli {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& string(std::string_view s);
  JsonWriter& money(model::Money m);
  JsonWriter& integer(long long n);
  JsonWriter& number(double x);  // shortest form that reads back the same
  JsonWriter& boolean(bool b);
  JsonWriter& null();
  // The document, ending in a newline. Precondition: every begin has its end.
  std::string str() const { return out_ + "\n"; }

 private:
  void value_prefix();
  JsonWriter& raw(std::string_view text);

  std::string out_;
  std::vector<bool> has_items_;  // per open container
  bool after_key_ = false;
};

std::string json_quote(std::string_view s);

// A metric's value: an amount with two decimals, or a count as a whole number.
void write_value(JsonWriter& w, const model::MetricValue& v);
// A bound or target in pounds, as JSON writes amounts: two decimals when it
// is whole pence (12131595.00), else every digit it has (0.005); a whole
// number when `count` (shortfall_years).
void write_pounds(JsonWriter& w, double pounds, bool count);

}  // namespace cli
