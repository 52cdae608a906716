// `envelope workbook`: the scenario as a live spreadsheet model (SPEC 5). Its
// inputs are named cells (cli/render/workbook_inputs.h); every figure of
// `run` is a formula over them: contract-year values with ROUND, the
// cumulative splits over months (or days), attribution to streams, period
// totals and the metrics. Each formula's cached value is envelope's own
// figure, and before anything is written the writer works out, for every
// ROUND, the penny a recalculating spreadsheet arrives at
// (cli/render/workbook_round.h): where that is not envelope's, it refuses.
#pragma once

#include <ctime>
#include <optional>
#include <string>

#include "cli/render/workbook_inputs.h"
#include "model/calendar.h"
#include "model/scenario.h"
#include "scenarios/node.h"

namespace cli::workbook {

struct Source {
  const scenarios::Node& tree;      // the scenario as read (with --set, the variant applied)
  const model::Scenario& scenario;  // compiled from it (a variant keeps the base's horizon)
  model::Basis basis = model::Basis::financial_year;  // the Periods sheet's periods
  std::string file;                 // the scenario's file name, for the About sheet
  std::string variant;              // the variant's name, or ""
  std::time_t created = 315532800;  // the workbook's creation time (1 January 1980)
};

// Writes the workbook to `path`. Throws Refusal (naming the figure and why)
// when a spreadsheet's arithmetic would not arrive at envelope's penny, or
// the scenario holds what the workbook cannot write as a formula; returns a
// message when the file cannot be written, else nullopt.
std::optional<std::string> write_workbook(const Source& source, const std::string& path);

}  // namespace cli::workbook
