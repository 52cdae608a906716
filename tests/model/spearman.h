// Spearman's rank correlation of two series of numbers, through the
// summaries' own ranking (doubled ranks, exact integer sums).
#pragma once

#include <cstdint>
#include <vector>

#include "model/draw_statistics.h"

namespace test {

template <typename T>
std::vector<std::uint32_t> doubled_ranks(const std::vector<T>& values) {
  std::vector<std::uint64_t> keys;
  for (T v : values)
    keys.push_back(model::order_key(v));
  model::PackedRanks ranks = model::SortedDraws(keys).to_doubled_ranks();
  std::vector<std::uint32_t> out;
  for (std::size_t d = 0; d < ranks.size(); ++d)
    out.push_back(ranks[d]);
  return out;
}

inline model::PackedRanks packed(const std::vector<std::uint32_t>& doubled) {
  return {reinterpret_cast<const unsigned char*>(doubled.data()), doubled.size()};
}

inline double spearman(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<std::uint32_t> ra = doubled_ranks(a), rb = doubled_ranks(b);
  return model::rank_correlation(packed(ra), packed(rb));
}

}  // namespace test
