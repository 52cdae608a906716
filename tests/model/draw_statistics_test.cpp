// Sorting, summaries and rank correlations of draws, against hand-worked
// values and against the standard library's stable sort.
#include <doctest/doctest.h>

#include "tests/print.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/draw_statistics.h"

using namespace model;

namespace {

std::vector<std::uint32_t> sorted_order(std::span<const double> values) {
  DrawSorter sorter;
  auto order = sorter.sort(values);
  return {order.begin(), order.end()};
}

// Spearman's correlation of two series through doubled ranks.
double spearman(std::vector<double> a, std::vector<double> b) {
  DrawSorter sorter;
  replace_by_doubled_ranks(a, sorter.sort(a));
  replace_by_doubled_ranks(b, sorter.sort(b));
  std::vector<std::int64_t> whole(b.begin(), b.end());
  return rank_correlation(a, whole);
}

}  // namespace

TEST_CASE("draws sort by value, equal values in draw order") {
  DrawSorter sorter;
  std::vector<std::int64_t> pence = {5, -3, 5, 0, -3};
  auto order = sorter.sort(pence);
  CHECK(std::vector<std::uint32_t>(order.begin(), order.end()) ==
        std::vector<std::uint32_t>{1, 4, 3, 0, 2});
  // -0 and +0 are equal; a tiny negative sorts below both.
  std::vector<double> values = {0.5, -0.0, 0.0, -1e-300, 1e300};
  CHECK(sorted_order(values) == std::vector<std::uint32_t>{3, 1, 2, 0, 4});
  CHECK(sorter.sort(std::vector<double>{}).empty());
}

TEST_CASE("keys wider than the packed word still sort exactly") {
  // Values from 1e-300 to 1e300 (a key spread of 62 bits) with 5,000 draws
  // (13 bits): the packed word drops the keys' low bits, so neighbours one
  // unit in the last place apart share a top and are ordered afterwards.
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) {
    double x = std::pow(10.0, (i * 7919 % 601) - 300);
    values.push_back(i % 3 == 0 ? std::nextafter(x, 2 * x) : i % 3 == 1 ? x : -x);
  }
  std::vector<std::uint32_t> expected(values.size());
  std::iota(expected.begin(), expected.end(), 0);
  std::stable_sort(expected.begin(), expected.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return values[a] < values[b]; });
  CHECK(sorted_order(values) == expected);
}

TEST_CASE("summaries: mean, its standard error, sample sd, type 7 percentiles") {
  DrawSorter sorter;
  std::vector<std::int64_t> pence = {400, 100, 300, 200};  // £4, £1, £3, £2
  Summary s = summarise(pence, sorter.sort(pence), 0.01);
  CHECK(s.mean == doctest::Approx(2.5));
  CHECK(s.sd == doctest::Approx(std::sqrt(5.0 / 3)));  // squares 1.25 * 4 / 3
  CHECK(s.se == doctest::Approx(std::sqrt(5.0 / 3) / 2));
  CHECK(s.min == doctest::Approx(1));
  CHECK(s.max == doctest::Approx(4));
  CHECK(s.p50 == doctest::Approx(2.5));   // h = 1.5
  CHECK(s.p25 == doctest::Approx(1.75));  // h = 0.75
  CHECK(s.p95 == doctest::Approx(3.85));  // h = 2.85
  CHECK(s.p_below_zero == 0);
  std::vector<std::int64_t> counts = {-1, 1};
  CHECK(summarise(counts, sorter.sort(counts), 1.0).p_below_zero == 0.5);
}

TEST_CASE("doubled ranks share ties; Spearman from them") {
  DrawSorter sorter;
  std::vector<std::int64_t> v = {10, 20, 20, 30};
  replace_by_doubled_ranks(v, sorter.sort(v));
  CHECK(v == std::vector<std::int64_t>{2, 5, 5, 8});  // ranks 1, 2.5, 2.5, 4
  CHECK(spearman({1, 2, 3, 4}, {1, 8, 27, 64}) == doctest::Approx(1));
  CHECK(spearman({1, 2, 3, 4}, {4, 3, 2, 1}) == doctest::Approx(-1));
  CHECK(spearman({1, 2, 3, 4}, {5, 5, 5, 5}) == 0);
  // d = -1, 1, -1, 1, 0: 1 - 6 x 4 / (5 x 24) = 0.8.
  CHECK(spearman({1, 2, 3, 4, 5}, {2, 1, 4, 3, 5}) == doctest::Approx(0.8));
}

TEST_CASE("rank correlation beyond two million draws (128-bit sums)") {
  const std::int64_t n = 2000001;
  std::vector<std::int64_t> up(n), down(n);
  for (std::int64_t i = 0; i < n; ++i)
    up[i] = 2 * (i + 1), down[i] = 2 * (n - i);
  CHECK(rank_correlation(up, up) == doctest::Approx(1));
  CHECK(rank_correlation(up, down) == doctest::Approx(-1));
}
