#include "model/draw_statistics.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <numeric>
#include <utility>

#include "model/distributions.h"

namespace model {

namespace {

constexpr int kDigitBits = 8;  // measured faster than 11 or 16 here
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;

// Unsigned keys in the order of the values: a < b exactly when key(a) < key(b).
std::uint64_t order_key(std::int64_t v) {
  return static_cast<std::uint64_t>(v) ^ (std::uint64_t{1} << 63);
}
std::uint64_t order_key(double v) {
  if (v == 0) v = 0;  // -0 sorts with +0
  auto bits = std::bit_cast<std::uint64_t>(v);
  return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
}

// LSD radix sort of `data` on the bits [first_bit, first_bit + bits) of
// key_of(element), stable, a digit a pass: the counts for every pass are
// taken in one read, and a pass whose digit is the same everywhere is skipped.
template <typename T, typename KeyOf>
void radix_sort(std::vector<T>& data, std::vector<T>& spare, int first_bit, int bits,
                KeyOf key_of) {
  constexpr int kMaxPasses = (64 + kDigitBits - 1) / kDigitBits;
  int passes = (bits + kDigitBits - 1) / kDigitBits;
  std::vector<std::size_t> counts(kMaxPasses * kBuckets);
  for (const T& x : data) {
    std::uint64_t key = key_of(x) >> first_bit;
    for (int p = 0; p < passes; ++p)
      ++counts[p * kBuckets + ((key >> (p * kDigitBits)) & (kBuckets - 1))];
  }
  spare.resize(data.size());
  for (int p = 0; p < passes; ++p) {
    std::size_t* count = &counts[p * kBuckets];
    if (std::find(count, count + kBuckets, data.size()) != count + kBuckets) continue;
    std::size_t start = 0;
    for (std::size_t b = 0; b < kBuckets; ++b)
      start += std::exchange(count[b], start);
    int shift = first_bit + p * kDigitBits;
    for (const T& x : data)
      spare[count[(key_of(x) >> shift) & (kBuckets - 1)]++] = x;
    data.swap(spare);
  }
}

template <typename T>
void write_doubled_ranks(std::span<T> values, std::span<const std::uint32_t> order) {
  std::size_t n = order.size();
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    T v = values[order[i]];
    while (j + 1 < n && values[order[j + 1]] == v)
      ++j;
    for (std::size_t k = i; k <= j; ++k)
      values[order[k]] = static_cast<T>(i + j + 2);  // twice the average of ranks i+1..j+1
    i = j + 1;
  }
}

// Sums of the products of deviations from the mean doubled rank, n + 1:
// whole numbers. Each is at most about n^3 / 3 in size, so 64 bits hold them
// exactly up to 2,000,000 draws, and 128 bits beyond.
template <typename Sum, typename A, typename B>
double pearson_of_doubled_ranks(std::span<const A> a, std::span<const B> b) {
  auto mean = static_cast<std::int64_t>(a.size()) + 1;
  Sum sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::int64_t da = static_cast<std::int64_t>(a[i]) - mean;
    std::int64_t db = static_cast<std::int64_t>(b[i]) - mean;
    sab += da * db, saa += da * da, sbb += db * db;
  }
  if (saa == 0 || sbb == 0) return 0;
  return static_cast<double>(sab) / std::sqrt(static_cast<double>(saa) * static_cast<double>(sbb));
}

template <typename A, typename B>
double correlation_of_doubled_ranks(std::span<const A> a, std::span<const B> b) {
  assert(a.size() == b.size());
  if (a.size() <= 2000000) return pearson_of_doubled_ranks<std::int64_t>(a, b);
  __extension__ typedef __int128 Wide;
  return pearson_of_doubled_ranks<Wide>(a, b);
}

}  // namespace

std::span<const std::uint32_t> DrawSorter::sort(std::span<const std::int64_t> values) {
  return sort_values(values);
}

std::span<const std::uint32_t> DrawSorter::sort(std::span<const double> values) {
  return sort_values(values);
}

