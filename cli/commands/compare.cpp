#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>

#include "cli/commands/analyses.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/render/comparison.h"
#include "model/analyses.h"
#include "model/suggest.h"
#include "scenarios/overrides.h"
#include "scenarios/scenario_reader.h"

namespace cli {

namespace {

const std::vector<std::string> kHeadlines = {
    "cost", "envelope", "headroom", "min_headroom", "shortfall_years", "funding",
    "gap",  "min_gap",  "npv",      "tcv",          "tcv_base",        "tcv_max"};

// Splits 'a=1,b=[2, 2]' at the commas outside brackets.
std::vector<std::string> assignments(const std::string& text) {
  std::vector<std::string> out(1);
  int depth = 0;
  for (char c : text) {
    depth += (c == '[' || c == '{') - (c == ']' || c == '}');
    if (c == ',' && depth == 0)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

[[noreturn]] void fail_with(const scenarios::Diagnostics& errors) {
  for (const auto& d : errors.items())
    std::cerr << scenarios::to_string(d) << "\n";
  throw Exit(kExitBadInput);
}

// A variant compiled and projected over the base horizon (unless it sets its
// own start or end), as compile_variant does for a named one.
NamedScenario variant_case(const Loaded& loaded, const std::string& spec) {
  VariantTree varied = variant_tree(loaded, spec);
  scenarios::Diagnostics own, errors;
  auto s = scenarios::compile_scenario(varied.tree, own);
  if (spec.find(':') == std::string::npos)
    errors.append_under(own, "variants." + spec);
  else
    errors.append(own);
  if (!s) fail_with(errors);
  auto [own_start, own_end] = scenarios::sets_horizon(varied.paths);
  model::keep_horizon(*s, *model::horizon_of(loaded.scenario), own_start, own_end);
  return {varied.name, std::move(*s)};
}

}  // namespace

VariantTree variant_tree(const Loaded& loaded, const std::string& spec) {
  scenarios::Diagnostics errors;
  std::size_t colon = spec.find(':');
  if (colon == std::string::npos) {
    const scenarios::Variant* v = loaded.analyses.find_variant(spec);
    if (!v) {
      std::vector<std::string> names;
      for (const auto& x : loaded.analyses.variants)
        names.push_back(x.name);
      fail_usage("unknown variant '" + spec + "'" + model::did_you_mean(spec, names) +
                 " (an ad hoc one is written 'name:path=value,path=value')");
    }
    auto tree = scenarios::apply_variant(loaded.tree, *v, errors);
    if (!tree) fail_with(errors);
    VariantTree out{spec, std::move(*tree), {}};
    for (const auto& o : v->overrides)
      out.paths.push_back(o.path);
    return out;
  }
  VariantTree out{spec.substr(0, colon), loaded.tree, {}};
  scenarios::Mark at{scenarios::source_name("--variant"), 1, static_cast<int>(colon) + 2};
  for (const std::string& a : assignments(spec.substr(colon + 1))) {
    scenarios::apply_override(out.tree, a, errors, at);
    at.column += static_cast<int>(a.size()) + 1;  // and its comma
    out.paths.push_back(a.substr(0, a.find('=')));
  }
  if (!errors.empty()) fail_with(errors);
  return out;
}

std::vector<NamedScenario> variant_scenarios(const Loaded& loaded,
                                             const std::vector<std::string>& specs) {
  std::vector<NamedScenario> cases = {{"base", loaded.scenario}};
  if (specs.empty())
    for (const auto& v : loaded.analyses.variants)
      cases.push_back(variant_case(loaded, v.name));
  for (const std::string& v : specs)
    cases.push_back(variant_case(loaded, v));
  return cases;
}

namespace {

std::vector<std::string> names_of(const std::vector<NamedScenario>& cases) {
  std::vector<std::string> out;
  for (const NamedScenario& c : cases)
    out.push_back(c.name);
  return out;
}

// One metric per period of `basis` in each case; a period only some cases reach is absent in
// the others.
PeriodComparison compare_periods(const std::vector<NamedScenario>& cases, const std::string& metric,
                                 model::Basis basis, const std::string& basis_name) {
  PeriodComparison out{metric, basis_name, names_of(cases), {}, {}};
  for (const NamedScenario& c : cases) {
    model::Evaluation e(c.scenario);
    out.values.emplace_back();
    for (const auto& period : e.projection(basis).periods) {
      model::MetricQuery one = parse_metric_arg(metric + "@" + period.label, c.scenario);
      out.values.back()[period.label] = *e.value(one);
      if (std::find(out.labels.begin(), out.labels.end(), period.label) == out.labels.end())
        out.labels.push_back(period.label);
    }
  }
  return out;
}

// Each metric in each case.
Comparison compare_metrics(const std::vector<NamedScenario>& cases,
                           const std::vector<std::string>& metrics) {
  Comparison out{names_of(cases), metrics,
                 std::vector<std::vector<model::MetricValue>>(metrics.size())};
  for (std::size_t m = 0; m < metrics.size(); ++m)
    for (const NamedScenario& c : cases) {
      model::Evaluation e(c.scenario);
      auto v = e.value(parse_metric_arg(metrics[m], c.scenario));
      if (!v) fail_usage(metrics[m] + ": no such period in the horizon of " + c.name);
      out.values[m].push_back(*v);
    }
  return out;
}

}  // namespace

int run_compare(const CompareOptions& o) {
  Format format = choose_format(o.format, o.output, {o.file});
  Loaded loaded = load_scenario(o.file, o.sets);
  std::vector<NamedScenario> cases = variant_scenarios(loaded, o.variants);
  if (cases.size() == 1)  // asked to do nothing (SPEC 5)
    fail_usage(loaded.source +
               " has no variants to compare; add a variants: section, e.g. variants: "
               "{no_uplift: {assumptions.uplift: 0}}, or give one with --variant "
               "'NAME:PATH=VALUE'");
  std::vector<std::string> metrics = o.metrics.empty() ? kHeadlines : o.metrics;
  std::string text;
  auto as_text = [&](const Table& t) {
    return render({t}, format, use_colour(o.output), table_width(o.output, o.wide));
  };
  if (!o.by.empty()) {
    auto basis = model::parse_basis(o.by);
    if (!basis) fail_usage(fmt::format("--by {}: use fy, contract-year, calendar or month", o.by));
    if (metrics.size() != 1) fail_usage("--by shows one metric: give exactly one --metric");
    parse_metric_arg(metrics[0], loaded.scenario);  // a bad name is a usage error
    PeriodComparison c = compare_periods(cases, metrics[0], *basis, o.by);
    text = format == Format::json ? period_comparison_json(c) : as_text(period_comparison_table(c));
  } else {
    Comparison c = compare_metrics(cases, metrics);
    text = format == Format::json ? comparison_json(c) : as_text(comparison_table(c));
  }
  write_output(o.output, text, {o.file});
  return kExitOk;
}

}  // namespace cli
