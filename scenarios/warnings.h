// Warnings (SPEC 5): input that is almost surely a mistake but has a
// reading, found in a scenario that compiled. Each is located, its message
// starting "warning: ", so that it prints as
// `file:line:col: path: warning: message`.
#pragma once

#include <optional>

#include "model/projection.h"
#include "model/scenario.h"
#include "scenarios/diagnostic.h"
#include "scenarios/node.h"

namespace scenarios {

// A contract wholly outside the horizon (it costs nothing in any period), a
// by_year year outside the horizon (never used), and a funding stream
// committed beyond its funding in some financial year, and a literal amount
// written to a fraction of a penny. The projection over financial years the
// funding check makes is moved to `financial_years`, when given, for an
// evaluation of the same scenario to start from (model::Evaluation).
Diagnostics scenario_warnings(const Node& tree, const model::Scenario& s,
                              std::optional<model::Projection>* financial_years = nullptr);

}  // namespace scenarios
