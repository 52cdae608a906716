#include "model/draw_statistics.h"

#include "model/money.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

namespace model {

namespace {

constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
constexpr int kDigitBits = 8;
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
// A bucket this small (512 KiB, and as much again for the buffer) is sorted
// within the core's own cache by LSD radix; a larger one is split in place.
// Measured faster here than 2^14 or 2^17 on the example's draws.
constexpr std::size_t kInCache = std::size_t{1} << 16;

void insertion_sort(std::uint64_t* a, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i) {
    std::uint64_t v = a[i];
    std::size_t j = i;
    for (; j > 0 && a[j - 1] > v; --j)
      a[j] = a[j - 1];
    a[j] = v;
  }
}

// LSD radix sort on the bits [low, bits), a digit a pass: the counts for
// every pass are taken in one read, and a pass whose digit is the same
// everywhere is skipped.
void lsd_sort(std::uint64_t* a, std::size_t n, int bits, int low, std::uint64_t* spare) {
  constexpr int kMaxPasses = 64 / kDigitBits;
  int passes = (bits - low + kDigitBits - 1) / kDigitBits;
  std::uint32_t counts[kMaxPasses][kBuckets] = {};
  for (std::size_t i = 0; i < n; ++i)
    for (int p = 0; p < passes; ++p)
      ++counts[p][(a[i] >> (low + p * kDigitBits)) & (kBuckets - 1)];
  std::uint64_t *from = a, *to = spare;
  for (int p = 0; p < passes; ++p) {
    int shift = low + p * kDigitBits;
    std::uint32_t* count = counts[p];
    if (count[(a[0] >> shift) & (kBuckets - 1)] == n) continue;
    std::uint32_t start = 0;
    for (std::size_t b = 0; b < kBuckets; ++b)
      start += std::exchange(count[b], start);
    for (std::size_t i = 0; i < n; ++i)
      to[count[(from[i] >> shift) & (kBuckets - 1)]++] = from[i];
    std::swap(from, to);
  }
  if (from != a) std::copy(from, from + n, a);
}

// The words of a[0, n) agree above `bits`; those below `low` are not sorted on.
void msd_sort(std::uint64_t* a, std::size_t n, int bits, int low, std::uint64_t* spare) {
  while (bits > low) {
    if (n <= 32) return insertion_sort(a, n);
    if (n <= kInCache) return lsd_sort(a, n, bits, low, spare);
    int shift = std::max(low, bits - kDigitBits);
    auto digit = [shift](std::uint64_t v) { return (v >> shift) & (kBuckets - 1); };
    std::size_t count[kBuckets] = {};
    for (std::size_t i = 0; i < n; ++i)
      ++count[digit(a[i])];
    if (count[digit(a[0])] == n) {  // one bucket: the next digit
      bits = shift;
      continue;
    }
    std::size_t head[kBuckets], end[kBuckets], start = 0;
    for (std::size_t b = 0; b < kBuckets; ++b)
      head[b] = start, end[b] = start += count[b];
    // American flag sort: each word goes to the head of its bucket, taking
    // the word there on, until one belongs where it was picked up.
    for (std::size_t b = 0; b < kBuckets; ++b) {
      while (head[b] < end[b]) {
        std::uint64_t v = a[head[b]];
        for (std::size_t d = digit(v); d != b; d = digit(v))
          std::swap(v, a[head[d]++]);
        a[head[b]++] = v;
      }
    }
    start = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) {
      if (count[b] > 1) msd_sort(a + start, count[b], shift, low, spare);
      start += count[b];
    }
    return;
  }
}

