#include "scenarios/scenario_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>

#include "model/suggest.h"
#include "scenarios/expressions.h"
#include "scenarios/fields.h"
#include "scenarios/numbers.h"
#include "scenarios/overrides.h"
#include "scenarios/yaml_reader.h"

namespace scenarios {

const std::vector<std::string>& section_names() {
  static const std::vector<std::string> names = {"scenario", "assumptions", "envelope",
                                                 "funding",  "defaults",    "contracts",
                                                 "variants", "sensitivity", "checks"};
  return names;
}

const std::vector<std::string>& contract_fields() {
  static const std::vector<std::string> names = {
      "name", "group", "start", "annual", "term", "extensions", "exercise", "uplift", "funded_by"};
  return names;
}

namespace {

const std::vector<std::string> kScenarioFields = {"name", "start", "end", "fiscal_year_start",
                                                  "apportion"};
const std::vector<std::string> kStreamFields = {"name",    "annual", "change",
                                                "by_year", "from",   "until"};
const std::vector<std::string> kEnvelopeFields = {"annual", "change", "by_year"};

bool is_id(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

// Resolves `assumptions:` in dependency order: each is a number or an
// expression over the others; unknown names and cycles are errors.
class AssumptionResolver {
 public:
  AssumptionResolver(FieldReader& read, const Field& section) : read_(read), section_(section) {}

  std::map<std::string, double> run();

 private:
  struct Item {
    std::string name;
    Field field;
    std::optional<Expression> expression;
    double value = std::nan("");
    enum { unvisited, visiting, done } state = unvisited;
  };

  void compile(Item& item);
  void resolve(std::size_t i, std::vector<std::size_t>& chain);

  FieldReader& read_;
  Field section_;
  std::vector<Item> items_;
  std::map<std::string, std::size_t> index_;
};

void AssumptionResolver::compile(Item& item) {
  const Node& n = *item.field.node;
  if (!n.is_scalar()) {
    read_.error(item.field, "expected a number or expression, got " + describe(n));
    item.state = Item::done;
    return;
  }
  if (auto v = parse_rate(n.text)) {
    item.value = *v;
    item.state = Item::done;
    return;
  }
  auto compiled = Expression::compile(n.text);
  if (auto* e = std::get_if<ExpressionError>(&compiled)) {
    Mark at = n.mark;
    at.column += (n.quoted ? 1 : 0) + e->position;
    read_.error_at(at, item.field.path, "bad expression \"" + n.text + "\": " + e->message);
    item.state = Item::done;
    return;
  }
  item.expression = std::move(std::get<Expression>(compiled));
}

void AssumptionResolver::resolve(std::size_t i, std::vector<std::size_t>& chain) {
  Item& item = items_[i];
  if (item.state == Item::done) return;
  if (item.state == Item::visiting) {
    std::string cycle;
    auto start = std::find(chain.begin(), chain.end(), i);
    for (auto it = start; it != chain.end(); ++it)
      cycle += items_[*it].name + " -> ";
    read_.error(items_[*start].field,
                "assumptions refer to each other in a cycle: " + cycle + items_[i].name);
    return;
  }
  item.state = Item::visiting;
  chain.push_back(i);
  std::vector<double> values;
  bool ok = true;
  const Node& n = *item.field.node;
  for (const std::string& name : item.expression->names()) {
    auto it = index_.find(name);
    if (it == index_.end()) {
      std::vector<std::string> names;
      for (const Item& other : items_)
        names.push_back(other.name);
      Mark at = n.mark;
      at.column += (n.quoted ? 1 : 0) + static_cast<int>(position_of_name(n.text, name));
      read_.error_at(
          at, item.field.path,
          "unknown name '" + name + "' in expression" + model::did_you_mean(name, names));
      ok = false;
      continue;
    }
    resolve(it->second, chain);
    values.push_back(items_[it->second].value);
    ok = ok && !std::isnan(values.back());
  }
  chain.pop_back();
  items_[i].state = Item::done;
  if (!ok) return;
  double v = items_[i].expression->evaluate(values);
  if (!std::isfinite(v))
    read_.error(items_[i].field,
                "expression \"" + n.text + "\" gives no finite number (division by zero?)");
  else
    items_[i].value = v;
}

std::map<std::string, double> AssumptionResolver::run() {
  if (section_.node) {
    for (const Entry& e : section_.node->entries) {
      index_[e.key] = items_.size();
      items_.push_back(Item{e.key,
                            Field{&e.value, join_path(section_.path, e.key)},
                            {},
                            std::nan(""),
                            Item::unvisited});
    }
  }
  for (Item& item : items_)
    compile(item);
  std::vector<std::size_t> chain;
  for (std::size_t i = 0; i < items_.size(); ++i)
    resolve(i, chain);
  std::map<std::string, double> out;
  for (const Item& item : items_)
    out[item.name] = item.value;  // NaN marks a failed one
  return out;
}

class Compiler {
 public:
  explicit Compiler(Diagnostics& errors) : errors_(errors), read_(errors) {}
  std::optional<model::Scenario> run(const Node& root);

 private:
  void scenario_section(const Field& f);
  void assumptions(const Field& f);
  std::optional<model::YearlyAmount> yearly_amount(const Field& f,
                                                   const std::vector<std::string>& keys);
  void funding(const Field& f);
  void contracts(const Field& f, const Field& defaults);
  std::optional<model::Contract> contract(const Entry& e, const Field& defaults);
  std::vector<model::Share> funded_by(const Field& f);
  std::optional<int> exercise(const Field& f, std::size_t extensions);
  void horizon(const Field& root);

  Diagnostics& errors_;
  FieldReader read_;
  model::Scenario s_;
  Field start_field_, end_field_;
};

void Compiler::scenario_section(const Field& f) {
  if (!read_.expect_mapping(f)) return;
  read_.check_keys(f, kScenarioFields);
  Field name = child(f, "name");
  if (!name.node)
    read_.error(f, "missing 'name'");
  else if (auto t = read_.text(name))
    s_.name = *t;
  if (Field fys = child(f, "fiscal_year_start"); fys.node) {
    auto v = read_.whole(fys, "a month number 1..12");
    if (v && (*v < 1 || *v > 12))
      read_.error(fys, "expected a month number 1..12, got " + fys.node->text);
    else if (v)
      s_.fiscal_year_start = static_cast<int>(*v);
  }
  if (Field a = child(f, "apportion"); a.node) {
    auto t = read_.text(a);
    if (t && *t == "days")
      s_.apportion = model::Apportion::days;
    else if (t && *t != "months")
      read_.error(a, "expected months or days, got \"" + *t + "\"");
  }
  start_field_ = child(f, "start");
  end_field_ = child(f, "end");
  if (start_field_.node) s_.start = read_.first_of_month(start_field_);
  if (end_field_.node) s_.end = read_.last_of_month(end_field_);
}

void Compiler::assumptions(const Field& f) {
  if (f.node && !read_.expect_mapping(f)) return;
  FieldReader& read = read_;
  auto values = AssumptionResolver(read, f).run();
  if (auto it = values.find("discount_rate"); it != values.end() && !std::isnan(it->second))
    s_.discount_rate = it->second;
  read_.set_assumptions(std::move(values));
}

std::optional<model::YearlyAmount> Compiler::yearly_amount(const Field& f,
                                                           const std::vector<std::string>& keys) {
  read_.check_keys(f, keys);
  model::YearlyAmount out;
  bool ok = true;
  Field annual = child(f, "annual");
  if (!annual.node) {
    read_.error(f, "missing 'annual'");
    ok = false;
  } else if (auto m = read_.money(annual, Sign::not_negative)) {
    out.annual = *m;
  } else {
    ok = false;
  }
  if (Field change = child(f, "change"); change.node) {
    auto r = read_.rates(change);
    if (r) out.change = *r;
    ok = ok && r.has_value();
  }
  if (Field by_year = child(f, "by_year"); by_year.node && read_.expect_mapping(by_year)) {
    for (const Entry& e : by_year.node->entries) {
      Field year{&e.value, join_path(by_year.path, e.key)};
      auto fy = model::parse_financial_year_label(e.key, s_.fiscal_year_start);
      if (!fy) {
        read_.error_at(e.key_mark, year.path,
                       "'" + e.key + "' is not a financial year label (like " +
                           model::financial_year_label(2020, s_.fiscal_year_start) + ")");
        ok = false;
      } else if (auto m = read_.money(year, Sign::not_negative)) {
        out.by_year.emplace_back(*fy, *m);
      } else {
        ok = false;
      }
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

void Compiler::funding(const Field& f) {
  if (!f.node || f.node->is_null()) return;
  if (!read_.expect_mapping(f)) return;
  for (const Entry& e : f.node->entries) {
    Field stream{&e.value, join_path(f.path, e.key)};
    if (!is_id(e.key))
      read_.error_at(e.key_mark, stream.path, "a funding stream id is letters, digits, _ or -");
    if (!read_.expect_mapping(stream)) continue;
    model::FundingStream out;
    out.id = e.key;
    out.name = e.key;
    if (Field name = child(stream, "name"); name.node)
      if (auto t = read_.text(name)) out.name = *t;
    if (auto amount = yearly_amount(stream, kStreamFields)) out.amount = *amount;
    if (Field from = child(stream, "from"); from.node) out.from = read_.first_of_month(from);
    if (Field until = child(stream, "until"); until.node) out.until = read_.last_of_month(until);
    s_.funding.push_back(std::move(out));
  }
}

std::optional<int> Compiler::exercise(const Field& f, std::size_t extensions) {
  if (!f.node) return static_cast<int>(extensions);
  if (f.node->is_scalar() && f.node->text == "all") return static_cast<int>(extensions);
  auto v = read_.whole(f, "a number of extensions or all");
  if (!v) return std::nullopt;
  if (*v < 0 || *v > static_cast<std::int64_t>(extensions)) {
    read_.error(f, "exercise " + std::to_string(*v) + " is outside 0.." +
                       std::to_string(extensions) + " (the number of extensions)");
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::vector<model::Share> Compiler::funded_by(const Field& f) {
  std::vector<model::Share> out;
  if (!f.node || f.node->is_null() || !read_.expect_mapping(f)) return out;
  std::vector<std::string> ids;
  for (const model::FundingStream& s : s_.funding)
    ids.push_back(s.id);
  double total = 0;
  bool ok = true;
  for (const Entry& e : f.node->entries) {
    Field share{&e.value, join_path(f.path, e.key)};
    auto it = std::find(ids.begin(), ids.end(), e.key);
    if (it == ids.end()) {
      read_.error_at(e.key_mark, share.path,
                     "unknown funding stream '" + e.key + "'" + model::did_you_mean(e.key, ids));
      ok = false;
      continue;
    }
    auto v = read_.real(share, "a share between 0 and 1");
    if (v && (*v < 0 || *v > 1)) {
      read_.error(share, "expected a share between 0 and 1, got " + e.value.text);
      v.reset();
    }
    if (!v)
      ok = false;
    else
      total += *v, out.push_back({static_cast<int>(it - ids.begin()), *v});
  }
  if (ok && std::fabs(total - 1.0) > 1e-9) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", total);
    read_.error(f, std::string("shares add up to ") + buf + ", not 1");
  }
  return out;
}

std::optional<model::Contract> Compiler::contract(const Entry& e, const Field& defaults) {
  Field self{&e.value, join_path("contracts", e.key)};
  if (!is_id(e.key))
    read_.error_at(e.key_mark, self.path, "a contract id is letters, digits, _ or -");
  if (!read_.expect_mapping(self)) return std::nullopt;
  read_.check_keys(self, contract_fields());
  auto pick = [&](std::string_view key) {
    Field own = child(self, key);
    return own.node ? own : child(defaults, key);
  };
  model::Contract c;
  c.id = e.key;
  c.name = e.key;
  bool ok = true;
  auto need = [&](const Field& f, std::string_view key) {
    if (f.node) return true;
    read_.error(self, "missing '" + std::string(key) + "'");
    return ok = false;
  };
  if (Field f = pick("name"); f.node) c.name = read_.text(f).value_or(c.name);
  if (Field f = pick("group"); f.node && !f.node->is_null()) c.group = read_.text(f).value_or("");
  Field start = pick("start");
  if (start.node) {
    auto m = read_.first_of_month(start);
    if (m && s_.start && *m < *s_.start)
      read_.error(start, "contract starts " + start.node->text + ", before scenario.start " +
                             start_field_.node->text);
    if (m)
      c.start = *m;
    else
      ok = false;
  } else if (s_.start) {
    c.start = *s_.start;
  } else {
    ok = need(start, "start");
  }
  if (Field f = pick("annual"); need(f, "annual")) {
    if (auto m = read_.money(f, Sign::positive))
      c.annual = *m;
    else
      ok = false;
  }
  if (Field f = pick("term"); need(f, "term")) {
    auto t = read_.whole(f, "a whole number of years");
    if (t && *t < 1) read_.error(f, "expected a term of at least 1 year, got " + f.node->text);
    if (t && *t >= 1)
      c.term = static_cast<int>(*t);
    else
      ok = false;
  }
  if (Field f = pick("extensions"); f.node && !f.node->is_null()) {
    if (!f.node->is_sequence()) {
      read_.error(
          f, "expected a list of whole numbers of years, like [2, 2], got " + describe(*f.node));
      ok = false;
    }
    for (std::size_t i = 0; i < f.node->items.size(); ++i) {
      Field item{&f.node->items[i], join_path(f.path, std::to_string(i))};
      auto y = read_.whole(item, "a whole number of years");
      if (y && *y < 1)
        read_.error(item, "expected an extension of at least 1 year, got " + item.node->text);
      if (y && *y >= 1)
        c.extensions.push_back(static_cast<int>(*y));
      else
        ok = false;
    }
  }
  if (auto x = exercise(pick("exercise"), c.extensions.size()))
    c.exercise = *x;
  else
    ok = false;
  if (Field f = pick("uplift"); f.node && !f.node->is_null()) {
    if (auto r = read_.rates(f))
      c.uplift = *r;
    else
      ok = false;
  }
  c.funded_by = funded_by(pick("funded_by"));
  if (!ok) return std::nullopt;
  return c;
}

void Compiler::contracts(const Field& f, const Field& defaults) {
  if (defaults.node && read_.expect_mapping(defaults))
    read_.check_keys(defaults, contract_fields());
  Field usable_defaults =
      defaults.node && defaults.node->is_mapping() ? defaults : Field{nullptr, "defaults"};
  if (!read_.expect_mapping(f)) return;
  if (f.node->entries.empty()) read_.error(f, "no contracts");
  for (const Entry& e : f.node->entries)
    if (auto c = contract(e, usable_defaults)) s_.contracts.push_back(std::move(*c));
}

void Compiler::horizon(const Field& root) {
  if (!errors_.empty() || model::horizon_of(s_)) return;
  if (s_.start && s_.end && *s_.end < *s_.start)
    return read_.error(end_field_,
                       "scenario ends before it starts (" + start_field_.node->text + ")");
  if (s_.end && !s_.contracts.empty()) {
    model::Month first = s_.contracts[0].start;
    for (const model::Contract& c : s_.contracts)
      first = std::min(first, c.start);
    return read_.error(end_field_, "scenario ends " + end_field_.node->text +
                                       ", before the first contract starts (" +
                                       model::to_string(model::first_day(first)) + ")");
  }
  read_.error(root, "the horizon is empty");
}

// True when an unknown top-level key looks like a misspelling of `section`
// (already reported as such, so "missing section" would only repeat it).
bool misspelt(const Node& root, const std::string& section) {
  for (const Entry& e : root.entries)
    if (std::find(section_names().begin(), section_names().end(), e.key) == section_names().end() &&
        !model::did_you_mean(e.key, {section}).empty())
      return true;
  return false;
}

std::optional<model::Scenario> Compiler::run(const Node& root) {
  Field top{&root, ""};
  if (root.is_null()) {
    read_.error(top,
                "empty scenario: expected a mapping with scenario, envelope, funding and "
                "contracts (envelope init writes a starter)");
    return std::nullopt;
  }
  if (!root.is_mapping()) {
    read_.error(top, "expected a mapping with scenario, envelope, funding and contracts, got " +
                         describe(root));
    return std::nullopt;
  }
  read_.check_keys(top, section_names());
  Mark file_start = root.mark;
  file_start.line = 1, file_start.column = 1;
  Field scenario = child(top, "scenario");
  if (!scenario.node)
    read_.error_at(file_start, "scenario", "missing section 'scenario' (with a name)");
  else
    scenario_section(scenario);
  assumptions(child(top, "assumptions"));
  if (Field envelope = child(top, "envelope"); !envelope.node) {
    if (!misspelt(root, "envelope"))
      read_.error_at(file_start, "envelope", "missing section 'envelope' (the annual budget)");
  } else if (read_.expect_mapping(envelope))
    if (auto amount = yearly_amount(envelope, kEnvelopeFields)) s_.envelope = *amount;
  funding(child(top, "funding"));
  Field contracts_field = child(top, "contracts");
  if (contracts_field.node)
    contracts(contracts_field, child(top, "defaults"));
  else if (!misspelt(root, "contracts"))
    read_.error_at(file_start, "contracts", "missing section 'contracts'");
  horizon(top);
  if (!errors_.empty()) return std::nullopt;
  return std::move(s_);
}

}  // namespace

std::optional<model::Scenario> compile_scenario(const Node& root, Diagnostics& errors) {
  Diagnostics found;
  auto out = Compiler(found).run(root);
  errors.append(found);
  return found.empty() ? out : std::nullopt;
}

ReadResult read_scenario(std::string_view text, std::string_view source_name,
                         const std::vector<std::string>& overrides) {
  ReadResult out;
  YamlResult yaml = parse_yaml(text, source_name);
  out.errors = yaml.errors;
  if (!yaml.root) return out;
  out.tree = std::move(yaml.root);
  for (const std::string& assignment : overrides)
    apply_override(*out.tree, assignment, out.errors);
  auto scenario = compile_scenario(*out.tree, out.errors);
  if (out.errors.empty()) out.scenario = std::move(scenario);
  return out;
}

}  // namespace scenarios
