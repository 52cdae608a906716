#include "scenarios/analyses.h"
#include "scenarios/limits.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model/calendar.h"
#include "model/metrics.h"
#include "model/montecarlo.h"
#include "model/suggest.h"
#include "scenarios/compiled_scenario.h"
#include "scenarios/csv_scenario.h"
#include "scenarios/fields.h"
#include "scenarios/numbers.h"
#include "scenarios/overrides.h"
#include "scenarios/scenario_reader.h"

namespace scenarios {

const Variant* Analyses::find_variant(const std::string& name) const {
  for (const Variant& v : variants)
    if (v.name == name) return &v;
  return nullptr;
}

namespace {

const std::vector<std::string> kSensitivityKeys = {"metric", "parameters", "correlation",
                                                   "montecarlo"};
const std::vector<std::string> kParameterKeys = {
    "low", "high",   "dist",    "mode",     "mean",
    "sd",  "values", "weights", "per_year", "autocorrelation"};
const std::vector<std::string> kDistributions = {"uniform", "triangular", "pert",
                                                 "normal",  "lognormal",  "discrete"};
const std::vector<std::string> kCheckKeys = {"name", "metric", "variant",  "min",
                                             "max",  "equals", "tolerance"};

class AnalysisReader {
 public:
  explicit AnalysisReader(Diagnostics& errors) : read_(errors) {}
  Analyses run(const Node& root);

 private:
  std::optional<double> number(const Field& f);
  std::vector<double> numbers(const Field& f);
  void variants(const Field& f, Analyses& out);
  void parameter(const Entry& e, const std::string& path, Sensitivity& out);
  void per_year(const Field& f, ParameterSpec& p);
  void sensitivity(const Field& f, Sensitivity& out);
  void correlation(const Field& f, Sensitivity& out);
  void checks(const Field& f, Analyses& out);

