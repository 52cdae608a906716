// The limits on what a scenario may ask for, each a located error when
// exceeded (documented in docs/scenario-format.md, "Limits"). They keep a
// mistyped or hostile file from exhausting memory or time; every one is far
// beyond what a council's contracts need.
#pragma once

#include <cstddef>

#include "model/scenario.h"

namespace scenarios {

inline constexpr std::size_t kMaxInputBytes = 16 << 20;  // a scenario file or included table
inline constexpr std::size_t kMaxContracts = 10000;
inline constexpr std::size_t kMaxStreams = 100;
inline constexpr std::size_t kMaxVariants = 1000;
inline constexpr std::size_t kMaxExpressionLength = 1000;  // characters
inline constexpr int kMaxExpressionNesting = 32;           // parentheses deep
inline constexpr long long kMaxDraws = 100000000;          // Monte Carlo
inline constexpr int kMaxContractYears = 100;              // a term, or one extension
using model::kMaxHorizonMonths;                            // 100 years
// YAML: kMaxNodes (after expanding aliases) and kMaxDepth, in yaml_reader.h.

}  // namespace scenarios
