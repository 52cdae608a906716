// The inputs of a live workbook (`envelope workbook`): every number the
// scenario file writes, each to be one named cell, an expression as the
// equivalent spreadsheet formula over the assumption cells; and, for the
// fields a what-if most often changes but the file leaves out, a cell with
// the field's neutral value (a stream's change 0, an uplift 0, exercise all,
// discount_rate 0.035), so that it can be changed in the workbook too.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "scenarios/node.h"

namespace cli::workbook {

// A scenario the workbook cannot carry faithfully: the message says what and why.
struct Refusal : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class InputKind { money, rate, share, whole, number };

struct Input {
  std::string path;     // contracts.da_victims.annual
  std::string name;     // its defined name: contracts_da_victims_annual
  double value = 0;     // as envelope resolves it (pounds for money)
  std::string formula;  // an expression as a formula ("580000*(1-assumptions_pcc_cut)"), or ""
  std::string written;  // the expression as written, or ""
  InputKind kind = InputKind::number;
  bool shapes = false;  // term and extensions: they shape the sheets' rows, so are fixed
  bool added = false;   // not written in the file: the field's neutral value
};

struct Inputs {
  std::vector<Input> cells;  // in file order, added cells after those of their section
  std::map<std::string, std::size_t> by_path, by_name;

  const Input* find(const std::string& path) const;
  // The defined names of a field written as one value (`path`) or as a list
  // (`path.0`, `path.1`, ...); empty when the file writes neither.
  std::vector<std::string> field(const std::string& path) const;
};

// The inputs of `tree`, which compiles to `s`. Throws Refusal for an
// expression the workbook cannot write as a formula (a function other than
// min and max, a comparison), or one whose spreadsheet value would differ
// from envelope's.
Inputs read_inputs(const scenarios::Node& tree, const model::Scenario& s);

// A path as a defined name: '.', '/', '-' and other characters a name may
// not hold become '_' (contracts.da-victims.by_year.2020/21 ->
// contracts_da_victims_by_year_2020_21).
std::string name_of_path(const std::string& path);

}  // namespace cli::workbook
