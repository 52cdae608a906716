// Helpers the commands share: reading numbers and metric names from the
// command line (a bad one is a usage error, exit 2), compiling parameters.
// Rendering tables, metric values as cells and JSON is in cli/render/.
#pragma once

#include <string>
#include <vector>

#include "cli/io.h"
#include "cli/render/json.h"
#include "cli/render/table.h"
#include "model/metrics.h"
#include "scenarios/compiled_scenario.h"

namespace cli {

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
