#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>

#include "cli/commands/analyses.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
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
  scenarios::Mark at{std::make_shared<const std::string>("--variant"), 1,
                     static_cast<int>(colon) + 2};
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
  if (!o.by.empty()) {
    auto basis = model::parse_basis(o.by);
    if (!basis) fail_usage(fmt::format("--by {}: use fy, contract-year, calendar or month", o.by));
    if (metrics.size() != 1) fail_usage("--by shows one metric: give exactly one --metric");
    parse_metric_arg(metrics[0], loaded.scenario);  // a bad name is a usage error
    std::vector<std::string> labels;
    std::vector<std::map<std::string, model::MetricValue>> values;
    for (const NamedScenario& c : cases) {
      model::Evaluation e(c.scenario);
      values.emplace_back();
      for (const auto& period : e.projection(*basis).periods) {
        model::MetricQuery one = parse_metric_arg(metrics[0] + "@" + period.label, c.scenario);
        values.back()[period.label] = *e.value(one);
        if (std::find(labels.begin(), labels.end(), period.label) == labels.end())
          labels.push_back(period.label);
      }
    }
    if (format == Format::json) {
      JsonWriter w;
      w.begin_object().key("metric").string(metrics[0]).key("basis").string(o.by);
      w.key("periods").begin_array();
      for (const std::string& label : labels) {
        w.begin_object().key("label").string(label);
        for (std::size_t i = 0; i < cases.size(); ++i) {
          w.key(cases[i].name);
          if (auto it = values[i].find(label); it != values[i].end())
            write_value(w, it->second);
          else
            w.null();
        }
        w.end_object();
      }
      w.end_array().end_object();
      text = w.str();
    } else {
      Table t;
      t.title = fmt::format("{} by period", metrics[0]);
      t.key_header = "period";
      t.label_header = "Period";
      for (const NamedScenario& c : cases)
        t.headers.push_back(c.name);
      t.csv_headers = t.headers;  // a variant's name as written
      for (const std::string& label : labels) {
        Row row{label, label, {}};
        for (std::size_t i = 0; i < cases.size(); ++i) {
          auto it = values[i].find(label);
          row.cells.push_back(it == values[i].end() ? Cell{"-", "", true, false}
                                                    : value_cell(it->second));
        }
        t.rows.push_back(std::move(row));
      }
      text = render({t}, format, use_colour(o.output), table_width(o.output, o.wide));
    }
    write_output(o.output, text, {o.file});
    return kExitOk;
  }
  // Metrics as rows: each case's value, and each variant's difference from base.
  std::vector<std::vector<model::MetricValue>> values(metrics.size());
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    for (const NamedScenario& c : cases) {
      model::Evaluation e(c.scenario);
      auto v = e.value(parse_metric_arg(metrics[m], c.scenario));
      if (!v) fail_usage(metrics[m] + ": no such period in the horizon of " + c.name);
      values[m].push_back(*v);
    }
  }
  if (format == Format::json) {
    JsonWriter w;
    w.begin_object().key("metrics").begin_object();
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      w.key(metrics[m]).begin_object();
      for (std::size_t i = 0; i < cases.size(); ++i) {
        w.key(cases[i].name);
        write_value(w, values[m][i]);
      }
      w.end_object();
    }
    w.end_object().key("differences").begin_object();
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      w.key(metrics[m]).begin_object();
      for (std::size_t i = 1; i < cases.size(); ++i) {
        w.key(cases[i].name);
        write_value(w, model::difference(values[m][0], values[m][i]));
      }
      w.end_object();
    }
    w.end_object().end_object();
    text = w.str();
  } else {
    Table t;
    t.title = "Variants compared with base (difference: variant - base)";
    t.key_header = "metric";
    t.label_header = "Metric";
    t.headers = t.csv_headers = {"base"};
    for (std::size_t i = 1; i < cases.size(); ++i) {
      t.headers.push_back(cases[i].name);
      t.headers.push_back("diff " + cases[i].name);
      t.csv_headers.push_back(cases[i].name);  // a variant's name as written
      t.csv_headers.push_back("diff_" + cases[i].name);
    }
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      Row row{metrics[m], metrics[m], {value_cell(values[m][0])}};
      for (std::size_t i = 1; i < cases.size(); ++i) {
        row.cells.push_back(value_cell(values[m][i]));
        row.cells.push_back(value_cell(model::difference(values[m][0], values[m][i])));
      }
      t.rows.push_back(std::move(row));
    }
    text = render({t}, format, use_colour(o.output), table_width(o.output, o.wide));
  }
  write_output(o.output, text, {o.file});
  return kExitOk;
}

}  // namespace cli
