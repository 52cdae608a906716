#include "cli/render/workbook_inputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include "cli/render/workbook_round.h"
#include "scenarios/compiled_scenario.h"

namespace cli::workbook {

namespace {

// The last dotted part of a path that names a field: "uplift" for
// contracts.x.uplift.1, "funded_by" for contracts.x.funded_by.core.
std::string field_of(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (parts[0] == "assumptions") return "assumption";
  std::size_t field = parts[0] == "envelope" || parts[0] == "defaults" ? 1 : 2;
  return field < parts.size() ? parts[field] : "";
}

InputKind kind_of(const std::string& path) {
  std::string f = field_of(path);
  if (f == "annual" || f == "by_year") return InputKind::money;
  if (f == "change" || f == "uplift") return InputKind::rate;
  if (f == "funded_by") return InputKind::share;
  if (f == "term" || f == "extensions" || f == "exercise") return InputKind::whole;
  if (path == "assumptions.discount_rate") return InputKind::rate;
  return InputKind::number;
}

// LibreOffice's approxEqual: a + b with a close to -b is 0 in a spreadsheet.
bool approx_equal(double a, double b) {
  if (a == b) return true;
  if (a == 0.0 || b == 0.0) return false;
  double d = std::fabs(a - b);
  if (!std::isfinite(d)) return false;
  constexpr double e48 = 1.0 / (16777216.0 * 16777216.0), e44 = e48 * 16.0;
  a = std::fabs(a);
  b = std::fabs(b);
  if (d > a * e44 || d > b * e44) return false;
  return d < a * e48 && d < b * e48;
}

double spreadsheet_add(double a, double b) {
  if (((a < 0 && b > 0) || (a > 0 && b < 0)) && approx_equal(a, -b)) return 0.0;
  return a + b;
}

// An expression of the scenario (muParser's grammar, as far as envelope's
// expressions use it) as a spreadsheet formula, every operation in
// parentheses so that no difference of precedence between the two can
// change it, and its value as the spreadsheet computes it.
class Translator {
 public:
  Translator(std::string_view text,
             const std::map<std::string, std::pair<std::string, double>>& names)
      : text_(text), names_(names) {}

  struct Term {
    std::string formula;
    double value = 0;
  };

  Term run() {
    Term t = sum();
    skip_space();
    if (at_ < text_.size()) refuse(fmt::format("'{}'", text_.substr(at_, 1)));
    return t;
  }

 private:
  [[noreturn]] void refuse(const std::string& what) {
    throw Refusal(fmt::format("{} is not something the workbook writes as a formula", what));
  }
  void skip_space() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_])))
      ++at_;
  }
  bool take(char c) {
    skip_space();
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  Term sum() {
    Term left = product();
    while (true) {
      if (take('+')) {
        Term right = product();
        left = {"(" + left.formula + "+" + right.formula + ")",
                spreadsheet_add(left.value, right.value)};
      } else if (take('-')) {
        Term right = product();
        left = {"(" + left.formula + "-" + right.formula + ")",
                spreadsheet_add(left.value, -right.value)};
      } else {
        return left;
      }
    }
  }
  Term product() {
    Term left = unary();
    while (true) {
      if (take('*')) {
        Term right = unary();
        left = {"(" + left.formula + "*" + right.formula + ")", left.value * right.value};
      } else if (take('/')) {
        Term right = unary();
        left = {"(" + left.formula + "/" + right.formula + ")", left.value / right.value};
      } else {
        return left;
      }
    }
  }
  Term unary() {
    if (take('-')) {
      Term t = unary();
      return {"(-" + t.formula + ")", -t.value};
    }
    if (take('+')) return unary();
    return power();
  }
  Term power() {
    Term base = primary();
    if (!take('^')) return base;
    Term exponent = unary();  // right-associative: 2^3^2 is 2^(3^2), 2^-1 is 0.5
    return {"(" + base.formula + "^" + exponent.formula + ")",
            std::pow(base.value, exponent.value)};
  }
  Term primary() {
    skip_space();
    if (take('(')) {
      Term t = sum();
      if (!take(')')) refuse("an unclosed parenthesis");
      return {"(" + t.formula + ")", t.value};
    }
    if (at_ >= text_.size()) refuse("an expression that ends early");
    char c = text_[at_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return name();
    refuse(fmt::format("'{}'", c));
  }
  Term number() {
    std::size_t start = at_;
    while (at_ < text_.size() &&
           (std::isdigit(static_cast<unsigned char>(text_[at_])) || text_[at_] == '.'))
      ++at_;
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_])))
        ++at_;
    }
    std::string literal(text_.substr(start, at_ - start));
    double value = 0;
    auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
    if (ec != std::errc() || end != literal.data() + literal.size())
      refuse("the number '" + literal + "'");
    char buffer[64];
    auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string shortest(buffer, written.ptr);
    std::transform(shortest.begin(), shortest.end(), shortest.begin(),
                   [](char ch) { return ch == 'e' ? 'E' : ch; });
    return {shortest, value};
  }
  Term name() {
    std::size_t start = at_;
    while (at_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '_'))
      ++at_;
    std::string word(text_.substr(start, at_ - start));
    skip_space();
    if (at_ < text_.size() && text_[at_] == '(') {
      if (word != "min" && word != "max") refuse("the function '" + word + "'");
      ++at_;
      std::vector<Term> args{sum()};
      while (take(','))
        args.push_back(sum());
      if (!take(')')) refuse("an unclosed parenthesis");
      Term out{word == "min" ? "MIN(" : "MAX(", args[0].value};
      for (std::size_t i = 0; i < args.size(); ++i) {
        out.formula += (i ? "," : "") + args[i].formula;
        out.value =
            word == "min" ? std::min(out.value, args[i].value) : std::max(out.value, args[i].value);
      }
      return {out.formula + ")", out.value};
    }
    auto it = names_.find(word);
    if (it == names_.end()) refuse("the name '" + word + "'");
    return {it->second.first, it->second.second};
  }

  std::string_view text_;
  const std::map<std::string, std::pair<std::string, double>>& names_;
  std::size_t at_ = 0;
};