// Sums of the products of deviations from the mean doubled rank, n + 1:
// whole numbers. Each is at most about n^3 / 3 in size, so 64 bits hold them
// exactly up to 2,000,000 draws, and 128 bits beyond.
template <typename Sum, typename A, typename B>
double pearson_of_doubled_ranks(std::size_t n, const A& a, const B& b) {
  auto mean = static_cast<std::int64_t>(n) + 1;
  Sum sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t da = static_cast<std::int64_t>(a[i]) - mean;
    std::int64_t db = static_cast<std::int64_t>(b[i]) - mean;
    sab += da * db, saa += da * da, sbb += db * db;
  }
  if (saa == 0 || sbb == 0) return 0;
  return static_cast<double>(sab) / std::sqrt(static_cast<double>(saa) * static_cast<double>(sbb));
}

// The same for `a` with each of `others`: the sums of a's own deviations
// once, each other's sums beside them.
template <typename Sum>
std::vector<double> pearsons_of_doubled_ranks(const PackedRanks& a,
                                              std::span<const PackedRanks> others) {
  std::size_t n = a.size(), m = others.size();
  auto mean = static_cast<std::int64_t>(n) + 1;
  Sum saa = 0;
  std::vector<Sum> sab(m), sbb(m);
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t da = static_cast<std::int64_t>(a[i]) - mean;
    saa += da * da;
    for (std::size_t j = 0; j < m; ++j) {
      std::int64_t db = static_cast<std::int64_t>(others[j][i]) - mean;
      sab[j] += da * db, sbb[j] += db * db;
    }
  }
  std::vector<double> out(m);
  for (std::size_t j = 0; j < m; ++j)
    out[j] = saa == 0 || sbb[j] == 0
                 ? 0
                 : static_cast<double>(sab[j]) /
                       std::sqrt(static_cast<double>(saa) * static_cast<double>(sbb[j]));
  return out;
}

template <typename A, typename B>
double correlation_of_doubled_ranks(std::size_t n, const A& a, const B& b) {
  if (n <= 2000000) return pearson_of_doubled_ranks<std::int64_t>(n, a, b);
  __extension__ typedef __int128 Wide;
  return pearson_of_doubled_ranks<Wide>(n, a, b);
}

}  // namespace

std::uint64_t order_key(std::int64_t v) {
  return static_cast<std::uint64_t>(v) ^ kSign;
}

std::uint64_t order_key(double v) {
  if (v == 0) v = 0;  // -0 sorts with +0
  auto bits = std::bit_cast<std::uint64_t>(v);
  return bits >> 63 ? ~bits : bits | kSign;
}

std::int64_t whole_of_key(std::uint64_t key) {
  return static_cast<std::int64_t>(key ^ kSign);
}

double real_of_key(std::uint64_t key) {
  return std::bit_cast<double>(key >> 63 ? key ^ kSign : ~key);
}

void sort_words(std::span<std::uint64_t> words, int bits, int low) {
  if (words.size() < 2 || bits <= low) return;
  std::vector<std::uint64_t> spare(std::min(words.size(), kInCache));
  msd_sort(words.data(), words.size(), bits, low, spare.data());
}

SortedDraws::SortedDraws(std::span<std::uint64_t> keys, FullKey full_key,
                         std::optional<std::pair<std::uint64_t, std::uint64_t>> bounds)
    : words_(keys), full_key_(std::move(full_key)) {
  std::size_t n = keys.size();
  assert(n < (std::size_t{1} << 31));
  if (n == 0) return;
  if (!bounds) {
    bounds.emplace(keys[0], keys[0]);
    for (std::uint64_t k : keys)
      bounds->first = std::min(bounds->first, k), bounds->second = std::max(bounds->second, k);
  }
  auto [min, max] = *bounds;
  min_ = min;
  draw_bits_ = std::max(1, static_cast<int>(std::bit_width(n - 1)));
  mask_ = (std::uint64_t{1} << draw_bits_) - 1;
  int key_bits = std::bit_width(max - min);
  dropped_ = std::max(0, key_bits + draw_bits_ - 64);
  if (dropped_ > 0 && !full_key_) copy_.assign(keys.begin(), keys.end());
  for (std::size_t d = 0; d < n; ++d)
    words_[d] = (((words_[d] - min) >> dropped_) << draw_bits_) | d;
  // Only the keys are sorted on: the order of draws with equal keys changes
  // no percentile and no rank.
  sort_words(words_, key_bits - dropped_ + draw_bits_, draw_bits_);
  if (dropped_ == 0) return;
  same_as_before_.assign(n, false);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> run;
  for (std::size_t i = 0; i < n;) {
    std::uint64_t top = words_[i] >> draw_bits_;
    std::size_t j = i + 1;
    while (j < n && words_[j] >> draw_bits_ == top)
      ++j;
    if (j - i > 1) {
      run.clear();
      for (std::size_t k = i; k < j; ++k)
        run.emplace_back(full(draw(k)), draw(k));
      std::sort(run.begin(), run.end());  // by key, then draw
      for (std::size_t k = i; k < j; ++k) {
        words_[k] = (top << draw_bits_) | run[k - i].second;
        same_as_before_[k] = k > i && run[k - i].first == run[k - i - 1].first;
      }
    }
    i = j;
  }
}

