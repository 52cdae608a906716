// Summaries of many Monte Carlo draws, exact and quick: a series (one number
// per draw) is sorted once by an LSD radix sort on order-preserving keys,
// which gives its percentiles and its ranks; rank correlations are then
// computed from whole-number ranks in exact integer arithmetic, so every
// figure is a pure function of the series, whatever the thread that made it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/montecarlo.h"

namespace model {

// Sorts the draws 0..n-1 of a series by value, equal values in draw order.
// Keeps its buffers between calls; one sorter per thread.
// Precondition: fewer than 2^32 draws; no NaN.
class DrawSorter {
 public:
  // order[i] is the draw holding the i-th smallest value; valid until the next call.
  std::span<const std::uint32_t> sort(std::span<const std::int64_t> values);
  std::span<const std::uint32_t> sort(std::span<const double> values);

 private:
  template <typename T>
  std::span<const std::uint32_t> sort_values(std::span<const T> values);
  std::vector<std::uint64_t> packed_, spare_;
  std::vector<std::uint32_t> order_;
};

// The summary of whole numbers (pence, or counts), each multiplied by `unit`
// (0.01 to report pence in pounds), from the series and its sorted order.
// Precondition: values is not empty and order sorts it.
Summary summarise(std::span<const std::int64_t> values, std::span<const std::uint32_t> order,
                  double unit);

// Replaces each value by twice its rank (ranks 1..n, ties sharing their
// average rank, so twice the rank is always a whole number).
void replace_by_doubled_ranks(std::span<std::int64_t> values, std::span<const std::uint32_t> order);
void replace_by_doubled_ranks(std::span<double> values, std::span<const std::uint32_t> order);

// Spearman's rank correlation of two series given as doubled ranks (above):
// Pearson's correlation of the ranks, 0 when either series is constant.
double rank_correlation(std::span<const std::int64_t> a, std::span<const std::int64_t> b);
double rank_correlation(std::span<const double> a, std::span<const std::int64_t> b);

}  // namespace model
