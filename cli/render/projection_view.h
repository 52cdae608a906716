// A projection as tables and JSON: the lines of `envelope run` (SPEC 5) and
// the whole-life values of each contract.
#pragma once

#include <string>
#include <vector>

#include "cli/render/json.h"
#include "cli/render/table.h"
#include "model/metrics.h"
#include "model/projection.h"
#include "model/scenario.h"

namespace cli {

// The scenario's contract groups, in the order of their first contract.
std::vector<std::string> groups_of(const model::Scenario& s);

// One line of a projection: its machine key (a metric name, or "pooled"),
// label, indent, and amount per period.
struct ProjectionLine {
  std::string key, label;
  int indent = 0;
  bool strong = false;
  std::vector<model::Money> amounts;
};

// Contracts (with group subtotals), total cost, envelope, headroom, each
// stream, total funding, gap, committed per stream (and pooled cost, when a
// contract has no funded_by), balance per stream.
std::vector<ProjectionLine> projection_lines(const model::Scenario& s, const model::Projection& p);

// Lines down, periods across, then a Total column.
Table projection_table(const model::Scenario& s, const model::Projection& p);
// Per contract: years and value for the base term, as exercised, with every option.
Table whole_life_table(const model::Scenario& s);
// Total cost, lowest headroom, years in shortfall, NPV.
Table headline_table(const model::Scenario& s, model::Evaluation& e);

// {"scenario", "basis", "periods", "metrics"} as documented in the README.
std::string projection_json(const model::Scenario& s, model::Evaluation& e, model::Basis basis);

}  // namespace cli
