// Sorting, summaries and rank correlations of draws, against hand-worked
// values and against the standard library's sort.
#include <doctest/doctest.h>

#include "tests/print.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "model/draw_statistics.h"
#include "tests/model/spearman.h"

using namespace model;
using test::doubled_ranks;
using test::packed;
using test::spearman;

namespace {

// The keys of `values`, and the draws in the order SortedDraws gives them.
template <typename T>
std::vector<std::uint32_t> sorted_draws(const std::vector<T>& values,
                                        SortedDraws::FullKey full = {}) {
  std::vector<std::uint64_t> keys;
  for (T v : values)
    keys.push_back(order_key(v));
  SortedDraws sorted(keys, std::move(full));
  std::vector<std::uint32_t> order;
  for (std::size_t i = 0; i < sorted.size(); ++i)
    order.push_back(sorted.draw(i));
  return order;
}

// The draws sorted by value, equal values in draw order.
template <typename T>
std::vector<std::uint32_t> expected_order(const std::vector<T>& values) {
  std::vector<std::uint32_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return values[a] < values[b]; });
  return order;
}

}  // namespace

TEST_CASE("order keys keep the numbers' order and give whole numbers back") {
  std::vector<std::int64_t> whole = {INT64_MIN, -5, -1, 0, 1, 7, INT64_MAX};
  for (std::size_t i = 0; i + 1 < whole.size(); ++i)
    CHECK(order_key(whole[i]) < order_key(whole[i + 1]));
  for (std::int64_t v : whole)
    CHECK(whole_of_key(order_key(v)) == v);
  std::vector<double> real = {-INFINITY, -1e300, -1.5, -1e-300, 0.0, 1e-300, 2.5, 1e300, INFINITY};
  for (std::size_t i = 0; i + 1 < real.size(); ++i)
    CHECK(order_key(real[i]) < order_key(real[i + 1]));
  CHECK(order_key(-0.0) == order_key(0.0));
}

TEST_CASE("sort_words sorts in place like std::sort, on every path") {
  std::mt19937_64 random(2019);
  // Sizes below the insertion sort's, within the cache, and beyond it (the
  // MSD passes); bit widths from a few to all 64; clustered values too.
  for (std::size_t n : {0, 1, 31, 1000, 16384, 16385, 200000}) {
    for (int bits : {3, 20, 37, 64}) {
      std::vector<std::uint64_t> words(n);
      for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t w = bits == 64 ? random() : random() & ((std::uint64_t{1} << bits) - 1);
        if (i % 3 == 0 && bits > 8) w &= ~std::uint64_t{0xFF};  // runs sharing their top bits
        words[i] = w;
      }
      std::vector<std::uint64_t> expected = words;
      std::sort(expected.begin(), expected.end());
      sort_words(words, bits);
      CHECK_MESSAGE(words == expected, "n = " << n << ", bits = " << bits);
    }
  }
}

TEST_CASE("sort_words orders only by the bits from `low` up") {
  std::vector<std::uint64_t> words = {0x31, 0x12, 0x23, 0x10, 0x34, 0x25};
  sort_words(words, 8, 4);
  std::vector<std::uint64_t> tops;
  for (auto w : words)
    tops.push_back(w >> 4);
  CHECK(tops == std::vector<std::uint64_t>{1, 1, 2, 2, 3, 3});
  std::vector<std::uint64_t> sorted_all = words;
  std::sort(sorted_all.begin(), sorted_all.end());
  std::sort(words.begin(), words.end());
  CHECK(words == sorted_all);  // still the same words
}

TEST_CASE("draws sort by value, keys come back exactly") {
  std::vector<std::int64_t> pence = {5, -3, 5, 0, -3};
  std::vector<std::uint64_t> keys;
  for (auto v : pence)
    keys.push_back(order_key(v));
  SortedDraws sorted(keys);
  std::vector<std::int64_t> in_order;
  std::vector<std::uint32_t> draws;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    in_order.push_back(whole_of_key(sorted.key(i)));
    draws.push_back(sorted.draw(i));
  }
  CHECK(in_order == std::vector<std::int64_t>{-3, -3, 0, 5, 5});
  std::sort(draws.begin(), draws.begin() + 2);  // equal values: either order
  std::sort(draws.begin() + 3, draws.end());
  CHECK(draws == std::vector<std::uint32_t>{1, 4, 3, 0, 2});
  // -0 and +0 are equal; a tiny negative sorts below both.
  std::vector<double> values = {0.5, -1e-300, 1e300, -7.25};
  CHECK(sorted_draws(values) == std::vector<std::uint32_t>{3, 1, 0, 2});
  CHECK(sorted_draws(std::vector<double>{}).empty());
}

