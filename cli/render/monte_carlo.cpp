#include "cli/render/monte_carlo.h"

#include <fmt/format.h>

#include <utility>

#include "cli/render/json.h"
#include "model/money.h"

namespace cli {

namespace {

std::vector<std::pair<const char*, double>> figures(const model::Summary& s) {
  return {{"mean", s.mean}, {"se", s.se},   {"sd", s.sd},   {"min", s.min},
          {"p5", s.p5},     {"p10", s.p10}, {"p25", s.p25}, {"p50", s.p50},
          {"p75", s.p75},   {"p90", s.p90}, {"p95", s.p95}, {"max", s.max}};
}

// A summary's two-decimal figure (model::summarise) in hundredths, exactly.
model::Money hundredths(double two_decimals) {
  return model::Money{model::round_half_away(two_decimals * 100)};
}

Cell figure_cell(double value) {
  return Cell::amount(hundredths(value));
}

Table distribution_table(const model::MonteCarloSummary& s) {
  Table t;
  t.name = "summary";
  t.title = fmt::format("Monte Carlo: {} draws, seed {}", count_text(s.draws), s.seed);
  t.key_header = "metric";
  t.label_header = "Metric";
  for (auto [name, value] : figures(model::Summary{}))
    t.headers.push_back(name), (void)value;
  t.headers.push_back("P(< 0)");
  t.csv_headers = t.headers;
  t.csv_headers.back() = "p_below_zero";
  for (std::size_t m = 0; m < s.metrics.size(); ++m) {
    Row row{s.metrics[m], s.metrics[m], {}};
    for (auto [name, value] : figures(s.metric_summaries[m]))
      row.cells.push_back(figure_cell(value)), (void)name;
    double p = s.metric_summaries[m].p_below_zero;
    row.cells.push_back(Cell{fmt::format("{:.2f}%", 100 * p), fmt::format("{}", p), true, false});
    t.rows.push_back(std::move(row));
  }
  return t;
}

// One row a parameter, one cell a metric: cell(p, m) as shown, and its raw value.
template <typename CellOf>
Table parameter_table(const model::MonteCarloSummary& s, std::string name, std::string title,
                      CellOf cell) {
  Table r;
  r.name = std::move(name);
  r.title = std::move(title);
  r.key_header = "parameter";
  r.label_header = "Parameter";
  r.headers = s.metrics;
  for (std::size_t p = 0; p < s.parameters.size(); ++p) {
    Row row{s.parameters[p], s.parameters[p], {}};
    for (std::size_t m = 0; m < s.metrics.size(); ++m)
      row.cells.push_back(cell(p, m));
    r.rows.push_back(std::move(row));
  }
  return r;
}

Table rank_table(const model::MonteCarloSummary& s) {
  return parameter_table(
      s, "rank_correlation", "Rank correlation with each metric (share of variance)",
      [&](std::size_t p, std::size_t m) {
        std::string shown =
            fmt::format("{:+.3f} ({:.0f}%)", s.rank[p][m], 100 * s.variance_share(p, m));
        return Cell{shown, fmt::format("{}", s.rank[p][m]), true, false};
      });
}

Table partial_table(const model::MonteCarloSummary& s) {
  return parameter_table(
      s, "partial_rank_correlation",
      "Partial rank correlation with each metric (the others' ranks accounted for)",
      [&](std::size_t p, std::size_t m) {
        return Cell{fmt::format("{:+.3f}", s.partial[p][m]), fmt::format("{}", s.partial[p][m]),
                    true, false};
      });
}

// CSV's own table of the shares that the text shows beside each rank correlation.
Table share_table(const model::MonteCarloSummary& s) {
  return parameter_table(
      s, "variance_share", "Share of each metric's variance", [&](std::size_t p, std::size_t m) {
        double share = s.variance_share(p, m);
        return Cell{fmt::format("{:.0f}%", 100 * share), fmt::format("{}", share), true, false};
      });
}

Table fan_table(const model::MonteCarloSummary& s) {
  Table f;
  f.name = "fan";
  f.title = fmt::format("Fan: {} by period", s.metrics[0]);
  f.key_header = "period";
  f.label_header = "Period";
  for (auto [name, value] : figures(model::Summary{}))
    f.headers.push_back(name), (void)value;
  for (std::size_t p = 0; p < s.fan_periods.size(); ++p) {
    Row row{s.fan_periods[p], s.fan_periods[p], {}};
    for (auto [name, value] : figures(s.fan[p]))
      row.cells.push_back(figure_cell(value)), (void)name;
    f.rows.push_back(std::move(row));
  }
  return f;
}

void write_figures(JsonWriter& w, const model::Summary& s) {
  for (auto [name, value] : figures(s))
    w.key(name).money(hundredths(value));
}

}  // namespace

std::string monte_carlo_json(const model::MonteCarloSummary& s, const std::string& basis) {
  JsonWriter w;
  w.begin_object().key("draws").integer(static_cast<long long>(s.draws));
  w.key("seed").integer(static_cast<long long>(s.seed));
  w.key("metrics").begin_object();
  for (std::size_t m = 0; m < s.metrics.size(); ++m) {
    w.key(s.metrics[m]).begin_object();
    write_figures(w, s.metric_summaries[m]);
    w.key("p_below_zero").number(s.metric_summaries[m].p_below_zero).end_object();
  }
  w.end_object().key("fan");
  if (s.fan_periods.empty()) {
    w.null();
  } else {
    w.begin_object().key("metric").string(s.metrics[0]).key("basis").string(basis);
    w.key("periods").begin_array();
    for (std::size_t p = 0; p < s.fan_periods.size(); ++p) {
      w.begin_object().key("label").string(s.fan_periods[p]);
      write_figures(w, s.fan[p]);
      w.end_object();
    }
    w.end_array().end_object();
  }
  w.key("parameters").begin_object();
  for (std::size_t p = 0; p < s.parameters.size(); ++p) {
    w.key(s.parameters[p]).begin_object();
    for (std::size_t m = 0; m < s.metrics.size(); ++m)
      w.key(s.metrics[m])
          .begin_object()
          .key("rank_correlation")
          .number(s.rank[p][m])
          .key("variance_share")
          .number(s.variance_share(p, m))
          .key("partial_rank_correlation")
          .number(s.partial[p][m])
          .end_object();
    w.end_object();
  }
  w.end_object().end_object();
  return w.str();
}

std::vector<Table> monte_carlo_tables(const model::MonteCarloSummary& s, bool csv) {
  std::vector<Table> tables = {distribution_table(s), rank_table(s), partial_table(s)};
  if (csv) tables.insert(tables.begin() + 2, share_table(s));
  if (!s.fan_periods.empty()) tables.push_back(fan_table(s));
  return tables;
}

void write_draws_csv(const model::DrawTable& table,
                     const std::function<void(std::string_view)>& write,
                     const std::function<void()>& every_65536) {
  const model::MonteCarloPlan& plan = table.plan();
  std::string row = "draw";
  std::vector<std::string> names = model::value_names(plan);
  for (const auto& p : names)
    row += "," + csv_field(p);
  for (const auto& m : plan.metrics)
    row += "," + csv_field(m);
  write(row + "\n");
  std::vector<double> values(names.size());
  for (std::size_t draw = 0; draw < table.size(); ++draw) {
    if (draw % 65536 == 0) every_65536();
    row = std::to_string(draw);
    table.parameters(draw, values);
    for (double v : values)
      row.append(",").append(number_text(v));
    for (std::size_t m = 0; m < plan.metrics.size(); ++m) {
      std::int64_t x = table.metric(m, draw);
      row.append(",").append(plan.scales[m] == model::Scale::count
                                 ? std::to_string(x)
                                 : model::to_decimal_string(model::Money{x}));
    }
    write(row.append("\n"));
  }
}

}  // namespace cli
