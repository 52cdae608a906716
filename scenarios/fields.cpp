#include "scenarios/fields.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <regex>

#include "model/exact.h"
#include "model/suggest.h"
#include "scenarios/expressions.h"
#include "scenarios/numbers.h"

namespace scenarios {

std::string Field::path() const {
  if (!parent) return joined;
  return join_path(parent->path(), index >= 0 ? std::to_string(index) : std::string(key));
}

Field lazy_child(const Field& parent, const Node* node, std::string_view key) {
  Field f;
  f.node = node, f.parent = &parent, f.key = key;
  return f;
}

Field lazy_item(const Field& parent, const Node* node, int index) {
  Field f;
  f.node = node, f.parent = &parent, f.index = index;
  return f;
}

Field child(const Field& f, std::string_view key) {
  const Node* n = f.node && f.node->is_mapping() ? f.node->find(key) : nullptr;
  return Field{n, join_path(f.path(), key)};
}

bool FieldReader::expect_scalar(const Field& f, std::string_view what) {
  if (f.node->is_scalar()) return true;
  error(f, "expected " + std::string(what) + ", got " + describe(*f.node));
  return false;
}

bool FieldReader::expect_mapping(const Field& f) {
  if (f.node->is_mapping()) return true;
  error(f, "expected a mapping, got " + describe(*f.node));
  return false;
}

void FieldReader::check_keys(const Field& f, const std::vector<std::string>& allowed) {
  for (const Entry& e : f.node->entries)
    if (std::find(allowed.begin(), allowed.end(), e.key) == allowed.end())
      errors_.add(e.key_mark, join_path(f.path(), e.key),
                  "unknown key '" + e.key + "'" + model::did_you_mean(e.key, allowed));
}

std::optional<std::string> FieldReader::text(const Field& f) {
  if (!expect_scalar(f, "text")) return std::nullopt;
  return f.node->text;
}

namespace {

bool is_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// False when `t` has a character that no amount written with a thousands
// separator, a shorthand or a period could hold: a digit, a comma, a point, a
// space, a byte of £ (or any beyond ASCII), or one of `letters`. Checked before
// the patterns below, which take longer to build than most scenarios to read.
bool could_be_amount(std::string_view t, std::string_view letters) {
  return std::all_of(t.begin(), t.end(), [&](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u >= 0x80 || (c >= '0' && c <= '9') || c == ',' || c == '.' ||
           letters.find(c) != std::string_view::npos;
  });
}

std::vector<std::string> keys_of(const std::map<std::string, double>& m) {
  std::vector<std::string> out;
  for (const auto& [k, v] : m)
    out.push_back(k);
  return out;
}

}  // namespace

std::string rate_text(double rate) {
  char text[32];
  std::snprintf(text, sizeof text, "%.12g", rate);
  return text;
}

std::string percent_text(double rate) {
  return rate_text(rate * 100) + "%";
}

std::optional<double> FieldReader::expression(const Field& f, std::string_view what) {
  const Node& n = *f.node;
  int shift = n.quoted ? 1 : 0;
  // The same text (`uplift` in every contract, say) is compiled once.
  auto known = by_text_.find(n.text);
  if (known == by_text_.end()) {
    auto compiled = Expression::compile(n.text);
    if (auto* e = std::get_if<ExpressionError>(&compiled)) {
      Mark at = n.mark;
      at.column += shift + e->position;
      error_at(at, f.path(), describe_error(n.text, *e));
      return std::nullopt;
    }
    known =
        by_text_
            .emplace(n.text,
                     std::make_shared<const Expression>(std::get<Expression>(std::move(compiled))))
            .first;
  }
  const Expression& expr = *known->second;
  std::vector<double> values;
  bool ok = true;
  for (const std::string& name : expr.names()) {
    auto it = assumptions_.find(name);
    if (it != assumptions_.end()) {
      values.push_back(it->second);
      continue;
    }
    ok = false;
    Mark at = n.mark;
    at.column += shift + static_cast<int>(position_of_name(n.text, name));
    std::string hint = model::did_you_mean(name, keys_of(assumptions_));
    if (is_identifier(n.text) && hint.empty())
      error_at(at, f.path(), "expected " + std::string(what) + ", got \"" + n.text + "\"");
    else
      error_at(at, f.path(), "unknown name '" + name + "' in expression" + hint);
  }
  if (!ok) return std::nullopt;
  for (double value : values)
    if (std::isnan(value)) return std::nullopt;  // an assumption in error, reported there
  double v = expr.evaluate(values);
  if (!std::isfinite(v)) {
    error(f, "expression \"" + n.text + "\" gives no finite number (division by zero?)");
    return std::nullopt;
  }
  compiled_[f.node] = known->second;
  return v;
}

template <typename Parse>
std::optional<double> FieldReader::numeric(const Field& f, std::string_view what, Parse parse) {
  if (!expect_scalar(f, what)) return std::nullopt;
  if (auto v = parse(f.node->text)) return *v;
  if (refuse_brackets(f)) return std::nullopt;
  return expression(f, what);
}

// "520k", "£1.3m", "2bn": an amount in a spreadsheet's shorthand is refused
// with the number to write (a k or an m is too easily a typo to guess at).
bool FieldReader::refuse_shorthand(const Field& f) {
  if (!could_be_amount(f.node->text, "kKmMbn")) return false;
  static const std::regex kShorthand("\\s*((?:£)?)([0-9][0-9,]*(\\.[0-9]+)?)\\s*(k|K|m|M|bn)\\s*");
  std::smatch m;
  const std::string& t = f.node->text;
  if (!std::regex_match(t, m, kShorthand)) return false;
  std::string unit = m[4];
  std::string exponent = unit == "k" || unit == "K" ? "e3" : unit == "bn" ? "e9" : "e6";
  auto pounds = parse_number(m[2].str() + exponent);
  if (!pounds || !model::fits_in_pence(*pounds * 100)) return false;
  std::string full = model::to_decimal_string(model::money_from_pounds(*pounds));
  if (full.ends_with(".00")) full.resize(full.size() - 3);
  error(f, "write the amount in full: " + t + " is " + full);
  return true;
}

bool FieldReader::refuse_separators(const Field& f) {
  if (!could_be_amount(f.node->text, "")) return false;
  static const std::regex kPoints("\\s*(?:£)?([0-9]{1,3}(?:\\.[0-9]{3})+)(?:,([0-9]{1,2}))?\\s*");
  static const std::regex kSpaces("\\s*(?:£)?([0-9]{1,3}(?: [0-9]{3})+)(\\.[0-9]+)?\\s*");
  std::smatch m;
  const std::string& t = f.node->text;
  auto digits = [](std::string s) {
    s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '.' || c == ' '; }),
            s.end());
    return s;
  };
  if (std::regex_match(t, m, kPoints) &&
      (m[2].matched || m[1].str().find('.') != m[1].str().rfind('.'))) {
    std::string whole = digits(m[1]) + (m[2].matched ? "." + m[2].str() : "");
    error(f, "write " + whole +
                 ": in an amount a point separates pence, and thousands take commas "
                 "or nothing (" +
                 t + ")");
    return true;
  }
  if (std::regex_match(t, m, kSpaces)) {
    error(f, "write " + digits(m[1]) + m[2].str() + ", without spaces between the digits");
    return true;
  }
  return false;
}

