#include "scenarios/scenario_reader.h"
#include "scenarios/warnings.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>

#include "model/suggest.h"
#include "scenarios/bindings.h"
#include "scenarios/csv_scenario.h"
#include "scenarios/expressions.h"
#include "scenarios/fields.h"
#include "scenarios/limits.h"
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

const std::vector<std::string>& scenario_fields() {
  static const std::vector<std::string> names = {"name", "start", "end", "fiscal_year_start",
                                                 "apportion"};
  return names;
}

const std::vector<std::string>& stream_fields() {
  static const std::vector<std::string> names = {"name",    "annual", "change",
                                                 "by_year", "from",   "until"};
  return names;
}

const std::vector<std::string>& envelope_fields() {
  static const std::vector<std::string> names = {"annual", "change", "by_year"};
  return names;
}

namespace {

bool is_id(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

// " (write da_victims)" for "DA victims": the id a name suggests.
std::string id_like(std::string_view name) {
  std::string id;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u))
      id += static_cast<char>(std::tolower(u));
    else if (!id.empty() && id.back() != '_' && (c == ' ' || c == '_' || c == '-' || c == '.'))
      id += '_';
  }
  while (!id.empty() && id.back() == '_')
    id.pop_back();
  return id.empty() ? "" : ": write " + id;
}

// Resolves `assumptions:` in dependency order: each is a number or an
// expression over the others; unknown names and cycles are errors.
class AssumptionResolver {
 public:
  AssumptionResolver(FieldReader& read, const Field& section) : read_(read), section_(section) {}

  std::map<std::string, double> run();
  // Adds the resolved assumptions, in evaluation order, to `bindings`.
  void record(Bindings& bindings) const;
  // The text of each assumption written as a plain number (not a percentage).
  const std::map<std::string, std::string>& plain_numbers() const { return plain_; }

 private:
  struct Item {
    std::string name;
    Field field;
    std::shared_ptr<const Expression> expression;
    double value = std::nan("");
    enum { unvisited, visiting, done } state = unvisited;
  };

  void compile(Item& item);
  void resolve(std::size_t i, std::vector<std::size_t>& chain);

  FieldReader& read_;
  Field section_;
  std::vector<Item> items_;
  std::vector<std::size_t> order_;  // resolved items, each after those it uses
  std::map<std::string, std::size_t> index_;
  std::map<std::string, std::string> plain_;
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
    if (!is_percentage(n.text)) plain_[item.name] = n.text;
    return;
  }
  if (auto inside = bracketed_number(n.text)) {
    read_.error(item.field, "a number in brackets is not read as negative: write -" + *inside +
                                " for a negative number, or " + *inside + " for a positive one");
    item.state = Item::done;
    return;
  }
  auto compiled = Expression::compile(n.text);
  if (auto* e = std::get_if<ExpressionError>(&compiled)) {
    Mark at = n.mark;
    at.column += (n.quoted ? 1 : 0) + e->position;
    read_.error_at(at, item.field.path(), describe_error(n.text, *e));
    item.state = Item::done;
    return;
  }
  item.expression = std::make_shared<const Expression>(std::get<Expression>(std::move(compiled)));
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
          at, item.field.path(),
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
  if (!std::isfinite(v)) {
    read_.error(items_[i].field,
                "expression \"" + n.text + "\" gives no finite number (division by zero?)");
    return;
  }
  items_[i].value = v;
  order_.push_back(i);
}

std::map<std::string, double> AssumptionResolver::run() {
  if (section_.node) {
    for (const Entry& e : section_.node->entries) {
      index_[e.key] = items_.size();
      items_.push_back(Item{e.key,
                            Field{&e.value, join_path(section_.path(), e.key)},
                            {},
                            std::nan(""),
                            Item::unvisited});
    }
  }
  for (std::size_t i = 0; i < items_.size(); ++i) {
    compile(items_[i]);
    if (!items_[i].expression && !std::isnan(items_[i].value)) order_.push_back(i);
  }
  std::vector<std::size_t> chain;
  for (std::size_t i = 0; i < items_.size(); ++i)
    resolve(i, chain);
  std::map<std::string, double> out;
  for (const Item& item : items_)
    out[item.name] = item.value;  // NaN marks a failed one
  return out;
}

void AssumptionResolver::record(Bindings& bindings) const {
  for (std::size_t i : order_) {
    const Item& item = items_[i];
    Bindings::Assumption a{item.name, item.field.node, item.expression, {}, item.value};
    if (item.expression)
      for (const std::string& name : item.expression->names())
        a.arguments.push_back(bindings.assumption_index(name));
    bindings.assumptions.push_back(std::move(a));
  }
}

