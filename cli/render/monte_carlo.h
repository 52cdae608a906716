// Monte Carlo summaries (model/simulation.h) as JSON and as tables: one
// table of each metric's distribution, one of each parameter's rank
// correlation with each metric (and share of variance), and with a fan one
// of its periods' percentiles.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/render/table.h"
#include "model/simulation.h"

namespace cli {

// `basis` names the fan's basis as the command line gave it ("fy").
std::string monte_carlo_json(const model::MonteCarloSummary& s, const std::string& basis);
// With `csv`, the shares of variance are a table of their own (the text
// shows each beside its rank correlation).
std::vector<Table> monte_carlo_tables(const model::MonteCarloSummary& s, bool csv = false);

// Every draw's parameters and metrics (`--draws-out`), CSV, a row at a time
// into `write`: the header `draw,PARAMETER...,METRIC...`, then one row a
// draw, values at full precision and money to the penny. `every_65536` is
// called before every 65,536th row (a long write can be stopped there).
void write_draws_csv(const model::DrawTable& table,
                     const std::function<void(std::string_view)>& write,
                     const std::function<void()>& every_65536);

}  // namespace cli
