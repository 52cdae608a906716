// Fuzz target: a scenario file, YAML or `path,value` CSV (the first byte
// chooses), read and validated; when it is valid, projected and every
// metric evaluated. Nothing may crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "model/metrics.h"
#include "scenarios/scenario_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  bool csv = data[0] & 1;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto result = scenarios::read_scenario(text, csv ? "fuzz.csv" : "fuzz.yaml");
  if (!result.scenario) return 0;
  try {
    model::Evaluation e(*result.scenario);
    for (const std::string& name : model::all_metric_names(*result.scenario)) {
      auto parsed = model::parse_metric(name, *result.scenario);
      if (auto* q = std::get_if<model::MetricQuery>(&parsed)) (void)e.value(*q);
    }
  } catch (const std::out_of_range&) {
    // an amount beyond 64-bit pence: reported, by design
  }
  return 0;
}