// "500000 pa", "£500,000 per annum", "40000 pcm": an amount with its period
// written after it. An annual amount is per year already; a monthly one is
// refused with the sum to write.
bool FieldReader::refuse_per_period(const Field& f) {
  // The letters of the periods below, in either case (the pattern ignores case).
  if (!could_be_amount(f.node->text, "/acehmnoprtuyACEHMNOPRTUY")) return false;
  static const std::regex kPer(
      "\\s*((?:£)?[0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(p\\.?a\\.?|per annum|per year|a year|/ ?yr|/ "
      "?year|"
      "pcm|p\\.?m\\.?|per month|a month|/ ?month)\\s*",
      std::regex::icase);
  std::smatch m;
  const std::string& t = f.node->text;
  if (!std::regex_match(t, m, kPer)) return false;
  std::string amount = m[1];
  std::string unit = m[2];
  for (char& c : unit)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool monthly = unit.find("m") != std::string::npos && unit.find("annum") == std::string::npos;
  if (monthly)
    error(f, "an amount here is per year: for " + amount + " a month write " + amount + " * 12");
  else
    error(f, "write " + amount + " alone: an amount here is per year already");
  return true;
}

bool FieldReader::refuse_brackets(const Field& f) {
  auto inside = bracketed_number(f.node->text);
  if (!inside) return false;
  error(f, "a number in brackets is not read as negative: write -" + *inside +
               " for a negative number, or " + *inside + " for a positive one");
  return true;
}