std::uint64_t SortedDraws::full(std::uint32_t draw) const {
  return full_key_ ? full_key_(draw) : copy_[draw];
}

std::uint64_t SortedDraws::key(std::size_t i) const {
  return dropped_ == 0 ? (words_[i] >> draw_bits_) + min_ : full(draw(i));
}

// In three sequential passes over the storage, with no chain of dependent
// loads: (1) the draw numbers in sorted order, each marked where a new value
// starts, packed into the first half; (2) each draw's doubled rank written to
// its place in the second half; (3) the ranks moved to the first half.
PackedRanks SortedDraws::to_doubled_ranks() {
  std::size_t n = words_.size();
  auto* bytes = reinterpret_cast<unsigned char*>(words_.data());
  auto store = [](unsigned char* at, std::uint32_t v) { std::memcpy(at, &v, 4); };
  auto load = [](const unsigned char* at) {
    std::uint32_t v;
    std::memcpy(&v, at, 4);
    return v;
  };
  constexpr std::uint32_t kStarts = std::uint32_t{1} << 31;
  // Where bits were dropped, equal tops are equal keys only as the sort's
  // fix-up found them.
  std::uint64_t previous = 0;
  for (std::size_t i = 0; i < n; ++i) {  // byte 4i is never past word i's first byte
    std::uint64_t word = words_[i];
    bool starts = i == 0 || previous >> draw_bits_ != word >> draw_bits_ ||
                  (dropped_ > 0 && !same_as_before_[i]);
    store(bytes + 4 * i, static_cast<std::uint32_t>(word & mask_) | (starts ? kStarts : 0));
    previous = word;
  }
  unsigned char* ranks = bytes + 4 * n;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && !(load(bytes + 4 * j) & kStarts))
      ++j;
    auto doubled = static_cast<std::uint32_t>(i + j + 1);  // twice the average of ranks i+1..j
    for (std::size_t k = i; k < j; ++k)
      store(ranks + 4 * (load(bytes + 4 * k) & ~kStarts), doubled);
    i = j;
  }
  std::memmove(bytes, ranks, 4 * n);
  return PackedRanks(bytes, n);
}