TEST_CASE("keys wider than the packed word still sort exactly") {
  // Values from 1e-300 to 1e300 (a key spread of 62 bits) with 5,000 draws
  // (13 bits): the packed word drops the keys' low bits, so neighbours one
  // unit in the last place apart share a top and are ordered afterwards,
  // by a copy of the keys or by keys given again.
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) {
    double x = std::pow(10.0, (i * 7919 % 601) - 300);
    values.push_back(i % 3 == 0 ? std::nextafter(x, 2 * x) : i % 3 == 1 ? x : -x);
  }
  auto expected = expected_order(values);
  CHECK(sorted_draws(values) == expected);
  int calls = 0;
  auto again = [&](std::uint32_t d) {
    ++calls;
    return order_key(values[d]);
  };
  CHECK(sorted_draws(values, again) == expected);
  CHECK(calls > 0);
  // Only draws sharing a top are asked for: here none do.
  calls = 0;
  values = {1e300, -1e300, 1, 2, 3};
  CHECK(sorted_draws(values, again) == std::vector<std::uint32_t>{1, 2, 3, 4, 0});
  CHECK(calls == 0);
}

TEST_CASE("doubled ranks share ties, across the packed word's dropped bits too") {
  CHECK(doubled_ranks(std::vector<std::int64_t>{10, 20, 20, 30}) ==
        std::vector<std::uint32_t>{2, 5, 5, 8});  // ranks 1, 2.5, 2.5, 4
  CHECK(doubled_ranks(std::vector<std::int64_t>{7, 7, 7}) == std::vector<std::uint32_t>{4, 4, 4});
  // A spread too wide to pack with the draw number: 1e300 and its neighbour
  // share a top but are not equal; the two 5s are.
  std::vector<double> wide = {1e300, -1e300, 5, std::nextafter(1e300, 2e300), 5, 1e300};
  // ranks: -1e300 1; 5, 5: 2.5; 1e300, 1e300: 4.5; next: 6.
  CHECK(doubled_ranks(wide) == std::vector<std::uint32_t>{9, 2, 5, 12, 5, 9});
}

TEST_CASE("summaries: mean, its standard error, sample sd, type 7 percentiles") {
  std::vector<std::int64_t> pence = {400, 100, 300, 200};  // £4, £1, £3, £2
  Summary s = summarise(pence, Scale::pence);
  CHECK(s.mean == doctest::Approx(2.5));
  // Squares 1.25 * 4 / 3 pounds: sd 129.099p, se 64.550p, each to the penny.
  CHECK(s.sd == 1.29);
  CHECK(s.se == 0.65);
  CHECK(s.min == doctest::Approx(1));
  CHECK(s.max == doctest::Approx(4));
  CHECK(s.p50 == doctest::Approx(2.5));   // h = 1.5
  CHECK(s.p25 == doctest::Approx(1.75));  // h = 0.75
  CHECK(s.p95 == doctest::Approx(3.85));  // h = 2.85
  CHECK(s.p_below_zero == 0);
  std::vector<std::int64_t> counts = {-1, 1};
  CHECK(summarise(counts, Scale::count).p_below_zero == 0.5);
  // With ranks: they replace the numbers, in the first half of their storage.
  std::vector<std::int64_t> again = {400, 100, 300, 100};
  PackedRanks ranks;
  Summary t = summarise(again, Scale::pence, &ranks);
  CHECK(t.min == doctest::Approx(1));
  CHECK(t.p50 == doctest::Approx(2));  // 1, 1, 3, 4: h = 1.5 between 1 and 3
  REQUIRE(ranks.size() == 4);
  CHECK(std::vector<std::uint32_t>{ranks[0], ranks[1], ranks[2], ranks[3]} ==
        std::vector<std::uint32_t>{8, 3, 6, 3});
}

