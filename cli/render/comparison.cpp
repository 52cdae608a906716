#include "cli/render/comparison.h"

#include <fmt/format.h>

#include "cli/render/json.h"
#include "cli/render/table.h"
#include "model/analyses.h"

namespace cli {

std::string comparison_json(const Comparison& c) {
  JsonWriter w;
  w.begin_object().key("metrics").begin_object();
  for (std::size_t m = 0; m < c.metrics.size(); ++m) {
    w.key(c.metrics[m]).begin_object();
    for (std::size_t i = 0; i < c.cases.size(); ++i) {
      w.key(c.cases[i]);
      write_value(w, c.values[m][i]);
    }
    w.end_object();
  }
  w.end_object().key("differences").begin_object();
  for (std::size_t m = 0; m < c.metrics.size(); ++m) {
    w.key(c.metrics[m]).begin_object();
    for (std::size_t i = 1; i < c.cases.size(); ++i) {
      w.key(c.cases[i]);
      write_value(w, model::difference(c.values[m][0], c.values[m][i]));
    }
    w.end_object();
  }
  w.end_object().end_object();
  return w.str();
}

Table comparison_table(const Comparison& c) {
  Table t;
  t.title = "Variants compared with base (difference: variant - base)";
  t.key_header = "metric";
  t.label_header = "Metric";
  t.headers = t.csv_headers = {"base"};
  for (std::size_t i = 1; i < c.cases.size(); ++i) {
    t.headers.push_back(c.cases[i]);
    t.headers.push_back("diff " + c.cases[i]);
    t.csv_headers.push_back(c.cases[i]);  // a variant's name as written
    t.csv_headers.push_back("diff_" + c.cases[i]);
  }
  for (std::size_t m = 0; m < c.metrics.size(); ++m) {
    Row row{c.metrics[m], c.metrics[m], {value_cell(c.values[m][0])}};
    for (std::size_t i = 1; i < c.cases.size(); ++i) {
      row.cells.push_back(value_cell(c.values[m][i]));
      row.cells.push_back(value_cell(model::difference(c.values[m][0], c.values[m][i])));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string period_comparison_json(const PeriodComparison& c) {
  JsonWriter w;
  w.begin_object().key("metric").string(c.metric).key("basis").string(c.basis);
  w.key("periods").begin_array();
  for (const std::string& label : c.labels) {
    w.begin_object().key("label").string(label);
    for (std::size_t i = 0; i < c.cases.size(); ++i) {
      w.key(c.cases[i]);
      if (auto it = c.values[i].find(label); it != c.values[i].end())
        write_value(w, it->second);
      else
        w.null();
    }
    w.end_object();
  }
  w.end_array().end_object();
  return w.str();
}

Table period_comparison_table(const PeriodComparison& c) {
  Table t;
  t.title = fmt::format("{} by period", c.metric);
  t.key_header = "period";
  t.label_header = "Period";
  t.headers = t.csv_headers = c.cases;  // a variant's name as written
  for (const std::string& label : c.labels) {
    Row row{label, label, {}};
    for (std::size_t i = 0; i < c.cases.size(); ++i) {
      auto it = c.values[i].find(label);
      row.cells.push_back(it == c.values[i].end() ? Cell{"-", "", true, false}
                                                  : value_cell(it->second));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace cli