namespace {

__extension__ typedef __int128 Wide;

// n / d rounded half away from zero, d > 0.
Wide rounded_quotient(Wide n, Wide d) {
  Wide m = n < 0 ? -n : n;
  Wide q = m / d + (2 * (m % d) >= d);
  return n < 0 ? -q : q;
}

// The double nearest hundredths / 100, read from its decimal text: one
// correct rounding, for any 64-bit whole part.
double nearest_double(Wide hundredths) {
  Wide magnitude = hundredths < 0 ? -hundredths : hundredths;
  char text[48];
  int length = std::snprintf(text, sizeof text, "%s%llu.%02u", hundredths < 0 ? "-" : "",
                             static_cast<unsigned long long>(magnitude / 100),
                             static_cast<unsigned>(magnitude % 100));
  double out = 0;
  std::from_chars(text, text + length, out);
  return out;
}

// A figure given in hundredths of its unit, at the scale's resolution (whole
// pence, or hundredths of a count), as the double nearest that two-decimal number.
double two_decimals(Wide hundredths, Scale scale) {
  // Pence are hundredths of a pound: hundredths of a penny round to whole ones.
  return nearest_double(scale == Scale::pence ? rounded_quotient(hundredths, 100) : hundredths);
}

// A statistic computed in double (sd, se), in units of the series, likewise.
double two_decimals(double x, Scale scale) {
  double hundredths = scale == Scale::count ? x * 100 : x;
  if (!(std::fabs(hundredths) < 0x1p53)) return hundredths / 100;  // no hundredths left to round
  return nearest_double(round_half_away(hundredths));
}

}  // namespace

Summary summarise(std::span<std::int64_t> numbers, Scale scale, PackedRanks* ranks) {
  assert(!numbers.empty());
  std::size_t size = numbers.size();
  auto n = static_cast<double>(size);
  Wide sum = 0;
  std::size_t below = 0;
  std::int64_t least = numbers[0], most = numbers[0];
  for (std::int64_t v : numbers)
    sum += v, below += v < 0, least = std::min(least, v), most = std::max(most, v);
  double mean = static_cast<double>(sum) / n;
  // Signed and unsigned views of one storage may alias.
  std::span<std::uint64_t> keys(reinterpret_cast<std::uint64_t*>(numbers.data()), size);
  double squares = 0;
  for (std::size_t i = 0; i < size; ++i) {
    std::int64_t v = numbers[i];
    squares += (static_cast<double>(v) - mean) * (static_cast<double>(v) - mean);
    keys[i] = order_key(v);
  }
  double sd = size > 1 ? std::sqrt(squares / (n - 1)) : 0;
  SortedDraws sorted(keys, {}, std::pair(order_key(least), order_key(most)));
  auto value = [&](std::size_t i) { return static_cast<Wide>(whole_of_key(sorted.key(i))); };
  // Type 7 in hundredths, exactly: h = (n - 1) p with p = percent / 100, so
  // 100 x_i + (100 h - 100 i) (x_{i+1} - x_i) with 100 h = (n - 1) percent.
  auto at = [&](int percent) {
    Wide hundred_h = static_cast<Wide>(size - 1) * percent;
    auto i = static_cast<std::size_t>(hundred_h / 100);
    Wide fraction = hundred_h % 100;
    Wide lower = value(i);
    Wide hundredths = 100 * lower + (fraction == 0 ? 0 : fraction * (value(i + 1) - lower));
    return two_decimals(hundredths, scale);
  };
  Summary s;
  s.mean = two_decimals(rounded_quotient(100 * sum, static_cast<Wide>(size)), scale);
  s.sd = two_decimals(sd, scale);
  s.se = two_decimals(sd / std::sqrt(n), scale);
  s.min = two_decimals(100 * value(0), scale);
  s.max = two_decimals(100 * value(size - 1), scale);
  s.p_below_zero = static_cast<double>(below) / n;
  s.p5 = at(5), s.p10 = at(10), s.p25 = at(25), s.p50 = at(50);
  s.p75 = at(75), s.p90 = at(90), s.p95 = at(95);
  if (ranks) *ranks = sorted.to_doubled_ranks();
  return s;
}

double rank_correlation(const PackedRanks& a, const PackedRanks& b) {
  assert(a.size() == b.size());
  return correlation_of_doubled_ranks(a.size(), a, b);
}

std::vector<double> rank_correlations(const PackedRanks& a, std::span<const PackedRanks> others) {
  if (a.size() <= 2000000) return pearsons_of_doubled_ranks<std::int64_t>(a, others);
  __extension__ typedef __int128 Wide;
  return pearsons_of_doubled_ranks<Wide>(a, others);
}

}  // namespace model