class Compiler {
 public:
  Compiler(Diagnostics& errors, Bindings* bindings)
      : errors_(errors), read_(errors), bindings_(bindings) {}
  std::optional<model::Scenario> run(const Node& root);

 private:
  void scenario_section(const Field& f);
  void assumptions(const Field& f);
  void discount_rate(const Field& f, double rate, const std::map<std::string, std::string>& plain);
  // The envelope (stream < 0) or funding stream number `stream`.
  std::optional<model::YearlyAmount> yearly_amount(const Field& f,
                                                   const std::vector<std::string>& keys,
                                                   int stream);
  void by_year(const Field& f, Target target, int index, model::YearlyAmount& out, bool& ok);
  void funding(const Field& f);
  void contracts(const Field& f, const Field& defaults);
  std::optional<model::Contract> contract(const Entry& e, const Field& defaults);
  bool contract_start(const Field& f, model::Contract& c);
  bool contract_term(const Field& f, model::Contract& c, int index);
  bool contract_extensions(const Field& f, model::Contract& c, int index);
  std::optional<int> exercise(const Field& f, std::size_t extensions);
  std::vector<model::Share> funded_by(const Field& f, int index);
  void horizon(const Field& root);
  void too_long(const Field& root, const model::Horizon& h);

  // Records that the number at f feeds `sink` (when bindings are recorded).
  void bind(const Field& f, Sink sink);
  // The same for a rate, or for each element of a list of rates.
  void bind_rates(const Field& f, Target target, int index);

  Diagnostics& errors_;
  FieldReader read_;
  Bindings* bindings_;
  model::Scenario s_;
  Field start_field_, end_field_;
};

void Compiler::bind(const Field& f, Sink sink) {
  if (!bindings_) return;
  bindings_->sinks[f.node].push_back(sink);
  if (auto expression = read_.compiled(f.node)) {
    Bindings::Computed computed{f.node, expression, {}, sink};
    for (const std::string& name : expression->names())
      computed.arguments.push_back(bindings_->assumption_index(name));
    bindings_->computed.push_back(std::move(computed));
  }
}

void Compiler::bind_rates(const Field& f, Target target, int index) {
  if (!f.node->is_sequence()) return bind(f, {target, index, 0});
  for (std::size_t i = 0; i < f.node->items.size(); ++i)
    bind(lazy_item(f, &f.node->items[i], static_cast<int>(i)),
         {target, index, static_cast<int>(i)});
}

void Compiler::scenario_section(const Field& f) {
  if (!read_.expect_mapping(f)) return;
  read_.check_keys(f, scenario_fields());
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
  AssumptionResolver resolver(read_, f);
  auto values = resolver.run();
  if (bindings_) resolver.record(*bindings_);
  if (auto it = values.find("discount_rate"); it != values.end() && !std::isnan(it->second))
    discount_rate(child(f, "discount_rate"), it->second, resolver.plain_numbers());
  read_.set_assumptions(std::move(values), resolver.plain_numbers());
}

// The discount rate of npv: a rate, so a plain number above 1 is refused too.
void Compiler::discount_rate(const Field& f, double rate,
                             const std::map<std::string, std::string>& plain) {
  if (rate <= -1) {
    read_.error(f, "expected a rate above -1 (-100%), got " + f.node->text);
    return;
  }
  if (rate > 1 && plain.count("discount_rate")) {
    read_.error(f, "a rate of " + f.node->text + " would be " + percent_text(rate) + ": write " +
                       f.node->text + "% or " + rate_text(rate / 100) + " (or " +
                       percent_text(rate) + " if that is meant)");
    return;
  }
  s_.discount_rate = rate;
}

void Compiler::by_year(const Field& f, Target target, int index, model::YearlyAmount& out,
                       bool& ok) {
  if (!read_.expect_mapping(f)) return;
  for (const Entry& e : f.node->entries) {
    Field year{&e.value, join_path(f.path(), e.key)};
    auto fy = model::parse_financial_year_label(e.key, s_.fiscal_year_start);
    if (!fy) {
      read_.error_at(e.key_mark, year.path(),
                     "'" + e.key + "' is not a financial year label (like " +
                         model::financial_year_label(2020, s_.fiscal_year_start) + ")");
      ok = false;
    } else if (auto m = read_.money(year, Sign::not_negative)) {
      bind(year, {target, index, static_cast<int>(out.by_year.size())});
      out.by_year.emplace_back(*fy, *m);
    } else {
      ok = false;
    }
  }
}

