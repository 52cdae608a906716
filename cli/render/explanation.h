// How a figure is made (SPEC 5, `explain`) as a tree on a terminal, as a
// Markdown list and as JSON: each figure with its formula, the inputs it
// rests on as the scenario writes them, and its parts.
#pragma once

#include <string>
#include <vector>

#include "model/explain.h"

namespace cli {

// An input as the scenario gives it: its path ("contracts.a.annual (from
// defaults.annual)"), the text written there ("580000 * (1 - pcc_cut)"), the
// value it comes to when that differs ("562600"; empty when the scenario
// does not compile), where it was written (file:line:col, --set:1:20; empty
// when not given), and the assumptions an expression uses.
struct DescribedInput {
  std::string path, written, value, at;
  std::vector<DescribedInput> assumptions;
};

// A node of model::Explanation with its inputs described.
struct ExplainedFigure {
  std::string label;
  model::Money money;
  long count = 0;
  bool is_count = false;
  std::string formula;
  model::Explanation::Combines combines = model::Explanation::Combines::sum;
  std::vector<DescribedInput> inputs;
  std::vector<ExplainedFigure> parts;
};

// Each figure as a tree drawn with box characters, its inputs under it
// marked "·"; a blank line between figures.
std::string explanation_text(const std::vector<ExplainedFigure>& figures);
// Each figure as a nested Markdown list (inputs and the assumptions they use,
// one level down); a blank line between figures.
std::string explanation_markdown(const std::vector<ExplainedFigure>& figures);
// One figure as an object, several as an array of them.
std::string explanation_json(const std::vector<ExplainedFigure>& figures);

}  // namespace cli
