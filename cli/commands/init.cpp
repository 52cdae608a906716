#include <fmt/format.h>

#include <cctype>
#include <filesystem>

#include "cli/commands/commands.h"
#include "cli/io.h"
#include "scenarios/scenario_reader.h"
#include "scenarios/writer.h"

namespace cli {

const char* starter_scenario() {
  return R"(# An envelope scenario: edit the figures, then
#   envelope validate THIS_FILE
#   envelope run THIS_FILE
# Amounts are pounds per year; rates are fractions (0.02) or percentages ("2%").
scenario:
  name: Starter scenario
  start: 2025-04-01          # first month of the horizon (the 1st of a month)
  fiscal_year_start: 4       # financial years start in April (2025/26)
  # end: 2030-03-31          # last day of the horizon; default: end of the last contract
  # apportion: days          # spread years over days instead of months

assumptions:                 # named numbers, usable in any expression below
  uplift: 0.02               # price uplift at each contract anniversary
  discount_rate: 0.035       # HM Treasury Green Book rate, used by npv

envelope:
  annual: 500000             # budget per financial year
  # change: 0.01             # compounding change per financial year

funding:
  core:
    name: Council core funding
    annual: 350000
  grant:
    name: Public Health grant
    annual: 200000
    # change: -0.025         # a grant falling 2.5% a year

defaults:                    # any contract field; a contract's own value wins
  start: 2025-04-01
  term: 3                    # base term in whole years
  extensions: [1, 1]         # optional extensions, in order
  exercise: all              # how many extensions are taken: 0, 1, 2 or all
  uplift: uplift             # a number, an expression, or a list per anniversary

contracts:
  advice:
    name: Advice and advocacy service
    annual: 250000
    funded_by: {core: 0.5, grant: 0.5}
  outreach:
    name: Community outreach
    annual: 180000 * (1 - 0.05)   # expressions are allowed wherever a number is
    funded_by: {core: 1}

variants:                    # what-ifs side by side: envelope compare THIS_FILE
  no_extensions: {defaults.exercise: 0}
  uplift_3pc: {assumptions.uplift: 0.03}
  grant_cut: {funding.grant.change: -0.05}

sensitivity:                 # envelope tornado, solve and montecarlo THIS_FILE
  metric: headroom           # what tornado and solve look at by default
  parameters:
    assumptions.uplift: {low: 0, high: 0.04, dist: triangular, mode: 0.02}
    funding.grant.change: {low: -0.05, high: 0, dist: uniform}
    defaults.exercise: {low: 0, high: 2, dist: discrete, values: [0, 1, 2], weights: [0.2, 0.3, 0.5]}
  correlation:               # rank correlation between drawn parameters
    - [assumptions.uplift, funding.grant.change, -0.3]
  montecarlo: {draws: 10000, seed: 1}

checks:                      # envelope check THIS_FILE: exit 1 when one fails, for CI
  - {name: Fits the envelope every year, metric: min_headroom, min: 0}
  - {name: Five-year cost within budget, metric: cost, max: 2500000}
  - {name: Core funding covers its share, metric: balance.core, min: 0}
)";
}

namespace {

bool is_csv(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv";
}

// The starter as `path,value` rows, for a FILE.csv.
std::string starter_csv() {
  scenarios::TreeResult tree = scenarios::read_tree(starter_scenario(), "starter.yaml");
  return scenarios::write_path_value_csv(*tree.root);
}

}  // namespace

int run_init(const InitOptions& o) {
  if (!o.file.empty() && o.file != "-" && std::filesystem::exists(o.file) && !o.force)
    fail_usage(fmt::format("{}: already exists (use --force to overwrite)", o.file));
  write_output(o.file, is_csv(o.file) ? starter_csv() : std::string(starter_scenario()));
  return kExitOk;
}

}  // namespace cli
