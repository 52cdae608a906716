// `envelope workbook FILE -o model.xlsx`: the scenario as a live spreadsheet
// model (cli/render/workbook_xlsx.h). A scenario the workbook cannot carry to
// the penny is refused, exit 2, and no file is written.
#include <fmt/format.h>

#include "cli/commands/analyses.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/render/workbook_xlsx.h"

namespace cli {

int run_workbook(const WorkbookOptions& o) {
  auto basis = model::parse_basis(o.by);
  if (!basis) fail_usage(fmt::format("--by {}: use fy, contract-year, calendar or month", o.by));
  if (o.output.empty() || o.output == "-") fail_usage("a workbook needs a file: -o model.xlsx");
  refuse_overwriting_input(o.output, {o.file});
  Loaded loaded = load_scenario(o.file, o.sets);
  scenarios::Node tree = loaded.tree;
  model::Scenario scenario = loaded.scenario;
  std::string variant;
  if (!o.variant.empty()) {
    NamedScenario named = variant_scenarios(loaded, {o.variant}).back();
    tree = variant_tree(loaded, o.variant).tree;
    scenario = std::move(named.scenario);
    variant = named.name;
  }
  workbook::Source source{tree, scenario, *basis, loaded.source, variant};
  OutputFile file(o.output, {o.file});
  try {
    if (auto error = workbook::write_workbook(source, file.temporary_path())) fail_usage(*error);
  } catch (const workbook::Refusal& r) {
    fail_usage(fmt::format("{}: {}", loaded.source, r.what()));
  } catch (const std::out_of_range& e) {
    fail_usage(fmt::format("{}: {}", loaded.source, e.what()));
  }
  file.commit();
  return kExitOk;
}

}  // namespace cli