std::optional<double> FieldReader::real(const Field& f, std::string_view what) {
  return numeric(f, what, [](std::string_view t) { return parse_number(t); });
}

std::optional<double> FieldReader::share(const Field& f) {
  return numeric(f, "a share between 0 and 1", [](std::string_view t) { return parse_rate(t); });
}

std::optional<model::Money> FieldReader::money(const Field& f, Sign sign) {
  std::optional<model::Money> out;
  if (!expect_scalar(f, "an amount of money")) return std::nullopt;
  if (auto exact = parse_money(f.node->text)) {
    out = exact;
  } else if (refuse_brackets(f) || refuse_shorthand(f) || refuse_separators(f) ||
             refuse_per_period(f)) {
    return std::nullopt;
  } else if (auto v = expression(f, "an amount of money")) {
    if (!model::fits_in_pence(*v * 100.0)) {
      error(f, "amount is too large");
      return std::nullopt;
    }
    out = model::money_from_pounds(*v);
  }
  if (!out) return std::nullopt;
  if (sign == Sign::not_negative && out->pence < 0) {
    error(f, "expected an amount of money of at least 0, got " + model::to_decimal_string(*out));
    return std::nullopt;
  }
  if (sign == Sign::positive && out->pence <= 0) {
    error(f, "expected an amount of money above 0, got " + model::to_decimal_string(*out));
    return std::nullopt;
  }
  return out;
}

std::optional<double> FieldReader::rate(const Field& f) {
  const std::string& t = f.node->text;
  if (f.node->is_scalar() && t.find(',') != std::string::npos && t.find('%') != std::string::npos) {
    error(f, "a list of rates is written in brackets: [" + t + "]");
    return std::nullopt;
  }
  auto v = numeric(f, "a rate", [](std::string_view t) { return parse_rate(t); });
  if (v && *v <= -1) {
    error(f, "expected a rate above -1 (-100%), got " + f.node->text);
    return std::nullopt;
  }
  if (v && *v > 1 && !is_percentage(f.node->text)) {
    const std::string& t = f.node->text;
    auto plain = plain_assumptions_.find(t);
    if (parse_number(t)) {
      error(f, "a rate of " + t + " would be " + percent_text(*v) + ": write " + t + "% or " +
                   rate_text(*v / 100) + " (or " + percent_text(*v) + " if that is meant)");
      return std::nullopt;
    }
    if (plain != plain_assumptions_.end()) {
      error(f, "assumptions." + t + " is " + plain->second + ", a rate of " + percent_text(*v) +
                   " here: write " + plain->second + "% or " + rate_text(*v / 100) + " there (or " +
                   percent_text(*v) + " if that is meant)");
      return std::nullopt;
    }
  }
  return v;
}

