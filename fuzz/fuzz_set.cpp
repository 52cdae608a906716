// Fuzz target: one `--set PATH=VALUE` override (any bytes) applied to the
// SPEC's worked example, then validated and, when valid, projected.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "model/metrics.h"
#include "scenarios/scenario_reader.h"

namespace {

const char* kBase = R"(scenario: {name: Base, start: 2019-07-01}
assumptions: {pcc_cut: 0.03, uplift: 0, discount_rate: 0.035}
envelope: {annual: 1347955}
funding:
  core: {annual: 695490}
  public_health: {annual: 652465}
defaults: {start: 2019-07-01, term: 5, extensions: [2, 2], exercise: 2, uplift: uplift}
contracts:
  da_victims: {annual: 580000 * (1 - pcc_cut), funded_by: {core: 0.6, public_health: 0.4}, group: DA}
  sva: {annual: 188805, funded_by: {public_health: 1}}
variants:
  no_extensions: {defaults.exercise: 0}
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string set(reinterpret_cast<const char*>(data), size);
  auto result = scenarios::read_scenario(kBase, "base.yaml", {set});
  if (!result.scenario) return 0;
  try {
    model::Evaluation e(*result.scenario);
    for (const char* name : {"cost", "headroom", "min_gap", "npv", "tcv_max", "committed.core"}) {
      auto parsed = model::parse_metric(name, *result.scenario);
      if (auto* q = std::get_if<model::MetricQuery>(&parsed)) (void)e.value(*q);
    }
  } catch (const std::out_of_range&) {
  }
  return 0;
}
