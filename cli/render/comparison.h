// Base and variants side by side (SPEC 4: compare) as JSON and as a table:
// each metric in each case with each variant's difference from base, or one
// metric per period. CSV names a variant's columns as the variant is written.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/render/table.h"
#include "model/metrics.h"

namespace cli {

struct Comparison {
  std::vector<std::string> cases;  // base first
  std::vector<std::string> metrics;
  std::vector<std::vector<model::MetricValue>> values;  // [metric][case]
};
std::string comparison_json(const Comparison& c);
Table comparison_table(const Comparison& c);

struct PeriodComparison {
  std::string metric, basis;  // basis as the command line named it
  std::vector<std::string> cases, labels;
  std::vector<std::map<std::string, model::MetricValue>> values;  // [case][period label]
};
std::string period_comparison_json(const PeriodComparison& c);
Table period_comparison_table(const PeriodComparison& c);

}  // namespace cli
