#include "scenarios/compiled_scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model/exact.h"
#include "model/suggest.h"
#include "scenarios/limits.h"
#include "scenarios/overrides.h"
#include "scenarios/scenario_reader.h"

namespace scenarios {

namespace {

// The node a dotted path names, or nullptr. Never creates anything.
const Node* find_path(const Node& root, std::string_view path) {
  const Node* node = &root;
  while (node && !path.empty()) {
    std::size_t dot = path.find('.');
    std::string_view key = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (node->is_mapping()) {
      node = node->find(key);
    } else if (node->is_sequence() && !key.empty() &&
               key.find_first_not_of("0123456789") == std::string_view::npos && key.size() < 9) {
      std::size_t i = std::stoul(std::string(key));
      node = i < node->items.size() ? &node->items[i] : nullptr;
    } else {
      node = nullptr;
    }
  }
  return node;
}

// The neutral value of a field that may be absent: varying from it changes nothing.
std::optional<std::string> neutral_value(std::string_view path) {
  if (path.ends_with(".change") || path.ends_with(".uplift")) return "0";
  if (path.ends_with(".exercise")) return "all";
  return std::nullopt;
}

std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// A whole number from low to high. In range, the truncation is exact: a
// whole number is its truncation.
bool is_whole_in(double v, double low, double high) {
  return v >= low && v <= high && v == static_cast<double>(static_cast<long long>(v));
}

// A rate the fields take: above -1 (-100%) and finite.
bool is_rate(double v) {
  return v > -1.0 && std::isfinite(v);
}

std::optional<std::string> check_whole(double v, double low, double high, const char* what) {
  if (is_whole_in(v, low, high)) return std::nullopt;
  if (v != std::floor(v)) return "expected " + std::string(what) + ", got " + short_number(v);
  if (v < low || v > high)
    return "expected " + std::string(what) + " from " + std::to_string(int(low)) + " to " +
           std::to_string(int(high)) + ", got " + std::to_string(int(v));
  return std::nullopt;
}

// A drawn or varied amount in pounds enters as its decimal does (SPEC 3.1).
std::optional<std::string> to_pence(double pounds, bool positive, model::Money& out) {
  if (!model::fits_in_pence(pounds * 100.0)) return "amount out of range";
  model::Money m = model::money_from_pounds(pounds);
  if (positive ? m.pence <= 0 : m.pence < 0)
    return std::string("expected an amount of money ") + (positive ? "above 0" : "of at least 0") +
           ", got " + model::to_decimal_string(m);
  out = m;
  return std::nullopt;
}

std::optional<std::string> to_rate(double v, double& out) {
  if (!is_rate(v)) return "expected a rate above -1 (-100%)";
  out = v;
  return std::nullopt;
}

model::YearlyAmount& amount_of(model::Scenario& s, const Sink& sink) {
  switch (sink.target) {
    case Target::envelope_annual:
    case Target::envelope_change:
    case Target::envelope_by_year:
      return s.envelope;
    default:
      return s.funding[sink.index].amount;
  }
}

// Writes one value into the field a sink names, checking it as validation would.
std::optional<std::string> write(model::Scenario& s, const Sink& sink, double v) {
  model::Contract* c = sink.target >= Target::contract_annual ? &s.contracts[sink.index] : nullptr;
  switch (sink.target) {
    case Target::envelope_annual:
    case Target::stream_annual:
      return to_pence(v, false, amount_of(s, sink).annual);
    case Target::envelope_change:
    case Target::stream_change:
      return to_rate(v, amount_of(s, sink).change.rates[sink.element]);
    case Target::envelope_by_year:
    case Target::stream_by_year:
      return to_pence(v, false, amount_of(s, sink).by_year[sink.element].second);
    case Target::contract_annual:
      return to_pence(v, true, c->annual);
    case Target::contract_uplift:
      return to_rate(v, c->uplift.rates[sink.element]);
    case Target::contract_term:
      if (auto e = check_whole(v, 1, kMaxContractYears, "a whole number of years")) return e;
      c->term = static_cast<int>(v);
      return std::nullopt;
    case Target::contract_extension:
      if (auto e = check_whole(v, 1, kMaxContractYears, "a whole number of years")) return e;
      c->extensions[sink.element] = static_cast<int>(v);
      return std::nullopt;
    case Target::contract_exercise:
      if (auto e = check_whole(v, 0, double(c->extensions.size()), "a number of extensions"))
        return e;
      c->exercise = static_cast<int>(v);
      return std::nullopt;
    case Target::contract_share:
      if (!(v >= 0 && v <= 1)) return "expected a share between 0 and 1";
      c->funded_by[sink.element].share = v;
      return std::nullopt;
  }
  return std::nullopt;
}

// write() of a value its field takes as it is, without the call and the
// message: the common fields of a what-if or a draw. False (nothing
// written) sends the value through write(), which says what is wrong or
// writes it.
inline bool write_plain(model::Scenario& s, const Sink& sink, double v) {
  auto rate = [v](double& out) {
    if (!is_rate(v)) return false;
    out = v;
    return true;
  };
  auto whole = [v](int& out, double low, double high) {
    if (!is_whole_in(v, low, high)) return false;
    out = static_cast<int>(v);
    return true;
  };
  switch (sink.target) {
    case Target::contract_uplift:
      return rate(s.contracts[sink.index].uplift.rates[sink.element]);
    case Target::stream_change:
      return rate(s.funding[sink.index].amount.change.rates[sink.element]);
    case Target::envelope_change:
      return rate(s.envelope.change.rates[sink.element]);
    case Target::contract_exercise: {
      model::Contract& c = s.contracts[sink.index];
      return whole(c.exercise, 0, static_cast<double>(c.extensions.size()));
    }
    case Target::contract_term:
      return whole(s.contracts[sink.index].term, 1, kMaxContractYears);
    case Target::contract_extension:
      return whole(s.contracts[sink.index].extensions[sink.element], 1, kMaxContractYears);
    default:
      return false;
  }
}

// The value a sink's field holds, as the file would write it (pounds for money).
double read(const model::Scenario& s, const Sink& sink) {
  const model::Contract* c =
      sink.target >= Target::contract_annual ? &s.contracts[sink.index] : nullptr;
  const model::YearlyAmount& a = sink.target == Target::envelope_annual ||
                                         sink.target == Target::envelope_change ||
                                         sink.target == Target::envelope_by_year
                                     ? s.envelope
                                     : (c ? s.envelope : s.funding[sink.index].amount);
  switch (sink.target) {
    case Target::envelope_annual:
    case Target::stream_annual:
      return a.annual.pounds();
    case Target::envelope_change:
    case Target::stream_change:
      return a.change.rates[sink.element];
    case Target::envelope_by_year:
    case Target::stream_by_year:
      return a.by_year[sink.element].second.pounds();
    case Target::contract_annual:
      return c->annual.pounds();
    case Target::contract_uplift:
      return c->uplift.rates[sink.element];
    case Target::contract_term:
      return c->term;
    case Target::contract_extension:
      return c->extensions[sink.element];
    case Target::contract_exercise:
      return c->exercise;
    case Target::contract_share:
      return c->funded_by[sink.element].share;
  }
  return 0;
}

std::optional<std::string> check_shares(const model::Scenario& s) {
  for (const model::Contract& c : s.contracts) {
    if (c.funded_by.empty()) continue;
    double total = 0;
    for (const model::Share& share : c.funded_by)
      total += share.share;
    if (std::fabs(total - 1.0) > 1e-9)
      return "contracts." + c.id + ".funded_by: shares add up to " + short_number(total) +
             ", not 1";
  }
  return std::nullopt;
}

}  // namespace

CompiledScenario::CompiledScenario(CompiledScenario&&) noexcept = default;
CompiledScenario& CompiledScenario::operator=(CompiledScenario&&) noexcept = default;
CompiledScenario::~CompiledScenario() = default;

namespace {

// Why a parameter's path names nothing, with the field it probably meant.
std::string not_in_scenario(const Node& tree, const std::string& path) {
  std::size_t dot = path.rfind('.');
  std::string field = path.substr(dot + 1);
  std::vector<std::string> near = {"change", "uplift", "exercise"};
  if (const Node* parent =
          dot == std::string::npos ? nullptr : find_path(tree, path.substr(0, dot)))
    for (const Entry& e : parent->entries)
      near.push_back(e.key);
  std::string suggestion = model::did_you_mean(field, near);
  if (!suggestion.empty()) return "not in the scenario" + suggestion;
  return "not in the scenario (only change, uplift and exercise may be varied without a value "
         "in the file)";
}

}  // namespace

std::optional<CompiledScenario> CompiledScenario::compile(
    Node tree, const std::vector<std::string>& parameters, Diagnostics& errors,
    const std::vector<Mark>& marks) {
  Mark unplaced{source_name("parameter"), 1, 1};
  auto mark_of = [&](const std::string& path) {
    for (std::size_t i = 0; i < parameters.size() && i < marks.size(); ++i)
      if (parameters[i] == path) return marks[i];
    return unplaced;
  };
  std::size_t errors_before = errors.size();
  for (const std::string& path : parameters) {
    Mark where = mark_of(path);
    if (path.find('*') != std::string::npos) {
      errors.add(where, path, "a parameter is one number: name it without '*'");
      continue;
    }
    if (find_path(tree, path)) continue;
    // A contract's field left out takes what defaults gives: vary from that.
    std::string field = path.substr(path.rfind('.') + 1);
    const Node* from_defaults =
        path.starts_with("contracts.") ? find_path(tree, "defaults." + field) : nullptr;
    if (from_defaults && std::count(path.begin(), path.end(), '.') == 2)
      apply_value(tree, path, *from_defaults, where, errors);
    else if (auto neutral = neutral_value(path))
      apply_value(tree, path, Node{Node::Kind::scalar, *neutral, false, where, {}, {}}, where,
                  errors);
    else
      errors.add(where, path, not_in_scenario(tree, path));
  }
  if (errors.size() > errors_before) return std::nullopt;

  CompiledScenario out;
  out.tree_ = std::make_unique<Node>(std::move(tree));
  auto base = compile_scenario(*out.tree_, errors, &out.bindings_);
  if (!base) return std::nullopt;
  out.base_ = std::move(*base);
  // Whatever a parameter varies (a term, say), the horizon stays the base's (SPEC 4).
  if (auto h = model::horizon_of(out.base_)) model::keep_horizon(out.base_, *h);
  out.paths_ = parameters;
  for (const std::string& path : parameters) {
    const Node* node = find_path(*out.tree_, path);
    if (!node) {
      errors.add(mark_of(path), path, "not in the scenario");
      continue;
    }
    Parameter p;
    for (std::size_t j = 0; j < out.bindings_.assumptions.size(); ++j)
      if (out.bindings_.assumptions[j].node == node) p.assumption = static_cast<int>(j);
    if (auto it = out.bindings_.sinks.find(node); it != out.bindings_.sinks.end())
      p.sinks = it->second;
    if (p.assumption < 0 && p.sinks.empty()) {
      errors.add(mark_of(path), path,
                 node->is_sequence() ? "a list; vary one element, e.g. " + path + ".0"
                                     : "not a number the scenario uses");
      continue;
    }
    out.base_values_.push_back(p.assumption >= 0 ? out.bindings_.assumptions[p.assumption].value
                                                 : read(out.base_, p.sinks.front()));
    out.varies_assumptions_ = out.varies_assumptions_ || p.assumption >= 0;
    out.parameters_.push_back(std::move(p));
  }
  if (errors.size() > errors_before) return std::nullopt;
  out.find_live_expressions();
  return out;
}

namespace {

// Calls f(node, path) for every node below `n`, in file order; the analysis
// sections hold paths and settings, not numbers of the scenario, and are skipped.
template <typename F>
void walk(const Node& n, const std::string& path, F&& f) {
  f(n, path);
  for (std::size_t i = 0; i < n.items.size(); ++i)
    walk(n.items[i], join_path(path, std::to_string(i)), f);
  for (const Entry& e : n.entries) {
    if (path.empty() && (e.key == "variants" || e.key == "sensitivity" || e.key == "checks"))
      continue;
    walk(e.value, join_path(path, e.key), f);
  }
}

}  // namespace

bool CompiledScenario::is_whole(std::size_t i) const {
  for (const Sink& sink : parameters_[i].sinks)
    if (sink.target == Target::contract_term || sink.target == Target::contract_extension ||
        sink.target == Target::contract_exercise)
      return true;
  return false;
}

namespace {

bool is_money_target(Target t) {
  return t == Target::envelope_annual || t == Target::stream_annual ||
         t == Target::envelope_by_year || t == Target::stream_by_year ||
         t == Target::contract_annual;
}

}  // namespace

bool CompiledScenario::is_money(std::size_t i) const {
  if (parameters_[i].assumption >= 0) return false;
  for (const Sink& sink : parameters_[i].sinks)
    if (is_money_target(sink.target)) return true;
  return false;
}

std::vector<CompiledScenario::Path> CompiledScenario::numeric_paths() const {
  std::vector<Path> out;
  walk(*tree_, "", [&](const Node& node, const std::string& path) {
    for (const auto& a : bindings_.assumptions)
      if (a.node == &node) out.push_back({path, a.value, a.expression ? a.expression->text() : ""});
    auto it = bindings_.sinks.find(&node);
    if (it == bindings_.sinks.end()) return;
    auto expression = std::find_if(bindings_.computed.begin(), bindings_.computed.end(),
                                   [&](const Bindings::Computed& c) { return c.node == &node; });
    out.push_back({path, read(base_, it->second.front()),
                   expression == bindings_.computed.end() ? "" : expression->expression->text(),
                   is_money_target(it->second.front().target)});
  });
  return out;
}

void CompiledScenario::find_live_expressions() {
  const auto& assumptions = bindings_.assumptions;
  std::vector<char> live(assumptions.size(), 0), fixed(assumptions.size(), 0);
  for (const Parameter& p : parameters_)
    if (p.assumption >= 0) live[p.assumption] = fixed[p.assumption] = 1;
  auto uses_live = [&](const std::vector<int>& args) {
    return std::any_of(args.begin(), args.end(), [&](int a) { return live[a] != 0; });
  };
  for (std::size_t j = 0; j < assumptions.size(); ++j) {  // each after those it uses
    assumption_values_.push_back(assumptions[j].value);
    if (!fixed[j] && assumptions[j].expression && uses_live(assumptions[j].arguments)) {
      live[j] = 1;
      live_assumptions_.push_back(static_cast<int>(j));
    }
    if (live[j] && assumptions[j].name == "discount_rate") discount_rate_ = static_cast<int>(j);
  }
  for (std::size_t i = 0; i < bindings_.computed.size(); ++i)
    if (const Bindings::Computed& c = bindings_.computed[i]; uses_live(c.arguments)) {
      live_computed_.push_back(static_cast<int>(i));
      live_name_.push_back(c.expression->is_single_name() ? c.arguments.front() : -1);
    }
}

std::optional<std::string> CompiledScenario::apply_assumptions(std::span<const double> values,
                                                               model::Scenario& out) const {
  std::vector<double>& v = assumption_values_;
  for (std::size_t i = 0; i < parameters_.size(); ++i)
    if (parameters_[i].assumption >= 0) v[parameters_[i].assumption] = values[i];
  std::vector<double>& arguments = arguments_;
  auto evaluate = [&](const Expression& e, const std::vector<int>& args) {
    arguments.clear();
    for (int a : args)
      arguments.push_back(v[a]);
    return e.evaluate(arguments);
  };
  for (int j : live_assumptions_) {
    const auto& a = bindings_.assumptions[j];
    v[j] = evaluate(*a.expression, a.arguments);
    if (!std::isfinite(v[j]))
      return "assumptions." + a.name + ": gives no finite number (division by zero?)";
  }
  if (discount_rate_ >= 0) out.discount_rate = v[discount_rate_];
  for (std::size_t l = 0; l < live_computed_.size(); ++l) {
    const Bindings::Computed& c = bindings_.computed[live_computed_[l]];
    double value = live_name_[l] >= 0 ? v[live_name_[l]] : evaluate(*c.expression, c.arguments);
    if (write_plain(out, c.sink, value)) continue;
    auto error = std::isfinite(value) ? write(out, c.sink, value)
                                      : std::optional<std::string>("gives no finite number");
    if (error) return "\"" + c.expression->text() + "\": " + *error;
  }
  return std::nullopt;
}

std::optional<std::string> CompiledScenario::apply(std::span<const double> values,
                                                   model::Scenario& out) const {
  if (varies_assumptions_)
    if (auto error = apply_assumptions(values, out)) return error;
  bool shares = false;
  for (std::size_t i = 0; i < parameters_.size(); ++i)
    for (const Sink& sink : parameters_[i].sinks) {
      if (write_plain(out, sink, values[i])) continue;
      if (auto error = write(out, sink, values[i]))
        return paths_[i] + " = " + short_number(values[i]) + ": " + *error;
      shares = shares || sink.target == Target::contract_share;
    }
  if (shares) return check_shares(out);
  return std::nullopt;
}

}  // namespace scenarios