  FieldReader read_;
};

std::optional<double> AnalysisReader::number(const Field& f) {
  if (!f.node->is_scalar()) {
    read_.error(f, "expected a number, got " + describe(*f.node));
    return std::nullopt;
  }
  auto v = parse_rate(f.node->text);
  if (!v) read_.error(f, "expected a number, got \"" + f.node->text + "\"");
  return v;
}

std::vector<double> AnalysisReader::numbers(const Field& f) {
  std::vector<double> out;
  if (!f.node->is_sequence()) {
    read_.error(f, "expected a list of numbers, got " + describe(*f.node));
    return out;
  }
  for (std::size_t i = 0; i < f.node->items.size(); ++i)
    if (auto v = number(Field{&f.node->items[i], join_path(f.path(), std::to_string(i))}))
      out.push_back(*v);
  return out;
}

void AnalysisReader::variants(const Field& f, Analyses& out) {
  if (!f.node || f.node->is_null() || !read_.expect_mapping(f)) return;
  if (f.node->entries.size() > kMaxVariants) {
    const Entry& over = f.node->entries[kMaxVariants];
    return read_.error_at(over.key_mark, join_path(f.path(), over.key),
                          "more than " + std::to_string(kMaxVariants) + " variants (the limit)");
  }
  for (const Entry& e : f.node->entries) {
    Field variant{&e.value, join_path(f.path(), e.key)};
    if (!read_.expect_mapping(variant)) continue;
    Variant v{e.key, e.key_mark, {}};
    for (const Entry& o : e.value.entries)
      v.overrides.push_back({o.key, o.key_mark, o.value});
    out.variants.push_back(std::move(v));
  }
}

void AnalysisReader::parameter(const Entry& e, const std::string& path, Sensitivity& out) {
  Field f{&e.value, path};
  if (!read_.expect_mapping(f)) return;
  read_.check_keys(f, kParameterKeys);
  ParameterSpec p;
  p.path = e.key;
  p.mark = e.key_mark;
  auto optional_number = [&](const char* key, std::optional<double>& into) {
    if (Field c = child(f, key); c.node) into = number(c);
  };
  optional_number("low", p.low);
  optional_number("high", p.high);
  optional_number("mode", p.mode);
  optional_number("mean", p.mean);
  optional_number("sd", p.sd);
  if (Field c = child(f, "values"); c.node) p.values = numbers(c);
  if (Field c = child(f, "weights"); c.node) p.weights = numbers(c);
  if (Field c = child(f, "dist"); c.node) {
    auto d = read_.text(c);
    if (d && std::find(kDistributions.begin(), kDistributions.end(), *d) == kDistributions.end())
      read_.error(c, "unknown distribution '" + *d + "'" + model::did_you_mean(*d, kDistributions) +
                         "; use uniform, triangular, pert, normal, lognormal or discrete");
    else if (d)
      p.dist = *d;
  }
  auto need = [&](const char* key, bool present) {
    if (!present) read_.error(f, "dist " + p.dist + " needs '" + key + "'");
  };
  if (p.dist == "discrete") {
    need("values", !p.values.empty());
    if (!p.weights.empty() && p.weights.size() != p.values.size())
      read_.error(child(f, "weights"),
                  "expected one weight per value (" + std::to_string(p.values.size()) + ")");
    if (!p.values.empty() && !p.low) p.low = *std::min_element(p.values.begin(), p.values.end());
    if (!p.values.empty() && !p.high) p.high = *std::max_element(p.values.begin(), p.values.end());
  }
  need("low", p.low.has_value());
  need("high", p.high.has_value());
  if (p.dist == "triangular" || p.dist == "pert") need("mode", p.mode.has_value());
  if (p.dist == "normal" || p.dist == "lognormal") {
    need("mean", p.mean.has_value());
    need("sd", p.sd.has_value());
  }
  if (p.low && p.high && *p.low > *p.high) read_.error(f, "low is above high");
  if (p.mode && p.low && p.high && (*p.mode < *p.low || *p.mode > *p.high))
    read_.error(child(f, "mode"), "mode is outside low..high");
  if (p.sd && *p.sd <= 0) read_.error(child(f, "sd"), "sd must be above 0");
  per_year(f, p);
  out.parameters.push_back(std::move(p));
}

void AnalysisReader::per_year(const Field& f, ParameterSpec& p) {
  if (Field c = child(f, "per_year"); c.node) {
    if (c.node->is_scalar() && (c.node->text == "true" || c.node->text == "false"))
      p.per_year = c.node->text == "true";
    else
      read_.error(c, "expected true or false");
    if (p.per_year && !is_stepped_rate(p.path))
      read_.error(c,
                  "per_year draws a rate that applies step by step: an uplift or a change "
                  "(defaults.uplift, contracts.ID.uplift, funding.ID.change, envelope.change)");
  }
  Field c = child(f, "autocorrelation");
  if (!c.node) return;
  auto rho = number(c);
  if (!rho) return;
  if (!p.per_year)
    read_.error(c,
                "autocorrelation is between one year's draw and the next: it needs "
                "per_year: true");
  else if (!(*rho > -1 && *rho < 1))
    read_.error(c, "an autocorrelation is strictly between -1 and 1");
  else
    p.autocorrelation = *rho;
}

void AnalysisReader::correlation(const Field& f, Sensitivity& out) {
  if (!f.node->is_sequence()) return read_.error(f, "expected a list of [path, path, rho]");
  for (std::size_t i = 0; i < f.node->items.size(); ++i) {
    Field item{&f.node->items[i], join_path(f.path(), std::to_string(i))};
    const Node& n = *item.node;
    if (!n.is_sequence() || n.items.size() != 3 || !n.items[0].is_scalar() ||
        !n.items[1].is_scalar()) {
      read_.error(item, "expected [path, path, rho]");
      continue;
    }
    auto rho = number(Field{&n.items[2], join_path(item.path(), "2")});
    if (rho && (*rho < -1 || *rho > 1)) {
      read_.error(Field{&n.items[2], join_path(item.path(), "2")},
                  "a correlation is between -1 and 1");
      continue;
    }
    if (rho) out.correlation.push_back({n.items[0].text, n.items[1].text, *rho, n.mark});
  }
}

void AnalysisReader::sensitivity(const Field& f, Sensitivity& out) {
  if (!f.node || f.node->is_null() || !read_.expect_mapping(f)) return;
  read_.check_keys(f, kSensitivityKeys);
  if (Field m = child(f, "metric"); m.node) {
    if (auto t = read_.text(m)) out.metric = *t, out.metric_mark = m.node->mark;
  }
  if (Field p = child(f, "parameters"); p.node && read_.expect_mapping(p))
    for (const Entry& e : p.node->entries)
      parameter(e, join_path(p.path(), e.key), out);
  if (Field c = child(f, "correlation"); c.node) correlation(c, out);
  if (Field mc = child(f, "montecarlo"); mc.node && read_.expect_mapping(mc)) {
    read_.check_keys(mc, {"draws", "seed"});
    if (Field d = child(mc, "draws"); d.node) {
      auto v = read_.whole(d, "a whole number of draws");
      if (v && *v < 1)
        read_.error(d, "expected at least 1 draw");
      else if (v && *v > kMaxDraws)
        read_.error(d, "at most 100,000,000 draws (the limit)");
      else if (v)
        out.draws = *v;
    }
    if (Field s = child(mc, "seed"); s.node) {
      auto v = read_.whole(s, "a whole number");
      if (v && *v < 0)
        read_.error(s, "expected a seed of 0 or more");
      else if (v)
        out.seed = *v;
    }
  }
}

void AnalysisReader::checks(const Field& f, Analyses& out) {
  if (!f.node || f.node->is_null()) return;
  if (!f.node->is_sequence()) return read_.error(f, "expected a list of checks");
  for (std::size_t i = 0; i < f.node->items.size(); ++i) {
    Field item{&f.node->items[i], join_path(f.path(), std::to_string(i))};
    if (!read_.expect_mapping(item)) continue;
    read_.check_keys(item, kCheckKeys);
    Check c;
    c.mark = item.node->mark;
    c.name = "check " + std::to_string(i + 1);
    if (Field n = child(item, "name"); n.node) c.name = read_.text(n).value_or(c.name);
    if (Field m = child(item, "metric"); m.node) {
      c.metric = read_.text(m).value_or("");
      c.metric_mark = m.node->mark;
    } else {
      read_.error(item, "missing 'metric'");
    }
    if (Field v = child(item, "variant"); v.node) {
      c.variant = read_.text(v).value_or("");
      c.variant_mark = v.node->mark;
    }
    for (auto [key, into] : {std::pair{"min", &c.min}, {"max", &c.max}, {"equals", &c.equals}})
      if (Field b = child(item, key); b.node) *into = number(b);
    if (Field t = child(item, "tolerance"); t.node) {
      auto v = number(t);
      if (v && *v < 0)
        read_.error(t, "a tolerance is 0 or more");
      else if (v)
        c.tolerance = *v;
    }
    if (!child(item, "min").node && !child(item, "max").node && !child(item, "equals").node)
      read_.error(item, "a check needs min, max or equals");
    out.checks.push_back(std::move(c));
  }
}

Analyses AnalysisReader::run(const Node& root) {
  Analyses out;
  if (!root.is_mapping()) return out;
  Field top{&root, ""};
  variants(child(top, "variants"), out);
  sensitivity(child(top, "sensitivity"), out.sensitivity);
  checks(child(top, "checks"), out);
  return out;
}

void check_metric(const std::string& metric, const Mark& mark, const std::string& path,
                  const model::Scenario& s, Diagnostics& errors) {
  auto parsed = model::parse_metric(metric, s);
  if (auto* error = std::get_if<std::string>(&parsed)) errors.add(mark, path, *error);
}

// A check of one period: the period must be in the horizon of the scenario
// (or variant) it checks.
void check_period(const Check& c, const Analyses& a, const Node& tree, const model::Scenario& s,
                  const std::string& path, Diagnostics& errors) {
  auto parsed = model::parse_metric(c.metric, s);
  auto* q = std::get_if<model::MetricQuery>(&parsed);
  if (!q || !q->basis) return;
  std::optional<model::Scenario> varied;
  if (!c.variant.empty()) {
    Diagnostics ignored;  // variants' own errors are reported above
    varied = compile_variant(tree, *a.find_variant(c.variant), s, ignored);
    if (!varied) return;
  }
  model::Evaluation e(varied ? *varied : s);
  if (!e.value(*q))
    errors.add(c.metric_mark, path + ".metric",
               "no period '" + q->label + "' in the horizon of " +
                   (c.variant.empty() ? std::string("the scenario") : "variant " + c.variant));
}

}  // namespace

bool is_stepped_rate(const std::string& path) {
  auto dots = std::count(path.begin(), path.end(), '.');
  if (path == "defaults.uplift" || path == "envelope.change") return true;
  if (dots != 2) return false;
  return (path.starts_with("contracts.") && path.ends_with(".uplift")) ||
         (path.starts_with("funding.") && path.ends_with(".change"));
}

namespace {

const Node* node_at(const Node& root, const std::string& path) {
  const Node* node = &root;
  for (const std::string& key : split_scenario_path(path))
    if (!(node = node->is_mapping() ? node->find(key) : nullptr)) return nullptr;
  return node;
}

}  // namespace

int rate_steps(const Node& tree, const model::Scenario& s, const std::string& path) {
  int steps = 1;
  if (path.ends_with(".change")) {
    if (auto h = model::horizon_of(s))
      steps = static_cast<int>(
                  model::periods_of(*h, model::Basis::financial_year, s.fiscal_year_start).size()) -
              1;
    return std::max(1, steps);
  }
  for (const model::Contract& c : s.contracts) {
    const Node* own = node_at(tree, "contracts." + c.id + ".uplift");
    bool counts = path == "defaults.uplift" ? !own : path == "contracts." + c.id + ".uplift";
    if (counts) steps = std::max(steps, c.years_with(static_cast<int>(c.extensions.size())) - 1);
  }
  return steps;
}

Node with_steps(Node tree, const std::string& path, int steps, std::vector<std::string>& elements) {
  Diagnostics ignored;  // the path was checked when the parameter was
  const Node* at = node_at(tree, path);
  if (!at && path.starts_with("contracts.")) at = node_at(tree, "defaults.uplift");
  // Every step is drawn: a list written there (a replayed path) gives only its first as the base.
  if (at && at->is_sequence()) at = at->items.empty() ? nullptr : &at->items[0];
  Node rate = at ? *at : Node{Node::Kind::scalar, "0", false, tree.mark, {}, {}};
  Node list{Node::Kind::sequence, "", false, rate.mark, std::vector<Node>(steps, rate), {}};
  apply_value(tree, path, list, rate.mark, ignored);
  for (int k = 0; k < steps; ++k)
    elements.push_back(path + "." + std::to_string(k));
  return tree;
}

Analyses read_analyses(const Node& root, Diagnostics& errors) {
  return AnalysisReader(errors).run(root);
}

std::optional<Node> apply_variant(const Node& tree, const Variant& v, Diagnostics& errors) {
  Node out = tree;
  Diagnostics own;
  for (const Variant::Override& o : v.overrides)
    apply_value(out, o.path, o.value, o.mark, own);
  errors.append_under(own, "variants." + v.name);
  if (!own.empty()) return std::nullopt;
  return out;
}

namespace {

std::string shown(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", v);
  return text;
}

// What montecarlo and tornado would refuse about each parameter's range: a
// whole number drawn (with a montecarlo block) from a continuous
// distribution, and a low, high or
// value the field does not allow (a rate of -100%, a negative amount, more
// extensions than there are).
void check_parameter_ranges(const Sensitivity& sens, const CompiledScenario& compiled,
                            Diagnostics& errors) {
  model::Scenario scratch = compiled.base();
  for (std::size_t i = 0; i < sens.parameters.size(); ++i) {
    const ParameterSpec& p = sens.parameters[i];
    std::string path = "sensitivity.parameters." + p.path;
    bool drawn = sens.draws || sens.seed;  // a tornado alone takes low and high as they are
    if (drawn && compiled.is_whole(i) && p.dist != "discrete")
      errors.add(p.mark, path,
                 "a whole number (a term, an extension or an exercise) is drawn with dist: "
                 "discrete and its values and weights, not '" +
                     p.dist + "'");
    std::vector<std::pair<std::string, double>> tried;
    if (p.low) tried.push_back({"low", *p.low});
    if (p.high) tried.push_back({"high", *p.high});
    for (double v : p.values)
      tried.push_back({"a value", v});
    for (const auto& [what, v] : tried) {
      std::vector<double> values = compiled.base_values();
      values[i] = v;
      auto refused = compiled.apply(values, scratch);
      scratch = compiled.base();
      if (refused)
        errors.add(p.mark, path, what + " " + shown(v) + " is not allowed there: " + *refused);
    }
  }
}

// A correlation of a parameter with itself, a pair given twice with
// different values, a correlation of -1 or 1, and correlations that cannot
// hold together, each located at the correlation that makes it so.
void check_correlations(const Sensitivity& sens, const std::vector<std::string>& paths,
                        Diagnostics& errors) {
  const std::string where = "sensitivity.correlation";
  auto index = [&](const std::string& path) {
    return static_cast<int>(std::find(paths.begin(), paths.end(), path) - paths.begin());
  };
  std::vector<model::RankCorrelation> kept;
  bool ok = true;
  for (std::size_t i = 0; i < sens.correlation.size(); ++i) {
    const Correlation& c = sens.correlation[i];
    if (c.a == c.b) {
      errors.add(c.mark, where, "'" + c.a + "' is correlated with itself: name two parameters");
      ok = false;
      continue;
    }
    if (c.rho == 1 || c.rho == -1) {
      errors.add(c.mark, where,
                 "a correlation of " + shown(c.rho) +
                     " makes one parameter a copy of the other: vary one of them, or give a "
                     "correlation strictly between -1 and 1");
      ok = false;
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      const Correlation& d = sens.correlation[j];
      bool same_pair = (d.a == c.a && d.b == c.b) || (d.a == c.b && d.b == c.a);
      if (same_pair && d.rho != c.rho) {
        errors.add(c.mark, where,
                   "the pair " + c.a + ", " + c.b + " is given twice, " + shown(d.rho) + " (line " +
                       std::to_string(d.mark.line) + ") and " + shown(c.rho) + ": give it once");
        ok = false;
      }
    }
    kept.push_back({index(c.a), index(c.b), c.rho});
    if (!ok) continue;
    auto factor = model::copula_factor(paths.size(), kept, paths);
    if (auto* error = std::get_if<std::string>(&factor)) {
      errors.add(c.mark, where, *error + ": lower one of them, or drop one");
      return;
    }
  }
}

}  // namespace

std::pair<bool, bool> sets_horizon(const std::vector<std::string>& paths) {
  bool start = false, end = false;
  for (const std::string& p : paths) {
    start = start || p == "scenario.start" || p == "scenario";
    end = end || p == "scenario.end" || p == "scenario";
  }
  return {start, end};
}

std::optional<model::Scenario> compile_variant(const Node& tree, const Variant& v,
                                               const model::Scenario& base, Diagnostics& errors) {
  auto varied_tree = apply_variant(tree, v, errors);
  if (!varied_tree) return std::nullopt;
  Diagnostics own;
  auto varied = compile_scenario(*varied_tree, own);
  errors.append_under(own, "variants." + v.name);
  auto horizon = model::horizon_of(base);
  if (!varied || !horizon) return varied;
  std::vector<std::string> paths;
  for (const Variant::Override& o : v.overrides)
    paths.push_back(o.path);
  auto [own_start, own_end] = sets_horizon(paths);
  model::keep_horizon(*varied, *horizon, own_start, own_end);
  return varied;
}

void check_analyses(const Analyses& a, const Node& tree, const model::Scenario& s,
                    Diagnostics& errors) {
  for (const Variant& v : a.variants)
    if (auto varied = apply_variant(tree, v, errors)) {
      Diagnostics own;
      compile_scenario(*varied, own);
      errors.append_under(own, "variants." + v.name);
    }
  if (a.sensitivity.metric_mark.source)
    check_metric(a.sensitivity.metric, a.sensitivity.metric_mark, "sensitivity.metric", s, errors);
  std::vector<std::string> paths, compiled_paths;
  std::vector<Mark> marks;
  for (const ParameterSpec& p : a.sensitivity.parameters) {
    paths.push_back(p.path);
    marks.push_back(p.mark);
    // A per-year rate written as a list (a drawn path replayed with --set):
    // its range is checked on the first step, as every step is drawn alike.
    const Node* n = node_at(tree, p.path);
    bool list = p.per_year && n && n->is_sequence() && !n->items.empty();
    compiled_paths.push_back(list ? p.path + ".0" : p.path);
  }
  std::optional<CompiledScenario> compiled;
  if (!paths.empty()) {
    Diagnostics own;
    compiled = CompiledScenario::compile(tree, compiled_paths, own, marks);
    errors.append_under(own, "sensitivity.parameters");
  }
  if (compiled) check_parameter_ranges(a.sensitivity, *compiled, errors);
  bool named = true;
  for (const Correlation& c : a.sensitivity.correlation)
    for (const std::string& name : {c.a, c.b})
      if (std::find(paths.begin(), paths.end(), name) == paths.end()) {
        named = false;
        errors.add(c.mark, "sensitivity.correlation",
                   "'" + name + "' is not a parameter of sensitivity.parameters" +
                       model::did_you_mean(name, paths));
      }
  if (named) check_correlations(a.sensitivity, paths, errors);
  std::vector<std::string> names;
  for (const Variant& v : a.variants)
    names.push_back(v.name);
  for (std::size_t i = 0; i < a.checks.size(); ++i) {
    const Check& c = a.checks[i];
    std::string path = "checks." + std::to_string(i);
    if (!c.metric.empty()) check_metric(c.metric, c.metric_mark, path + ".metric", s, errors);
    if (!c.variant.empty() && !a.find_variant(c.variant)) {
      errors.add(c.variant_mark, path + ".variant",
                 "unknown variant '" + c.variant + "'" + model::did_you_mean(c.variant, names));
      continue;
    }
    check_period(c, a, tree, s, path, errors);
  }
}

}  // namespace scenarios
