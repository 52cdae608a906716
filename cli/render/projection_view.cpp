#include "cli/render/projection_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace cli {

std::vector<std::string> groups_of(const model::Scenario& s) {
  std::vector<std::string> groups;
  for (const model::Contract& c : s.contracts)
    if (!c.group.empty() && std::find(groups.begin(), groups.end(), c.group) == groups.end())
      groups.push_back(c.group);
  return groups;
}

namespace {

void add_contract_lines(const model::Scenario& s, const model::Projection& p,
                        std::vector<ProjectionLine>& out) {
  for (const std::string& g : groups_of(s)) {
    for (std::size_t c = 0; c < s.contracts.size(); ++c)
      if (s.contracts[c].group == g)
        out.push_back(
            {"cost." + s.contracts[c].id, s.contracts[c].id, 2, false, p.contract_cost[c]});
    out.push_back({"cost.group." + g, "Subtotal: " + g, 1, false, model::group_cost_line(s, p, g)});
  }
  for (std::size_t c = 0; c < s.contracts.size(); ++c)
    if (s.contracts[c].group.empty())
      out.push_back({"cost." + s.contracts[c].id, s.contracts[c].id, 1, false, p.contract_cost[c]});
}

}  // namespace

std::vector<ProjectionLine> projection_lines(const model::Scenario& s, const model::Projection& p) {
  std::vector<ProjectionLine> out;
  add_contract_lines(s, p, out);
  out.push_back({"cost", "Total cost", 0, true, p.cost});
  out.push_back({"envelope", "Envelope", 0, false, p.envelope});
  out.push_back({"headroom", "Headroom (envelope - cost)", 0, true, p.headroom_line()});
  for (std::size_t f = 0; f < s.funding.size(); ++f)
    out.push_back({"funding." + s.funding[f].id, "Funding: " + s.funding[f].id, 1, false,
                   p.stream_funding[f]});
  out.push_back({"funding", "Total funding", 0, false, p.funding});
  out.push_back({"gap", "Gap (funding - cost)", 0, true, p.gap_line()});
  for (std::size_t f = 0; f < s.funding.size(); ++f)
    out.push_back({"committed." + s.funding[f].id, "Committed: " + s.funding[f].id, 1, false,
                   p.committed[f]});
  bool pooled = std::any_of(s.contracts.begin(), s.contracts.end(),
                            [](const model::Contract& c) { return c.funded_by.empty(); });
  if (pooled && !s.funding.empty())
    out.push_back({"pooled", "Pooled (no funded_by)", 1, false, p.pooled});
  for (std::size_t f = 0; f < s.funding.size(); ++f)
    out.push_back(
        {"balance." + s.funding[f].id, "Balance: " + s.funding[f].id, 1, false, p.balance_line(f)});
  return out;
}

Table projection_table(const model::Scenario& s, const model::Projection& p) {
  Table t;
  t.name = "projection";
  t.title = fmt::format("{}: by {} (£)", s.name,
                        p.basis == model::Basis::financial_year  ? "financial year"
                        : p.basis == model::Basis::contract_year ? "contract year"
                        : p.basis == model::Basis::calendar_year ? "calendar year"
                                                                 : "month");
  t.label_header = "Line";
  for (const model::Period& period : p.periods)
    t.headers.push_back(period.label);
  t.headers.push_back("Total");
  for (const ProjectionLine& line : projection_lines(s, p)) {
    Row row{line.key, line.label, {}, line.strong, line.indent};
    for (model::Money m : line.amounts)
      row.cells.push_back(Cell::amount(m));
    row.cells.push_back(
        Cell::amount(std::accumulate(line.amounts.begin(), line.amounts.end(), model::Money{})));
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table whole_life_table(const model::Scenario& s) {
  Table t;
  t.name = "whole_life";
  t.title = "Whole-life contract values (£)";
  t.key_header = "contract";
  t.label_header = "Contract";
  t.headers = {"Base years",   "Base term", "Years taken",
               "As exercised", "Max years", "With every option"};
  model::Money base, taken, max;
  for (const model::Contract& c : s.contracts) {
    auto [b, x, m] = model::whole_life_values(c);
    base += b.value, taken += x.value, max += m.value;
    t.rows.push_back({c.id,
                      c.id,
                      {Cell::count(b.years), Cell::amount(b.value), Cell::count(x.years),
                       Cell::amount(x.value), Cell::count(m.years), Cell::amount(m.value)}});
  }
  t.rows.push_back({"total",
                    "Total",
                    {Cell::of(""), Cell::amount(base), Cell::of(""), Cell::amount(taken),
                     Cell::of(""), Cell::amount(max)},
                    true});
  return t;
}

Table headline_table(const model::Scenario& s, model::Evaluation& e) {
  Table t;
  t.name = "headline";
  t.title = "Headlines";
  t.key_header = "metric";
  t.label_header = "Metric";
  t.headers = {"Value"};
  auto add = [&](const char* key, std::string label) {
    auto q = std::get<model::MetricQuery>(model::parse_metric(key, s));
    model::MetricValue v = *e.value(q);
    t.rows.push_back(
        {key, std::move(label), {v.is_count ? Cell::count(v.count) : Cell::amount(v.money)}});
  };
  add("cost", "Total cost over the horizon");
  add("headroom", "Headroom over the horizon");
  add("min_headroom", "Lowest headroom in a financial year");
  add("shortfall_years", "Financial years in shortfall");
  add("gap", "Funding gap over the horizon (funding - cost)");
  add("npv", fmt::format("NPV of cost at {:g}%", s.discount_rate * 100));
  return t;
}

std::string projection_json(const model::Scenario& s, model::Evaluation& e, model::Basis basis) {
  const model::Projection& p = e.projection(basis);
  JsonWriter w;
  w.begin_object();
  w.key("scenario").begin_object();
  w.key("name").string(s.name);
  w.key("start").string(model::to_string(model::first_day(e.horizon().first)));
  w.key("end").string(model::to_string(model::last_day(e.horizon().last)));
  w.key("fiscal_year_start").integer(s.fiscal_year_start);
  w.key("apportion").string(s.apportion == model::Apportion::days ? "days" : "months");
  w.end_object();
  w.key("basis").string(model::basis_name(basis));
  std::vector<ProjectionLine> lines = projection_lines(s, p);
  w.key("periods").begin_array();
  for (std::size_t i = 0; i < p.periods.size(); ++i) {
    w.begin_object();
    w.key("label").string(p.periods[i].label);
    w.key("months").integer(p.periods[i].months());
    w.key("first_month").string(model::month_label(p.periods[i].first));
    w.key("last_month").string(model::month_label(p.periods[i].last));
    w.key("amounts").begin_object();
    for (const ProjectionLine& line : lines)
      w.key(line.key).money(line.amounts[i]);
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("metrics").begin_object();
  for (const std::string& name : model::all_metric_names(s)) {
    auto q = std::get<model::MetricQuery>(model::parse_metric(name, s));
    model::MetricValue v = *e.value(q);
    if (v.is_count)
      w.key(name).integer(v.count);
    else
      w.key(name).money(v.money);
  }
  w.end_object();
  w.end_object();
  return w.str();
}

}  // namespace cli