std::string numeric_text(double x) {
  return fmt::format("{}", x);
}

class InputReader {
 public:
  InputReader(const scenarios::Node& tree, const model::Scenario& s) : tree_(tree), s_(s) {}

  Inputs run() {
    scenarios::Diagnostics errors;
    auto compiled = scenarios::CompiledScenario::compile(tree_, {}, errors);
    if (!compiled) throw Refusal("the scenario does not compile");
    for (const auto& p : compiled->numeric_paths())
      add(p.path, p.value, p.expression, false);
    add_neutral_fields();
    translate_expressions();
    return std::move(out_);
  }

 private:
  void add(const std::string& path, double value, const std::string& expression, bool added) {
    Input in;
    in.path = path;
    in.name = unique_name(path);
    in.value = value;
    in.written = expression;
    in.kind = kind_of(path);
    std::string f = field_of(path);
    in.shapes = f == "term" || f == "extensions";
    in.added = added;
    out_.by_path[path] = out_.cells.size();
    out_.by_name[in.name] = out_.cells.size();
    out_.cells.push_back(std::move(in));
  }

  std::string unique_name(const std::string& path) {
    std::string name = name_of_path(path);
    if (name.size() > 250)
      throw Refusal(fmt::format("{}: the path is too long for a spreadsheet name", path));
    std::string key = name, lower = name;
    for (int n = 2;; ++n) {
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (used_.insert(lower).second) return key;
      key = name + "_" + std::to_string(n);  // names are case-blind: cpi and CPI
      lower = key;
    }
  }

  bool written(const std::string& path) const { return out_.find(path) || out_.find(path + ".0"); }

  // change, uplift, exercise and discount_rate where the file leaves them out.
  void add_neutral_fields() {
    if (!written("envelope.change")) add("envelope.change", 0, "", true);
    for (const model::FundingStream& f : s_.funding)
      if (!written("funding." + f.id + ".change")) add("funding." + f.id + ".change", 0, "", true);
    bool default_uplift = false;
    for (const model::Contract& c : s_.contracts) {
      std::string own = "contracts." + c.id + ".";
      if (!written(own + "uplift") && !written("defaults.uplift")) default_uplift = true;
      // exercise: all in defaults means every extension of each contract's own list.
      const Input* shared = out_.find("defaults.exercise");
      bool own_exercise = written(own + "exercise");
      if (!c.extensions.empty() && !own_exercise &&
          (!shared || shared->value != static_cast<double>(c.exercise)))
        add(own + "exercise", static_cast<double>(c.exercise), "", true);
    }
    if (default_uplift) add("defaults.uplift", 0, "", true);
    if (!written("assumptions.discount_rate"))
      add("assumptions.discount_rate", s_.discount_rate, "", true);
  }

  void translate_expressions() {
    std::map<std::string, std::pair<std::string, double>> names;
    for (const Input& in : out_.cells)
      if (in.path.rfind("assumptions.", 0) == 0) names[in.path.substr(12)] = {in.name, in.value};
    for (Input& in : out_.cells) {
      if (in.written.empty()) continue;
      Translator::Term t;
      try {
        t = Translator(in.written, names).run();
      } catch (const Refusal& r) {
        throw Refusal(fmt::format("{}: expression \"{}\": {}", in.path, in.written, r.what()));
      }
      bool same = in.kind == InputKind::money
                      ? pence_of(spreadsheet_round2(t.value)) == pence_of(in.value)
                      : t.value == in.value;
      if (!same)
        throw Refusal(fmt::format(
            "{}: expression \"{}\" is {} in envelope but {} in a spreadsheet's arithmetic", in.path,
            in.written, numeric_text(in.value), numeric_text(t.value)));
      in.formula = t.formula;
    }
  }

  const scenarios::Node& tree_;
  const model::Scenario& s_;
  Inputs out_;
  std::set<std::string> used_;
};

}  // namespace

const Input* Inputs::find(const std::string& path) const {
  auto it = by_path.find(path);
  return it == by_path.end() ? nullptr : &cells[it->second];
}

std::vector<std::string> Inputs::field(const std::string& path) const {
  if (const Input* in = find(path)) return {in->name};
  std::vector<std::string> out;
  for (int i = 0;; ++i) {
    const Input* in = find(path + "." + std::to_string(i));
    if (!in) return out;
    out.push_back(in->name);
  }
}

std::string name_of_path(const std::string& path) {
  std::string out;
  for (char c : path)
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

Inputs read_inputs(const scenarios::Node& tree, const model::Scenario& s) {
  return InputReader(tree, s).run();
}

}  // namespace cli::workbook
