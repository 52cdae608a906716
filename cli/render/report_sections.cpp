#include "cli/render/report_sections.h"

#include <fmt/format.h>

#include <cmath>

#include "cli/render/projection_view.h"
#include "cli/sha256.h"
#include "model/exact.h"
#include "model/projection.h"

namespace cli::report {

const std::vector<std::pair<std::string, std::string>> kVariantMetrics = {
    {"cost", "Total cost"},
    {"headroom", "Headroom"},
    {"min_headroom", "Lowest headroom in a year"},
    {"shortfall_years", "Years in shortfall"},
    {"gap", "Gap"},
    {"min_gap", "Lowest gap in a year"},
    {"npv", "NPV of cost"},
    {"tcv", "Whole-life value as exercised"}};

const std::vector<std::pair<std::string, std::string>> kMonteCarloMetrics = {
    {"cost", "Total cost"},
    {"headroom", "Headroom"},
    {"min_headroom", "Lowest headroom in a year"},
    {"gap", "Gap"},
    {"min_gap", "Lowest gap in a year"}};

namespace {

Value value_of(const model::MetricValue& v) {
  return v.is_count ? Value::of_count(v.count) : Value::of_money(v.money);
}

// A statistic in pounds as money, to the nearest penny.
Value pounds(double x) {
  return Value::of_money(model::round_to_pence(x * 100));
}

// A parameter's value by what its path names, as the what-if tables show it
// (parameter_cell): a rate as a rate, an amount in pounds, else the number.
Value parameter_value(const std::string& path, double x) {
  switch (parameter_kind(path)) {
    case ParameterKind::rate:
      return Value::of_rate(x);
    case ParameterKind::amount:
      return Value::of_money(model::money_from_pounds(x));
    default:
      return Value::of_number(x);
  }
}

model::MetricValue metric(model::Evaluation& e, const std::string& name) {
  return *e.value(std::get<model::MetricQuery>(model::parse_metric(name, e.scenario())));
}

std::string variant_metric_label(const std::string& name) {
  for (const auto& [metric, label] : kVariantMetrics)
    if (metric == name) return label;
  return name;
}

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

std::string day_text(const model::Date& d) {
  return fmt::format("{} {} {}", d.day, kMonthNames[d.month - 1], d.year);
}

std::string contract_label(const model::Contract& c) {
  return c.name.empty() ? c.id : c.name;
}

std::string stream_label(const model::FundingStream& f) {
  return f.name.empty() ? f.id : f.name;
}

Chart fan_chart(const model::MonteCarloSummary& run) {
  Chart c;
  c.kind = Chart::Kind::fan;
  c.title = "Monte Carlo fan: cost per financial year";
  c.value_axis = "£ per financial year";
  c.categories = run.fan_periods;
  c.series = {{"P5", {}}, {"P25", {}}, {"P50", {}}, {"P75", {}}, {"P95", {}}};
  for (const model::Summary& s : run.fan) {
    double at[] = {s.p5, s.p25, s.p50, s.p75, s.p95};
    for (std::size_t i = 0; i < 5; ++i)
      c.series[i].values.push_back(std::round(at[i] * 100) / 100);
  }
  c.description = fmt::format(
      "The spread of cost in each financial year over {} draws: a band from the 5th to the 95th "
      "percentile, a darker band from the 25th to the 75th, and the median as a line.",
      count_text(run.draws));
  return c;
}

Chart cost_chart(const model::Scenario& s, const model::Projection& p) {
  Chart c;
  c.kind = Chart::Kind::stacked_columns;
  c.title = "Cost by contract and financial year, against the envelope";
  c.value_axis = "£ per financial year";
  for (const model::Period& period : p.periods)
    c.categories.push_back(period.label);
  for (std::size_t i = 0; i < s.contracts.size(); ++i) {
    report::Series series{contract_label(s.contracts[i]), {}};
    for (model::Money m : p.contract_cost[i])
      series.values.push_back(m.pounds());
    c.series.push_back(std::move(series));
  }
  report::Series envelope{"Envelope", {}};
  for (model::Money m : p.envelope)
    envelope.values.push_back(m.pounds());
  c.line = std::move(envelope);
  c.description = fmt::format(
      "Stacked columns of the cost of each of the {} contracts in each financial year from {} to "
      "{}, with the envelope drawn as a line; a year cut by the horizon shows only its months "
      "inside it.",
      s.contracts.size(), c.categories.front(), c.categories.back());
  return c;
}

}  // namespace

Section summary_section(const model::Scenario& s, model::Evaluation& e) {
  const model::Horizon& h = e.horizon();
  std::size_t years = e.projection(model::Basis::financial_year).periods.size();
  Section out{"summary", "Summary", "Summary", {}, {}, {}};
  out.paragraphs = {
      "Scenario: " + s.name + ".",
      fmt::format("Horizon: {} to {} ({} months, {} financial years).",
                  day_text(model::first_day(h.first)), day_text(model::last_day(h.last)),
                  h.months(), years),
      fmt::format("Financial years start in {} and are labelled as {}.",
                  kMonthNames[s.fiscal_year_start - 1],
                  model::financial_year_label(
                      model::financial_year_of(h.first, s.fiscal_year_start), s.fiscal_year_start)),
      "Amounts are in pounds, to the penny; every total is the sum of the monthly amounts "
      "it covers."};
  ReportTable t{"Headlines", "Headline figures", {"Figure", "Value"}, {}, {}};
  t.rows.push_back({Value::of_text("Envelope per financial year (before any change)"),
                    Value::of_money(s.envelope.annual)});
  const std::pair<const char*, const char*> lines[] = {
      {"Total cost over the horizon", "cost"},
      {"Total envelope over the horizon", "envelope"},
      {"Headroom (envelope - cost)", "headroom"},
      {"Lowest headroom in a financial year", "min_headroom"},
      {"Financial years in shortfall (headroom below zero)", "shortfall_years"},
      {"Funding over the horizon", "funding"},
      {"Gap (funding - cost)", "gap"},
      {"Lowest gap in a financial year", "min_gap"},
      {"Whole-life value: base term", "tcv_base"},
      {"Whole-life value: as exercised", "tcv"},
      {"Whole-life value: with every option", "tcv_max"}};
  for (auto [label, name] : lines)
    t.rows.push_back({Value::of_text(label), value_of(metric(e, name))});
  t.rows.push_back(
      {Value::of_text(fmt::format("Net present value of cost at {}%",
                                  number_text(std::round(s.discount_rate * 1e6) / 1e4))),
       value_of(metric(e, "npv"))});
  out.tables.push_back(std::move(t));
  return out;
}

Section assumptions_section(const model::Scenario& s,
                            const std::vector<scenarios::CompiledScenario::Path>& numbers_used) {
  Section out{"assumptions", "Assumptions", "Assumptions", {}, {}, {}};
  out.paragraphs = {
      "Every number the projection uses, as written in the scenario and as "
      "resolved, then the terms of each contract."};
  ReportTable numbers{
      "Numbers", "Numbers in the scenario", {"Path", "Value", "Expression"}, {}, {}};
  for (const auto& p : numbers_used)
    numbers.rows.push_back(
        {Value::of_text(p.path),
         p.money ? Value::of_money(model::money_from_pounds(p.value)) : Value::of_number(p.value),
         Value::of_text(p.expression)});
  out.tables.push_back(std::move(numbers));
  ReportTable terms{"Terms",
                    "Contract terms",
                    {"Contract", "Start", "Term (years)", "Extensions (years)", "Extensions taken",
                     "Year 1 value", "Uplift at first anniversary", "Funded by"},
                    {},
                    {}};
  for (const model::Contract& c : s.contracts) {
    std::string extensions, funded;
    for (int x : c.extensions)
      extensions += (extensions.empty() ? "" : ", ") + std::to_string(x);
    for (const model::Share& share : c.funded_by)
      funded += fmt::format("{}{} {}%", funded.empty() ? "" : ", ", s.funding[share.stream].id,
                            number_text(std::round(share.share * 1e6) / 1e4));
    terms.rows.push_back(
        {Value::of_text(contract_label(c)),
         Value::of_text(model::to_string(model::first_day(c.start))), Value::of_count(c.term),
         Value::of_text(extensions), Value::of_count(c.exercise), Value::of_money(c.annual),
         Value::of_rate(c.uplift.at(1)), Value::of_text(funded.empty() ? "pooled" : funded)});
  }
  out.tables.push_back(std::move(terms));
  return out;
}

Section projection_section(const model::Scenario& s, const model::Projection& p) {
  Section out{"projection", "Projection by financial year", "By year", {}, {}, {}};
  out.paragraphs = {
      "Each contract's cost, the envelope and the funding streams in each "
      "financial year, with headroom (envelope - cost) and gap (funding - cost)."};
  ReportTable t{"ByYear", "Projection by financial year (£)", {"Line"}, {}, {}};
  for (const model::Period& period : p.periods)
    t.headers.push_back(period.label);
  t.headers.push_back("Total");
  for (const ProjectionLine& line : projection_lines(s, p)) {
    std::string label = line.label;
    for (const model::Contract& c : s.contracts)
      if (line.key == "cost." + c.id) label = contract_label(c);
    for (const model::FundingStream& f : s.funding)
      if (line.key == "funding." + f.id) label = "Funding: " + stream_label(f);
    std::vector<Value> row = {Value::of_text(label)};
    model::Money total;
    for (model::Money m : line.amounts)
      row.push_back(Value::of_money(m)), total += m;
    row.push_back(Value::of_money(total));
    t.rows.push_back(std::move(row));
    t.strong.push_back(line.strong);
  }
  out.tables.push_back(std::move(t));
  out.charts.push_back(cost_chart(s, p));
  return out;
}

Section contracts_section(const model::Scenario& s) {
  Section out{"contracts", "Whole-life contract values", "Contracts", {}, {}, {}};
  out.paragraphs = {
      "The value of each contract over its base term, as exercised, and with "
      "every extension taken: the estimated value that procurement rules ask for. "
      "These count every contract year, inside the horizon or not."};
  ReportTable t{"WholeLife",
                "Whole-life values",
                {"Contract", "Base term (years)", "Base value", "As exercised (years)",
                 "As exercised", "Every option (years)", "With every option"},
                {},
                {}};
  model::Money base, taken, every;
  for (const model::Contract& c : s.contracts) {
    auto [b, x, m] = model::whole_life_values(c);
    base += b.value, taken += x.value, every += m.value;
    t.rows.push_back({Value::of_text(contract_label(c)), Value::of_count(b.years),
                      Value::of_money(b.value), Value::of_count(x.years), Value::of_money(x.value),
                      Value::of_count(m.years), Value::of_money(m.value)});
    t.strong.push_back(false);
  }
  t.rows.push_back({Value::of_text("Total"), Value::empty(), Value::of_money(base), Value::empty(),
                    Value::of_money(taken), Value::empty(), Value::of_money(every)});
  t.strong.push_back(true);
  out.tables.push_back(std::move(t));
  return out;
}

Section variants_section(const Comparison& c) {
  Section out{"variants", "Variants side by side", "Variants", {}, {}, {}};
  out.paragraphs = {
      "The base scenario and each variant named in the scenario file, then each "
      "variant's difference from the base."};
  ReportTable values{"Variants", "Variants", {"Metric"}, {}, {}};
  ReportTable differences{"VariantDifferences", "Difference from base", {"Metric"}, {}, {}};
  for (std::size_t i = 0; i < c.cases.size(); ++i) {
    values.headers.push_back(c.cases[i]);
    if (i > 0) differences.headers.push_back(c.cases[i]);
  }
  for (std::size_t m = 0; m < c.metrics.size(); ++m) {
    std::string label = variant_metric_label(c.metrics[m]);
    std::vector<Value> row = {Value::of_text(label)}, change = {Value::of_text(label)};
    const model::MetricValue& base = c.values[m][0];
    for (std::size_t i = 0; i < c.cases.size(); ++i) {
      row.push_back(value_of(c.values[m][i]));
      if (i > 0) change.push_back(value_of(model::difference(base, c.values[m][i])));
    }
    values.rows.push_back(std::move(row));
    differences.rows.push_back(std::move(change));
  }
  out.tables.push_back(std::move(values));
  out.tables.push_back(std::move(differences));
  return out;
}

Section tornado_section(const std::string& metric, const model::Tornado& tornado) {
  Section out{"tornado", "Sensitivity: tornado", "Sensitivity", {}, {}, {}};
  out.paragraphs = {fmt::format(
      "Each sensitivity parameter at its low and at its high, the others at base, and what "
      "that does to {} (base {}). Rows are sorted by swing, largest first.",
      metric, report::display(value_of(tornado.base)))};
  ReportTable t{"Tornado",
                "Tornado: " + metric,
                {"Parameter", "Low", "High", "At low", "At high", "Swing"},
                {},
                {}};
  Chart c;
  c.kind = Chart::Kind::tornado;
  c.title = "Tornado: " + metric + " at each parameter's low and high";
  c.value_axis = "£ " + metric;
  c.base = model::in_pounds(tornado.base);
  c.series = {{"At low", {}}, {"At high", {}}};
  for (const model::TornadoRow& r : tornado.rows) {
    t.rows.push_back({Value::of_text(r.parameter), parameter_value(r.parameter, r.low),
                      parameter_value(r.parameter, r.high), value_of(r.at_low), value_of(r.at_high),
                      value_of(r.swing)});
    c.categories.push_back(r.parameter);
    c.series[0].values.push_back(model::in_pounds(r.at_low));
    c.series[1].values.push_back(model::in_pounds(r.at_high));
  }
  c.description = fmt::format(
      "Horizontal bars from the base {} of {} to its value with each of the {} parameters at "
      "its low and at its high, the widest swing at the top.",
      metric, report::display(value_of(tornado.base)), tornado.rows.size());
  out.tables.push_back(std::move(t));
  out.charts.push_back(std::move(c));
  return out;
}

Section montecarlo_section(const model::MonteCarloSummary& run) {
  auto summary = [&](const char* metric) { return run.metric_summaries[run.metric_index(metric)]; };
  Section out{"montecarlo", "Monte Carlo: how likely a shortfall is", "Monte Carlo", {}, {}, {}};
  auto chance = [](double p) { return report::display(Value::of_probability(p)); };
  out.paragraphs = {
      fmt::format("{} draws of the sensitivity parameters (seed {}), each projected exactly.",
                  count_text(run.draws), run.seed),
      fmt::format("Probability of a shortfall against the envelope in at least one financial "
                  "year (lowest headroom below zero): {}.",
                  chance(summary("min_headroom").p_below_zero)),
      fmt::format("Probability that cost exceeds the envelope over the horizon: {}.",
                  chance(summary("headroom").p_below_zero)),
      fmt::format("Probability that funding falls short in at least one financial year: {}; "
                  "over the horizon: {}.",
                  chance(summary("min_gap").p_below_zero), chance(summary("gap").p_below_zero))};
  ReportTable t{"MonteCarlo",
                "Distribution of each metric",
                {"Metric", "Mean", "SD", "P5", "P25", "P50", "P75", "P95", "P(below zero)"},
                {},
                {}};
  for (const auto& [metric, label] : kMonteCarloMetrics) {
    const model::Summary& m = summary(metric.c_str());
    t.rows.push_back({Value::of_text(label), pounds(m.mean), pounds(m.sd), pounds(m.p5),
                      pounds(m.p25), pounds(m.p50), pounds(m.p75), pounds(m.p95),
                      Value::of_probability(m.p_below_zero)});
  }
  ReportTable fan{"Fan",
                  "Cost per financial year: percentiles",
                  {"Financial year", "P5", "P25", "P50", "P75", "P95"},
                  {},
                  {}};
  for (std::size_t p = 0; p < run.fan.size(); ++p) {
    const model::Summary& f = run.fan[p];
    fan.rows.push_back({Value::of_text(run.fan_periods[p]), pounds(f.p5), pounds(f.p25),
                        pounds(f.p50), pounds(f.p75), pounds(f.p95)});
  }
  ReportTable ranks{
      "RankCorrelations",
      "What moves the lowest headroom: each parameter's rank correlation, share "
      "of variance and partial rank correlation",
      {"Parameter", "Rank correlation", "Share of variance", "Partial rank correlation"},
      {},
      {}};
  std::size_t lowest = run.metric_index("min_headroom");
  auto three_places = [](double x) { return Value::of_number(std::round(x * 1000) / 1000); };
  for (std::size_t p = 0; p < run.parameters.size(); ++p)
    ranks.rows.push_back({Value::of_text(run.parameters[p]), three_places(run.rank[p][lowest]),
                          Value::of_probability(run.variance_share(p, lowest)),
                          three_places(run.partial[p][lowest])});
  out.paragraphs.push_back(
      "The rank correlation (-1 to +1) says how the lowest headroom moves with a parameter, "
      "by every route, including the parameter's correlation with the others it is drawn "
      "with. The share of variance ranks the parameters by the squared rank correlations; "
      "where parameters are drawn correlated it misleads, crediting a parameter that moves "
      "the figure only through another. The partial rank correlation is what is left once "
      "the other parameters are accounted for: near zero for such a bystander.");
  out.tables = {std::move(t), std::move(fan), std::move(ranks)};
  out.charts.push_back(fan_chart(run));
  return out;
}

Section checks_section(const CheckResults& results) {
  Section out{"checks", "Checks", "Checks", {}, {}, {}};
  ReportTable t{"Checks",
                "Checks and their status",
                {"Check", "Variant", "Metric", "Actual", "Expected", "Status"},
                {},
                {}};
  for (const CheckLine& c : results.lines) {
    t.rows.push_back({Value::of_text(c.check->name),
                      Value::of_text(c.check->variant.empty() ? "base" : c.check->variant),
                      Value::of_text(c.check->metric), value_of(c.actual),
                      Value::of_text(expected_text(*c.check)),
                      Value::of_text(c.ok ? "PASS" : "FAIL")});
  }
  out.paragraphs = {fmt::format("{} of {} checks pass.", results.passed, t.rows.size())};
  out.tables.push_back(std::move(t));
  return out;
}

Section provenance_section(const Provenance& p) {
  Section out{"provenance", "Provenance", "Provenance", {}, {}, {}};
  out.paragraphs = {"What produced these figures: identical inputs give an identical report."};
  ReportTable t{"Provenance", "Provenance", {"Item", "Value"}, {}, {}};
  t.rows.push_back({Value::of_text("Tool"), Value::of_text("envelope " ENVELOPE_VERSION)});
  for (const Input& file : p.files)
    t.rows.push_back(
        {Value::of_text("SHA-256 of " + file.source), Value::of_text(sha256_hex(file.text))});
  for (const std::string& set : p.sets)
    t.rows.push_back({Value::of_text("Override (--set)"), Value::of_text(set)});
  // A seed names a stream of draws; it is not a count.
  if (p.seed)
    t.rows.push_back({Value::of_text("Monte Carlo seed"), Value::of_text(std::to_string(*p.seed))});
  if (p.date) t.rows.push_back({Value::of_text("Date"), Value::of_text(*p.date)});
  out.tables.push_back(std::move(t));
  return out;
}

}  // namespace cli::report
