// Monte Carlo summaries (model/simulation.h) as JSON and as tables: one
// table of each metric's distribution, one of each parameter's rank
// correlation with each metric (and share of variance), and with a fan one
// of its periods' percentiles.
#pragma once

#include <string>
#include <vector>

#include "cli/render/table.h"
#include "model/simulation.h"

namespace cli {

// `basis` names the fan's basis as the command line gave it ("fy").
std::string monte_carlo_json(const model::MonteCarloSummary& s, const std::string& basis);
// With `csv`, the shares of variance are a table of their own (the text
// shows each beside its rank correlation).
std::vector<Table> monte_carlo_tables(const model::MonteCarloSummary& s, bool csv = false);

}  // namespace cli
