#include "cli/render/what_if.h"

#include <fmt/format.h>

#include "cli/render/json.h"
#include "cli/render/table.h"

namespace cli {

std::string tornado_json(const std::string& metric, const model::Tornado& t) {
  JsonWriter w;
  w.begin_object().key("metric").string(metric).key("base");
  write_value(w, t.base);
  w.key("rows").begin_array();
  for (const auto& r : t.rows) {
    w.begin_object().key("parameter").string(r.parameter);
    w.key("low").number(r.low).key("high").number(r.high).key("at_low");
    write_value(w, r.at_low);
    w.key("at_high");
    write_value(w, r.at_high);
    w.key("swing");
    write_value(w, r.swing);
    w.end_object();
  }
  w.end_array().end_object();
  return w.str();
}

Table tornado_table(const std::string& metric, const model::Tornado& t) {
  Table table;
  table.title = fmt::format("Tornado: {} (base {})", metric, value_cell(t.base).text);
  table.key_header = "parameter";
  table.label_header = "Parameter";
  table.headers = {"Low", "High", "At low", "At high", "Swing"};
  for (const auto& r : t.rows)
    table.rows.push_back({r.parameter,
                          r.parameter,
                          {parameter_cell(r.parameter, r.low), parameter_cell(r.parameter, r.high),
                           value_cell(r.at_low), value_cell(r.at_high), value_cell(r.swing)}});
  return table;
}

namespace {

void write_axis(JsonWriter& w, const std::string& path, const std::vector<double>& values) {
  w.begin_object().key("path").string(path).key("values").begin_array();
  for (double v : values)
    w.number(v);
  w.end_array().end_object();
}

}  // namespace

std::string grid_json(const GridResult& r) {
  const model::Grid& g = r.grid;
  JsonWriter w;
  w.begin_object().key("metric").string(r.metric).key("x");
  write_axis(w, r.x_path, g.xs);
  w.key("y");
  if (!r.y_path.empty())
    write_axis(w, r.y_path, g.ys);
  else
    w.null();
  w.key("cells").begin_array();
  for (const auto& row : g.cells) {
    w.begin_array();
    for (const auto& cell : row)
      write_value(w, cell);
    w.end_array();
  }
  w.end_array().end_object();
  return w.str();
}

Table grid_table(const GridResult& r) {
  const model::Grid& g = r.grid;
  Table t;
  t.title = fmt::format("Grid: {}", r.metric);
  if (r.y_path.empty()) {
    t.key_header = t.label_header = r.x_path;
    t.headers = {r.metric};
    for (std::size_t i = 0; i < g.xs.size(); ++i)
      t.rows.push_back({number_text(g.xs[i]),
                        parameter_cell(r.x_path, g.xs[i]).text,
                        {value_cell(g.cells[0][i])}});
    return t;
  }
  t.key_header = t.label_header = r.y_path + " \\ " + r.x_path;
  for (double v : g.xs) {
    t.headers.push_back(parameter_cell(r.x_path, v).text);
    t.csv_headers.push_back(number_text(v));
  }
  for (std::size_t y = 0; y < g.ys.size(); ++y) {
    Row row{number_text(g.ys[y]), parameter_cell(r.y_path, g.ys[y]).text, {}};
    for (const auto& cell : g.cells[y])
      row.cells.push_back(value_cell(cell));
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string solve_json(const SolveResult& r) {
  const model::Solution& s = r.solution;
  JsonWriter w;
  w.begin_object().key("parameter").string(r.parameter).key("metric").string(r.metric);
  write_pounds(w.key("target"), r.target, s.achieved.is_count);
  w.key("value");
  if (r.amount)
    w.money(*r.amount);
  else
    w.number(s.value);
  w.key("achieved");
  write_value(w, s.achieved);
  w.key("iterations").integer(s.iterations).end_object();
  return w.str();
}

Table solve_table(const SolveResult& r) {
  const model::Solution& s = r.solution;
  Table t;
  t.title = fmt::format("Break-even: {} reaches {}", r.metric, shown_pounds(r.target));
  t.key_header = "item";
  t.label_header = "";
  t.headers = {"Value"};
  t.rows.push_back({"parameter", "Parameter", {Cell{r.parameter, r.parameter, true, false}}});
  Cell at = r.amount ? Cell::amount(*r.amount) : parameter_cell(r.parameter, s.value);
  t.rows.push_back({"value", "Value", {at}});
  t.rows.push_back({"achieved", "Metric achieved", {value_cell(s.achieved)}});
  t.rows.push_back({"iterations", "Evaluations", {Cell::count(s.iterations)}});
  return t;
}

}  // namespace cli