std::optional<model::RateSchedule> FieldReader::rates(const Field& f) {
  model::RateSchedule out;
  if (!f.node->is_sequence()) {
    auto r = rate(f);
    if (!r) return std::nullopt;
    out.rates.push_back(*r);
    return out;
  }
  bool ok = true;
  for (std::size_t i = 0; i < f.node->items.size(); ++i) {
    auto r = rate(lazy_item(f, &f.node->items[i], static_cast<int>(i)));
    if (r) out.rates.push_back(*r);
    ok = ok && r.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::int64_t> FieldReader::whole(const Field& f, std::string_view what) {
  if (!expect_scalar(f, what)) return std::nullopt;
  auto v = parse_whole(f.node->text);
  if (!v) error(f, "expected " + std::string(what) + ", got \"" + f.node->text + "\"");
  return v;
}

// "; write 2019-07-01" for a date written another way: 01/07/2019 or
// 1.7.2019 (day first, as in the UK), 2019/07/01, 1 July 2019, 20190701.
std::string date_hint(const std::string& t) {
  static const std::regex kDayFirst("\\s*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\\s*");
  static const std::regex kYearFirst("\\s*([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})\\s*");
  static const std::regex kCompact("\\s*([0-9]{4})([0-9]{2})([0-9]{2})\\s*");
  static const std::regex kWords(
      "\\s*([0-9]{1,2})(?:st|nd|rd|th)?\\s+([A-Za-z]+)\\s+([0-9]{4})\\s*");
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  std::smatch m;
  model::Date d{};
  bool day_first = false;
  if (std::regex_match(t, m, kDayFirst)) {
    d = {std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1])};
    day_first = true;
  } else if (std::regex_match(t, m, kYearFirst) || std::regex_match(t, m, kCompact)) {
    d = {std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
  } else if (std::regex_match(t, m, kWords)) {
    std::string word = m[2];
    for (char& c : word)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int i = 0; i < 12; ++i)
      if (word.size() >= 3 && std::string_view(word).substr(0, 3) == kMonths[i])
        d = {std::stoi(m[3]), i + 1, std::stoi(m[1])};
  }
  static const std::regex kYearMonth("\\s*([0-9]{4})-([0-9]{1,2})\\s*");
  static const std::regex kMonthYear("\\s*([A-Za-z]+)\\s+([0-9]{4})\\s*");
  if (d.year == 0 && (std::regex_match(t, m, kYearMonth) || std::regex_match(t, m, kMonthYear))) {
    bool numeric = std::isdigit(static_cast<unsigned char>(m[1].str()[0]));
    std::string word = numeric ? "" : m[1].str();
    for (char& c : word)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    int month = numeric ? std::stoi(m[2]) : 0, year = std::stoi(m[numeric ? 1 : 2]);
    for (int i = 0; i < 12 && !numeric; ++i)
      if (word.size() >= 3 && std::string_view(word).substr(0, 3) == kMonths[i]) month = i + 1;
    model::Date first{year, month, 1};
    if (month >= 1 && month <= 12)
      return "; a date names its day: write " + model::to_string(first) + " for the 1st";
  }
  if (d.year == 0 || !model::is_valid(d)) return "";
  return "; write " + model::to_string(d) + (day_first ? " (read day first, as in the UK)" : "");
}

std::optional<model::Date> FieldReader::date(const Field& f) {
  if (!expect_scalar(f, "a date (YYYY-MM-DD)")) return std::nullopt;
  const std::string& t = f.node->text;
  auto digits = [&](std::size_t from, std::size_t n) -> int {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || digits(0, 4) < 0 || digits(5, 2) < 0 ||
      digits(8, 2) < 0) {
    error(f, "expected a date (YYYY-MM-DD), got \"" + t + "\"" + date_hint(t));
    return std::nullopt;
  }
  model::Date d{digits(0, 4), digits(5, 2), digits(8, 2)};
  if (!model::is_valid(d)) {
    error(f, "no such date: " + t);
    return std::nullopt;
  }
  return d;
}

std::optional<model::Month> FieldReader::first_of_month(const Field& f) {
  auto d = date(f);
  if (!d) return std::nullopt;
  if (d->day != 1) {
    error(f, "expected the 1st of a month, got " + f.node->text);
    return std::nullopt;
  }
  return model::month_of(*d);
}

std::optional<model::Month> FieldReader::last_of_month(const Field& f) {
  auto d = date(f);
  if (!d) return std::nullopt;
  if (d->day != model::days_in_month(d->year, d->month)) {
    error(f, "expected the last day of a month, got " + f.node->text);
    return std::nullopt;
  }
  return model::month_of(*d);
}

}  // namespace scenarios
