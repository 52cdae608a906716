// Helpers the commands share: rendering tables in the chosen format, metric
// values as cells and JSON, and reading numbers and metric names from the
// command line (a bad one is a usage error, exit 2).
#pragma once

#include <string>
#include <vector>

#include "cli/io.h"
#include "cli/render/json.h"
#include "cli/render/table.h"
#include "model/metrics.h"
#include "scenarios/compiled_scenario.h"

namespace cli {

// Tables in `format` (table, csv or md), separated by a blank line.
// Tables one after another, a blank line between; as text, each fits `width`
// (0: no limit). With `table`, only the table of that name; CSV, which holds
// one table, writes the first when `table` is empty. A name that is none of
// theirs ends the command (exit 2), listing them.
std::string render(const std::vector<Table>& tables, Format format, bool colour,
                   std::size_t width = 0, const std::string& table = "");

Cell value_cell(const model::MetricValue& v);
void write_value(JsonWriter& w, const model::MetricValue& v);
// A bound or target in pounds, as JSON writes amounts: two decimals when it
// is whole pence (12131595.00), else every digit it has (0.005); a whole
// number when `count` (shortfall_years).
void write_pounds(JsonWriter& w, double pounds, bool count);
// "12131595.00", or a count as a whole number.
std::string value_text(const model::MetricValue& v);
// The shortest text that reads back as the same double: 0.0100637969...
std::string number_text(double x);

// A number as the command line gives it: 0.02, 2%, -500000, £1,300,000.
double parse_number_arg(const std::string& text, const std::string& option);
model::MetricQuery parse_metric_arg(const std::string& name, const model::Scenario& s);
// Exit 2: the query's period is not in the scenario's horizon (naming the first and last).
[[noreturn]] void fail_no_period(const model::MetricQuery& q, const model::Scenario& s);
// A whole number as the command line gives it, from `low` to `high`: 20000,
// 20,000 or 2e4 (exactly whole). Anything else is a usage error naming the
// option, the range and what was typed ("-n 0: expected a whole number of
// draws from 1 to 100,000,000").
long long parse_whole_arg(const std::string& text, const std::string& option,
                          const std::string& what, long long low, long long high);

// The scenario compiled so that `paths` can vary; errors printed, exit 2.
scenarios::CompiledScenario compile_parameters(const Loaded& loaded,
                                               const std::vector<std::string>& paths,
                                               const std::vector<scenarios::Mark>& marks = {});

// The metric named by --metric, else sensitivity.metric (default headroom).
std::string default_metric(const Loaded& loaded, const std::string& metric);

}  // namespace cli