// Each value is sorted as one packed word: the key's spread above, the draw
// number below. When the spread has more bits than the word has room for,
// the word holds its top bits, and each run of equal tops (rare, except for
// equal values) is then put in order by the whole keys.
template <typename T>
std::span<const std::uint32_t> DrawSorter::sort_values(std::span<const T> values) {
  std::size_t n = values.size();
  assert(n < (std::size_t{1} << 32));
  order_.resize(n);
  if (n == 0) return order_;
  std::uint64_t min = order_key(values[0]), max = min;
  for (T v : values) {
    std::uint64_t key = order_key(v);
    min = std::min(min, key), max = std::max(max, key);
  }
  int draw_bits = std::max(1, static_cast<int>(std::bit_width(n - 1)));
  int key_bits = std::bit_width(max - min);
  int dropped = std::max(0, key_bits + draw_bits - 64);
  packed_.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    packed_[i] = (((order_key(values[i]) - min) >> dropped) << draw_bits) | i;
  radix_sort(packed_, spare_, draw_bits, key_bits - dropped, [](std::uint64_t x) { return x; });
  std::uint64_t mask = (std::uint64_t{1} << draw_bits) - 1;
  for (std::size_t i = 0; i < n; ++i)
    order_[i] = static_cast<std::uint32_t>(packed_[i] & mask);
  if (dropped > 0) {
    auto by_key = [&](std::uint32_t a, std::uint32_t b) {
      return order_key(values[a]) < order_key(values[b]);
    };
    for (std::size_t i = 0; i < n;) {
      std::size_t j = i + 1;
      while (j < n && (packed_[j] >> draw_bits) == (packed_[i] >> draw_bits))
        ++j;
      if (j - i > 1 && !std::is_sorted(&order_[i], &order_[j], by_key))
        std::stable_sort(&order_[i], &order_[j], by_key);
      i = j;
    }
  }
  return order_;
}

Summary summarise(std::span<const std::int64_t> values, std::span<const std::uint32_t> order,
                  double unit) {
  assert(!values.empty() && order.size() == values.size());
  auto n = static_cast<double>(values.size());
  __extension__ __int128 sum = 0;
  std::size_t below = 0;
  for (std::int64_t v : values)
    sum += v, below += v < 0;
  double mean = static_cast<double>(sum) / n;
  double squares = 0;
  for (std::int64_t v : values)
    squares += (static_cast<double>(v) - mean) * (static_cast<double>(v) - mean);
  double sd = values.size() > 1 ? std::sqrt(squares / (n - 1)) : 0;
  auto at = [&](double p) {  // type 7, as percentile() computes it
    double h = (n - 1) * p;
    auto i = static_cast<std::size_t>(std::floor(h));
    auto lower = static_cast<double>(values[order[i]]);
    if (i + 1 >= values.size()) return lower * unit;
    auto upper = static_cast<double>(values[order[i + 1]]);
    return (lower + (h - static_cast<double>(i)) * (upper - lower)) * unit;
  };
  Summary s;
  s.mean = mean * unit;
  s.sd = sd * unit;
  s.se = s.sd / std::sqrt(n);
  s.min = static_cast<double>(values[order.front()]) * unit;
  s.max = static_cast<double>(values[order.back()]) * unit;
  s.p_below_zero = static_cast<double>(below) / n;
  s.p5 = at(0.05), s.p10 = at(0.10), s.p25 = at(0.25), s.p50 = at(0.50);
  s.p75 = at(0.75), s.p90 = at(0.90), s.p95 = at(0.95);
  return s;
}

void replace_by_doubled_ranks(std::span<std::int64_t> values,
                              std::span<const std::uint32_t> order) {
  write_doubled_ranks(values, order);
}

void replace_by_doubled_ranks(std::span<double> values, std::span<const std::uint32_t> order) {
  write_doubled_ranks(values, order);
}

double rank_correlation(std::span<const std::int64_t> a, std::span<const std::int64_t> b) {
  return correlation_of_doubled_ranks(a, b);
}

double rank_correlation(std::span<const double> a, std::span<const std::int64_t> b) {
  return correlation_of_doubled_ranks(a, b);
}

}  // namespace model
