#include "cli/render/json.h"

#include <fmt/format.h>

#include <cmath>

#include "model/exact.h"

namespace cli {

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20)
          out += fmt::format("\\u{:04x}", c);
        else
          out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

void JsonWriter::value_prefix() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_ += ",";
    has_items_.back() = true;
    out_ += "\n" + std::string(2 * has_items_.size(), ' ');
  }
}

JsonWriter& JsonWriter::raw(std::string_view text) {
  value_prefix();
  out_ += text;
  return *this;
}

JsonWriter& JsonWriter::begin_object() {
  raw("{");
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  raw("[");
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  bool items = has_items_.back();
  has_items_.pop_back();
  if (items) out_ += "\n" + std::string(2 * has_items_.size(), ' ');
  out_ += "}";
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  bool items = has_items_.back();
  has_items_.pop_back();
  if (items) out_ += "\n" + std::string(2 * has_items_.size(), ' ');
  out_ += "]";
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  value_prefix();
  out_ += json_quote(k) + ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view s) {
  return raw(json_quote(s));
}
JsonWriter& JsonWriter::money(model::Money m) {
  return raw(model::to_decimal_string(m));
}
JsonWriter& JsonWriter::integer(long long n) {
  return raw(std::to_string(n));
}
JsonWriter& JsonWriter::boolean(bool b) {
  return raw(b ? "true" : "false");
}
JsonWriter& JsonWriter::null() {
  return raw("null");
}

JsonWriter& JsonWriter::number(double x) {
  if (!std::isfinite(x)) return null();
  return raw(fmt::format("{}", x));
}

void write_value(JsonWriter& w, const model::MetricValue& v) {
  if (v.is_count)
    w.integer(v.count);
  else
    w.money(v.money);
}

void write_pounds(JsonWriter& w, double pounds, bool count) {
  if (count && pounds == std::floor(pounds) && std::fabs(pounds) < 1e15) {
    w.integer(static_cast<long long>(pounds));
    return;
  }
  if (!count && model::fits_in_pence(pounds * 100)) {
    model::Money m = model::money_from_pounds(pounds);
    if (static_cast<double>(m.pence) / 100 == pounds) {
      w.money(m);
      return;
    }
  }
  w.number(pounds);
}

}  // namespace cli