TEST_CASE("summaries of a wide spread (past 2^44 pence) are still exact") {
  std::vector<std::int64_t> pence = {INT64_MAX / 2, -(INT64_MAX / 2), 3, 1, 2};
  Summary s = summarise(pence, Scale::count);
  CHECK(s.min == static_cast<double>(-(INT64_MAX / 2)));
  CHECK(s.max == static_cast<double>(INT64_MAX / 2));
  CHECK(s.p50 == 2);
  CHECK(s.p_below_zero == doctest::Approx(0.2));
}

TEST_CASE("Spearman from doubled ranks") {
  CHECK(spearman({1, 2, 3, 4}, {1, 8, 27, 64}) == doctest::Approx(1));
  CHECK(spearman({1, 2, 3, 4}, {4, 3, 2, 1}) == doctest::Approx(-1));
  CHECK(spearman({1, 2, 3, 4}, {5, 5, 5, 5}) == 0);
  // d = -1, 1, -1, 1, 0: 1 - 6 x 4 / (5 x 24) = 0.8.
  CHECK(spearman({1, 2, 3, 4, 5}, {2, 1, 4, 3, 5}) == doctest::Approx(0.8));
}

TEST_CASE("one series with several in one pass: Spearman of each, as worked out by hand") {
  // Against {1, 2, 3, 4, 5} (doubled ranks 2..10): itself 1, reversed -1, a
  // constant 0, and d = -1, 1, -1, 1, 0: 1 - 6 x 4 / (5 x 24) = 0.8.
  std::vector<std::uint32_t> a = {2, 4, 6, 8, 10}, down = {10, 8, 6, 4, 2}, flat = {6, 6, 6, 6, 6},
                             swapped = {4, 2, 8, 6, 10};
  std::vector<PackedRanks> others = {packed(a), packed(down), packed(flat), packed(swapped)};
  std::vector<double> rho = rank_correlations(packed(a), others);
  REQUIRE(rho.size() == 4);
  CHECK(rho[0] == doctest::Approx(1));
  CHECK(rho[1] == doctest::Approx(-1));
  CHECK(rho[2] == 0);
  CHECK(rho[3] == doctest::Approx(0.8));
  for (std::size_t j = 0; j < others.size(); ++j)  // the very numbers pair by pair gives
    CHECK(rho[j] == rank_correlation(packed(a), others[j]));
  CHECK(rank_correlations(packed(flat), others) == std::vector<double>(4, 0.0));
}

TEST_CASE("rank correlation beyond two million draws (128-bit sums)") {
  const std::uint32_t n = 2000001;
  std::vector<std::uint32_t> up(n), down(n);
  for (std::uint32_t i = 0; i < n; ++i)
    up[i] = 2 * (i + 1), down[i] = 2 * (n - i);
  CHECK(rank_correlation(packed(up), packed(up)) == doctest::Approx(1));
  CHECK(rank_correlation(packed(up), packed(down)) == doctest::Approx(-1));
  std::vector<PackedRanks> both = {packed(up), packed(down)};
  std::vector<double> rho = rank_correlations(packed(up), both);
  CHECK(rho[0] == doctest::Approx(1));
  CHECK(rho[1] == doctest::Approx(-1));
}

namespace {

// Twice the average rank of each value (ties sharing it), from a stable sort.
template <typename T>
std::vector<std::uint32_t> reference_doubled_ranks(const std::vector<T>& values) {
  auto order = expected_order(values);
  std::vector<std::uint32_t> out(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && !(values[order[i]] < values[order[j + 1]]))
      ++j;
    for (std::size_t k = i; k <= j; ++k)
      out[order[k]] = static_cast<std::uint32_t>(i + j + 2);
    i = j + 1;
  }
  return out;
}

// The keys in sorted order, and the doubled ranks, of a series, through
// SortedDraws with or without full keys given again.
template <typename T>
void check_against_reference(const std::vector<T>& values, bool give_full_keys) {
  std::vector<std::uint64_t> keys;
  for (T v : values)
    keys.push_back(order_key(v));
  std::vector<std::uint64_t> expected_keys = keys;
  std::sort(expected_keys.begin(), expected_keys.end());
  SortedDraws::FullKey full;
  if (give_full_keys) full = [&](std::uint32_t d) { return order_key(values[d]); };
  SortedDraws sorted(keys, full);
  std::vector<std::uint64_t> in_order;
  bool draws_match = true;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    in_order.push_back(sorted.key(i));
    draws_match = draws_match && order_key(values[sorted.draw(i)]) == sorted.key(i);
  }
  CHECK(in_order == expected_keys);
  CHECK(draws_match);
  PackedRanks ranks = sorted.to_doubled_ranks();
  std::vector<std::uint32_t> got;
  for (std::size_t d = 0; d < ranks.size(); ++d)
    got.push_back(ranks[d]);
  CHECK(got == reference_doubled_ranks(values));
}

}  // namespace

