// Summaries of many Monte Carlo draws, exact, quick and in the draws' own
// memory: a series (one number per draw) is sorted in place on
// order-preserving keys packed with the draw number, which gives its
// percentiles; the same storage is then turned into the draws' ranks, and
// rank correlations are computed from whole-number ranks in exact integer
// arithmetic, so every figure is a pure function of the series, whatever the
// thread that made it.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "model/montecarlo.h"

namespace model {

// Unsigned keys in the order of the numbers: a < b exactly when
// order_key(a) < order_key(b); -0 and +0 share a key. Both are one to one
// otherwise, so a key gives its number back.
std::uint64_t order_key(std::int64_t v);
std::uint64_t order_key(double v);
std::int64_t whole_of_key(std::uint64_t key);
double real_of_key(std::uint64_t key);

// Sorts `words` in place by their bits [low, bits) (each word below 2^bits;
// words equal there end in no particular order): an MSD radix pass in place
// (American flag sort) while a bucket is larger than the cache, then an LSD
// radix sort of each bucket with a small buffer.
void sort_words(std::span<std::uint64_t> words, int bits, int low = 0);

// Doubled ranks of a series, four bytes apiece in draw order, in the first
// half of the storage that held the series as eight.
class PackedRanks {
 public:
  PackedRanks() = default;
  PackedRanks(const unsigned char* bytes, std::size_t size) : bytes_(bytes), size_(size) {}
  std::size_t size() const { return size_; }
  std::uint32_t operator[](std::size_t d) const {
    std::uint32_t r;
    std::memcpy(&r, bytes_ + 4 * d, 4);
    return r;
  }

 private:
  const unsigned char* bytes_ = nullptr;
  std::size_t size_ = 0;
};

// The draws of a series in the order of their keys, sorted in the keys' own storage: each word
// holds the key's spread above the minimum in its top bits and the draw number below. When the
// spread has more bits than the word has room for, the word holds its top
// bits, and each run of equal tops (rare, except for equal keys) is put in
// order by the whole keys, which full_key gives again (or, without it, a copy
// taken first).
// Precondition: fewer than 2^31 draws.
class SortedDraws {
 public:
  using FullKey = std::function<std::uint64_t(std::uint32_t draw)>;
  // `bounds`, the least and greatest key, when the caller knows them.
  SortedDraws(std::span<std::uint64_t> keys, FullKey full_key = {},
              std::optional<std::pair<std::uint64_t, std::uint64_t>> bounds = std::nullopt);
  std::size_t size() const { return words_.size(); }
  std::uint32_t draw(std::size_t i) const { return static_cast<std::uint32_t>(words_[i] & mask_); }
  std::uint64_t key(std::size_t i) const;  // the i-th smallest key
  // Twice each draw's rank (ranks 1..n, ties sharing their average rank, so
  // twice the rank is always a whole number), packed in draw order into the
  // first half of the storage, which they then own; the rest is spare.
  PackedRanks to_doubled_ranks();

 private:
  std::uint64_t full(std::uint32_t draw) const;
  std::span<std::uint64_t> words_;
  FullKey full_key_;
  std::vector<std::uint64_t> copy_;
  std::vector<bool> same_as_before_;  // bits dropped: whole key equal to the one before
  std::uint64_t min_ = 0, mask_ = 0;
  int draw_bits_ = 1, dropped_ = 0;
};

// What a series of whole numbers counts, and so how its summary is reported:
// pence, in pounds to the penny; or a count (financial years), to hundredths.
enum class Scale { pence, count };

// The summary of whole numbers. Percentiles interpolate between order
// statistics (type 7) exactly, and each figure is rounded half away from
// zero to the penny (or hundredth of a count), then held as the double
// nearest that two-decimal number, so that every format that writes it
// with two decimals writes the same figure (SPEC 4). The numbers are used
// up: their storage is sorted, and with `ranks` its first half then holds
// their doubled ranks. Precondition: numbers is not empty.
Summary summarise(std::span<std::int64_t> numbers, Scale scale, PackedRanks* ranks = nullptr);

// Spearman's rank correlation of two series given as doubled ranks:
// Pearson's correlation of the ranks, 0 when either series is constant.
double rank_correlation(const PackedRanks& a, const PackedRanks& b);
// rank_correlation(a, others[j]) for every j, the same numbers, in one pass
// over the draws: each draw's rank of `a` is read once for all of them.
std::vector<double> rank_correlations(const PackedRanks& a, std::span<const PackedRanks> others);

}  // namespace model