std::optional<model::YearlyAmount> Compiler::yearly_amount(const Field& f,
                                                           const std::vector<std::string>& keys,
                                                           int stream) {
  bool envelope = stream < 0;
  int index = std::max(stream, 0);
  read_.check_keys(f, keys);
  model::YearlyAmount out;
  bool ok = true;
  Field annual = child(f, "annual");
  if (!annual.node) {
    read_.error(f, "missing 'annual'");
    ok = false;
  } else if (auto m = read_.money(annual, Sign::not_negative)) {
    out.annual = *m;
    bind(annual, {envelope ? Target::envelope_annual : Target::stream_annual, index});
  } else {
    ok = false;
  }
  if (Field change = child(f, "change"); change.node) {
    auto r = read_.rates(change);
    if (r) out.change = *r;
    if (r) bind_rates(change, envelope ? Target::envelope_change : Target::stream_change, index);
    ok = ok && r.has_value();
  }
  if (Field years = child(f, "by_year"); years.node)
    by_year(years, envelope ? Target::envelope_by_year : Target::stream_by_year, index, out, ok);
  if (!ok) return std::nullopt;
  return out;
}

void Compiler::funding(const Field& f) {
  if (!f.node || f.node->is_null()) return;
  if (!read_.expect_mapping(f)) return;
  if (f.node->entries.size() > kMaxStreams) {
    const Entry& over = f.node->entries[kMaxStreams];
    return read_.error_at(
        over.key_mark, join_path(f.path(), over.key),
        "more than " + std::to_string(kMaxStreams) + " funding streams (the limit)");
  }
  for (const Entry& e : f.node->entries) {
    Field stream{&e.value, join_path(f.path(), e.key)};
    if (!is_id(e.key))
      read_.error_at(e.key_mark, stream.path(), "a funding stream id is letters, digits, _ or -");
    if (!read_.expect_mapping(stream)) continue;
    model::FundingStream out;
    out.id = e.key;
    out.name = e.key;
    if (Field name = child(stream, "name"); name.node)
      if (auto t = read_.text(name)) out.name = *t;
    int index = static_cast<int>(s_.funding.size());
    if (auto amount = yearly_amount(stream, stream_fields(), index)) out.amount = *amount;
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

std::vector<model::Share> Compiler::funded_by(const Field& f, int index) {
  std::vector<model::Share> out;
  if (!f.node || f.node->is_null()) return out;
  // The stream's index, or the number of streams when none has the id.
  auto stream = [&](const std::string& id) {
    auto it = std::find_if(s_.funding.begin(), s_.funding.end(),
                           [&](const model::FundingStream& s) { return s.id == id; });
    return static_cast<std::size_t>(it - s_.funding.begin());
  };
  if (f.node->is_scalar() && stream(f.node->text) < s_.funding.size()) {
    read_.error(f, "expected each stream's share, like {" + f.node->text + ": 1}, got \"" +
                       f.node->text + "\"");
    return out;
  }
  if (!read_.expect_mapping(f)) return out;
  double total = 0;
  bool ok = true;
  for (const Entry& e : f.node->entries) {
    Field share = lazy_child(f, &e.value, e.key);
    std::size_t i = stream(e.key);
    if (i == s_.funding.size()) {
      std::vector<std::string> ids;
      for (const model::FundingStream& s : s_.funding)
        ids.push_back(s.id);
      read_.error_at(e.key_mark, share.path(),
                     "unknown funding stream '" + e.key + "'" + model::did_you_mean(e.key, ids));
      ok = false;
      continue;
    }
    auto v = read_.share(share);
    if (v && (*v < 0 || *v > 1)) {
      read_.error(share, "expected a share between 0 and 1, got " + e.value.text +
                             (*v > 1 && *v <= 100 && *v == std::floor(*v)
                                  ? " (for " + e.value.text + "% write " + e.value.text + "% or " +
                                        rate_text(*v / 100) + ")"
                                  : ""));
      v.reset();
    }
    if (!v) {
      ok = false;
      continue;
    }
    bind(share, {Target::contract_share, index, static_cast<int>(out.size())});
    total += *v;
    out.push_back({static_cast<int>(i), *v});
  }
  if (ok && std::fabs(total - 1.0) > 1e-9) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", total);
    read_.error(f, std::string("shares add up to ") + buf + ", not 1");
  }
  return out;
}

bool Compiler::contract_start(const Field& f, model::Contract& c) {
  if (!f.node) {
    if (s_.start) c.start = *s_.start;
    return s_.start.has_value();
  }
  auto m = read_.first_of_month(f);  // before scenario.start: a contract already running
  if (m) c.start = *m;
  return m.has_value();
}

bool Compiler::contract_term(const Field& f, model::Contract& c, int index) {
  auto t = read_.whole(f, "a whole number of years");
  if (t && *t < 1) read_.error(f, "expected a term of at least 1 year, got " + f.node->text);
  if (t && *t > kMaxContractYears)
    read_.error(f, "expected a term of at most " + std::to_string(kMaxContractYears) +
                       " years (the limit), got " + f.node->text);
  if (!t || *t < 1 || *t > kMaxContractYears) return false;
  c.term = static_cast<int>(*t);
  bind(f, {Target::contract_term, index});
  return true;
}

bool Compiler::contract_extensions(const Field& f, model::Contract& c, int index) {
  if (!f.node || f.node->is_null()) return true;
  if (!f.node->is_sequence()) {
    read_.error(f,
                "expected a list of whole numbers of years, like [2, 2], got " + describe(*f.node));
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < f.node->items.size(); ++i) {
    Field item = lazy_item(f, &f.node->items[i], static_cast<int>(i));
    auto y = read_.whole(item, "a whole number of years");
    if (y && *y < 1)
      read_.error(item, "expected an extension of at least 1 year, got " + item.node->text);
    if (y && *y > kMaxContractYears)
      read_.error(item, "expected an extension of at most " + std::to_string(kMaxContractYears) +
                            " years (the limit), got " + item.node->text);
    if (y && *y >= 1 && *y <= kMaxContractYears) {
      bind(item, {Target::contract_extension, index, static_cast<int>(c.extensions.size())});
      c.extensions.push_back(static_cast<int>(*y));
    } else {
      ok = false;
    }
  }
  return ok;
}

std::optional<model::Contract> Compiler::contract(const Entry& e, const Field& defaults) {
  Field self{&e.value, join_path("contracts", e.key)};
  if (!is_id(e.key))
    read_.error_at(
        e.key_mark, self.path(),
        "a contract id is letters, digits, _ or -" + id_like(e.key) +
            (e.key.find(' ') != std::string::npos ? " (its name, with spaces, goes in name:)"
                                                  : ""));
  if (!read_.expect_mapping(self)) return std::nullopt;
  read_.check_keys(self, contract_fields());
  auto pick = [&](std::string_view key) {  // paths made only for messages
    if (const Node* own = self.node->find(key)) return lazy_child(self, own, key);
    const Node* given =
        defaults.node && defaults.node->is_mapping() ? defaults.node->find(key) : nullptr;
    return lazy_child(defaults, given, key);
  };
  auto need = [&](const Field& f, std::string_view key) {
    if (!f.node) read_.error(self, "missing '" + std::string(key) + "'");
    return f.node != nullptr;
  };
  int index = static_cast<int>(s_.contracts.size());
  model::Contract c;
  c.id = c.name = e.key;
  if (Field f = pick("name"); f.node) c.name = read_.text(f).value_or(c.name);
  if (Field f = pick("group"); f.node && !f.node->is_null()) c.group = read_.text(f).value_or("");
  Field start = pick("start");
  bool ok = contract_start(start, c) || (start.node == nullptr && need(start, "start"));
  if (Field f = pick("annual"); need(f, "annual")) {
    auto m = read_.money(f, Sign::positive);
    if (m) c.annual = *m, bind(f, {Target::contract_annual, index});
    ok = ok && m.has_value();
  } else {
    ok = false;
  }
  Field term = pick("term");
  ok = need(term, "term") && contract_term(term, c, index) && ok;
  bool extensions_ok = contract_extensions(pick("extensions"), c, index);
  Field exercise_field = pick("exercise");
  auto x = extensions_ok ? exercise(exercise_field, c.extensions.size()) : std::nullopt;
  if (x && exercise_field.node) bind(exercise_field, {Target::contract_exercise, index});
  if (x) c.exercise = *x;
  ok = ok && extensions_ok && x.has_value();
  if (Field f = pick("uplift"); f.node && !f.node->is_null()) {
    auto r = read_.rates(f);
    if (r) c.uplift = *r, bind_rates(f, Target::contract_uplift, index);
    ok = ok && r.has_value();
  }
  c.funded_by = funded_by(pick("funded_by"), index);
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
  if (f.node->entries.size() > kMaxContracts) {
    const Entry& over = f.node->entries[kMaxContracts];
    return read_.error_at(over.key_mark, join_path(f.path(), over.key),
                          "more than " + std::to_string(kMaxContracts) + " contracts (the limit)");
  }
  for (const Entry& e : f.node->entries)
    if (auto c = contract(e, usable_defaults)) s_.contracts.push_back(std::move(*c));
}

void Compiler::horizon(const Field& root) {
  if (!errors_.empty()) return;
  if (auto h = model::horizon_of(s_)) {
    if (h->months() > model::kMaxHorizonMonths) too_long(root, *h);
    return;
  }
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

// A horizon over the limit, located at scenario.end, else at the contract that ends last.
void Compiler::too_long(const Field& root, const model::Horizon& h) {
  std::string message = "the horizon is " + std::to_string(h.months()) + " months (" +
                        model::to_string(model::first_day(h.first)) + " to " +
                        model::to_string(model::last_day(h.last)) + "); at most " +
                        std::to_string(model::kMaxHorizonMonths / 12) + " years (the limit)";
  if (s_.end) return read_.error(end_field_, message);
  auto ends = [](const model::Contract& c) { return c.start + 12 * c.years_taken(); };
  auto latest = std::max_element(s_.contracts.begin(), s_.contracts.end(),
                                 [&](const auto& a, const auto& b) { return ends(a) < ends(b); });
  if (Field contracts = child(root, "contracts"); contracts.node && latest != s_.contracts.end())
    for (const Entry& e : contracts.node->entries)
      if (e.key == latest->id)
        return read_.error_at(e.key_mark, join_path("contracts", e.key), message);
  read_.error(root, message);
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
    if (auto amount = yearly_amount(envelope, envelope_fields(), -1)) s_.envelope = *amount;
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

std::optional<model::Scenario> compile_scenario(const Node& root, Diagnostics& errors,
                                                Bindings* bindings) {
  Diagnostics found;
  auto out = Compiler(found, bindings).run(root);
  errors.append(found);
  if (!found.empty()) return std::nullopt;
  return out;  // moved: the conditional operator would copy the scenario
}

namespace {

bool ends_with_csv(std::string_view name) {
  if (name.size() < 4) return false;
  std::string ext(name.substr(name.size() - 4));
  for (char& c : ext)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv";
}

// Replaces `contracts: FILE.csv` and `funding: FILE.csv` by the tables they
// name; false when one could not be read (its error added).
bool include_tables(Node& root, std::string_view source, const FileReader& read_file,
                    Diagnostics& errors) {
  bool ok = true;
  if (!root.is_mapping()) return ok;
  for (const char* section : {"contracts", "funding"}) {
    Node* node = root.find(section);
    if (!node || !node->is_scalar() || !ends_with_csv(node->text)) continue;
    std::filesystem::path including(source == "<stdin>" ? "" : std::string(source));
    std::string tried = (including.parent_path() / node->text).lexically_normal().string();
    if (tried == std::filesystem::path(std::string(source)).lexically_normal().string()) {
      errors.add(node->mark, section, "'" + node->text + "' includes the file itself");
      ok = false;
      continue;
    }
    std::string why = "no file reader";
    std::optional<std::string> text = read_file ? read_file(tried, why) : std::nullopt;
    if (!text) {
      errors.add(node->mark, section,
                 "cannot read '" + node->text + "' (tried " + tried + "): " + why);
      ok = false;
      continue;
    }
    TreeResult table = parse_csv_table(*text, tried, section);
    errors.append(table.errors);
    if (table.root) *node = std::move(*table.root);
    ok = ok && table.root.has_value();
  }
  return ok;
}

}  // namespace

TreeResult read_tree(std::string_view text, std::string_view source_name,
                     const FileReader& read_file) {
  bool csv = ends_with_csv(source_name) || looks_like_path_value_csv(text);
  TreeResult out = csv ? parse_path_value_csv(text, source_name) : parse_yaml(text, source_name);
  // An unreadable table leaves nothing sound to validate: stop there.
  if (out.root && !include_tables(*out.root, source_name, read_file, out.errors)) out.root.reset();
  return out;
}

ReadResult read_scenario(std::string_view text, std::string_view source_name,
                         const std::vector<std::string>& overrides, const FileReader& read_file) {
  ReadResult out;
  TreeResult tree = read_tree(text, source_name, read_file);
  out.errors = tree.errors;
  if (!tree.root) return out;
  out.tree = std::move(tree.root);
  for (const std::string& assignment : overrides)
    apply_override(*out.tree, assignment, out.errors);
  auto scenario = compile_scenario(*out.tree, out.errors);
  out.analyses = read_analyses(*out.tree, out.errors);
  if (scenario && out.errors.empty())
    check_analyses(out.analyses, *out.tree, *scenario, out.errors);
  if (out.errors.empty()) {
    out.warnings = scenario_warnings(*out.tree, *scenario, &out.financial_years);
    out.scenario = std::move(scenario);
  }
  return out;
}

}  // namespace scenarios