TEST_CASE("large series sort and rank as a stable sort does, on every path") {
  std::mt19937_64 random(7);
  // Around the in-cache bucket size (2^16) and past it, so that the MSD
  // passes run over words carrying draw numbers below the keys.
  for (std::size_t n : {65535, 65536, 65537, 200000}) {
    CAPTURE(n);
    // Pence with many ties (a narrow spread: no bits dropped).
    std::vector<std::int64_t> pence(n);
    for (auto& v : pence)
      v = static_cast<std::int64_t>(random() % 5000) - 2500;
    check_against_reference(pence, false);
    // Pence over a wide spread (2^40): still no bits dropped at these sizes.
    for (auto& v : pence)
      v = static_cast<std::int64_t>(random() >> 24) - (std::int64_t{1} << 39);
    check_against_reference(pence, false);
    // Reals over the whole range, with ties, neighbours one ulp apart and
    // both zeros: bits dropped, fixed up from a copy or from full keys.
    std::vector<double> reals(n);
    for (std::size_t i = 0; i < n; ++i) {
      double x = std::ldexp(static_cast<double>(random() % 1000 + 1), int(random() % 200) - 100);
      switch (i % 5) {
        case 0:
          reals[i] = x;
          break;
        case 1:
          reals[i] = -x;
          break;
        case 2:
          reals[i] = std::nextafter(x, 2 * x);
          break;
        case 3:
          reals[i] = i % 2 ? 0.0 : -0.0;
          break;
        default:
          reals[i] = reals[i / 2];
          break;
      }
    }
    check_against_reference(reals, false);
    check_against_reference(reals, true);
    // The whole int64 range, ends included.
    for (auto& v : pence)
      v = static_cast<std::int64_t>(random());
    pence[0] = INT64_MIN, pence[1] = INT64_MAX, pence[2] = INT64_MIN;
    check_against_reference(pence, false);
  }
}

TEST_CASE("a summary of one draw, and of many with ranks") {
  std::vector<std::int64_t> one = {-250};
  PackedRanks ranks;
  Summary s = summarise(one, Scale::pence, &ranks);
  CHECK(s.mean == doctest::Approx(-2.5));
  CHECK(s.sd == 0);
  CHECK(s.min == doctest::Approx(-2.5));
  CHECK(s.p5 == doctest::Approx(-2.5));
  CHECK(s.p95 == doctest::Approx(-2.5));
  CHECK(s.max == doctest::Approx(-2.5));
  CHECK(s.p_below_zero == 1);
  REQUIRE(ranks.size() == 1);
  CHECK(ranks[0] == 2);
  // 0, 1, ..., 99999 pence in a shuffled order: p50 is 49999.5 pence.
  std::vector<std::int64_t> many(100000);
  std::iota(many.begin(), many.end(), 0);
  std::shuffle(many.begin(), many.end(), std::mt19937_64(3));
  std::vector<std::int64_t> copy = many;
  Summary t = summarise(many, Scale::pence, &ranks);
  CHECK(t.p50 == doctest::Approx(499.995));
  CHECK(t.p5 == doctest::Approx(49.9995));  // h = 99999 x 0.05 = 4999.95
  CHECK(t.max == doctest::Approx(999.99));
  bool ranks_right = true;
  for (std::size_t d = 0; d < copy.size(); ++d)
    ranks_right = ranks_right && ranks[d] == 2 * (copy[d] + 1);
  CHECK(ranks_right);
}

TEST_CASE("real keys give their numbers back") {
  for (double x : {0.0, 1.5, -1.5, 1e-300, -1e300, 4.9e-324, -HUGE_VAL})
    CHECK(real_of_key(order_key(x)) == x);
  CHECK(std::signbit(real_of_key(order_key(-0.0))) == false);  // -0 reads as 0
}
