// How a figure is made (SPEC 5, `explain`): a tree whose leaves are the
// scenario's inputs and whose every rounding is written out. Computed from
// the rules of SPEC 3 at the period's boundaries (the cumulative roundings
// telescope), not by reading the projection: that it arrives at the figure
// `eval` gives is a check of both.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/metrics.h"
#include "model/scenario.h"

namespace model {

struct Explanation {
  // How the parts make the value. A sum's parts add up to it exactly, to the
  // penny (a part subtracted carries a negative value).
  enum class Combines { sum, minimum, count_below_zero };

  std::string label;  // "cost.da_victims@2019/20", "contract year 1 (2019-07 to 2020-06)"
  Money money;
  long count = 0;
  bool is_count = false;  // shortfall_years
  std::string formula;    // "round(562,600.00 × 9/12) − round(562,600.00 × 0/12)"
  Combines combines = Combines::sum;
  std::vector<Explanation> parts;
  // The scenario paths the value rests on directly ("contracts.da_victims.annual"),
  // for the command line to show as written and where they were set.
  std::vector<std::string> inputs;
};

// nullopt when the query names a period that is not in the horizon.
// Precondition: horizon_of(s) has a value.
std::optional<Explanation> explain(const Scenario& s, const MetricQuery& q);

// "562,600.00": pounds with thousands separators and two decimals, as formulas show them.
std::string formula_amount(Money m);

}  // namespace model
