// Fuzz target: an expression compiled, and evaluated with every name bound
// to 1.5.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "scenarios/expressions.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto compiled = scenarios::Expression::compile(text);
  if (auto* e = std::get_if<scenarios::Expression>(&compiled)) {
    std::vector<double> values(e->names().size(), 1.5);
    (void)e->evaluate(values);
  }
  return 0;
}
