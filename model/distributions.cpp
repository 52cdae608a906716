#include "model/distributions.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

namespace model {

namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

double uniform01(std::uint64_t seed, std::uint64_t draw, std::uint32_t dimension) {
  std::uint64_t x = splitmix64(splitmix64(seed) ^ draw);
  x = splitmix64(x ^ (static_cast<std::uint64_t>(dimension) << 32 | dimension));
  // 53 random bits, centred in their interval: never exactly 0 or 1.
  return (static_cast<double>(x >> 11) + 0.5) * 0x1.0p-53;
}

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

double normal_quantile(double p) {
  assert(p > 0 && p < 1);
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  double x;
  if (p < 0.02425) {
    double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  // One Halley step against the exact CDF.
  double e = normal_cdf(x) - p;
  double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

namespace {

// The continued fraction of the incomplete beta function (modified Lentz).
double beta_fraction(double x, double a, double b) {
  const double tiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  d = 1 / (std::fabs(d) < tiny ? tiny : d);
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    for (int step = 0; step < 2; ++step) {
      double num = step == 0 ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                             : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 + num * d;
      d = 1 / (std::fabs(d) < tiny ? tiny : d);
      c = 1 + num / c;
      if (std::fabs(c) < tiny) c = tiny;
      h *= d * c;
      if (step == 1 && std::fabs(d * c - 1) < 1e-16) return h;
    }
  }
  return h;
}

}  // namespace

double incomplete_beta(double x, double a, double b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                          b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(x, a, b) / a;
  return 1 - front * beta_fraction(1 - x, b, a) / b;
}

namespace {

double beta_quantile(double u, double a, double b) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 200 && hi - lo > 1e-16; ++i) {
    double mid = (lo + hi) / 2;
    (incomplete_beta(mid, a, b) < u ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

// The normal quantile of u restricted to the CDF's values at the bounds.
double truncated_normal(double u, double mean, double sd, double low, double high) {
  double from = normal_cdf((low - mean) / sd), to = normal_cdf((high - mean) / sd);
  double p = from + u * (to - from);
  p = std::clamp(p, 1e-300, 1 - 1e-16);
  return std::clamp(mean + sd * normal_quantile(p), low, high);
}

}  // namespace

double quantile(const Distribution& d, double u) {
  using Kind = Distribution::Kind;
  double width = d.high - d.low;
  switch (d.kind) {
    case Kind::uniform:
      return d.low + u * width;
    case Kind::triangular: {
      if (width <= 0) return d.low;
      double split = (d.mode - d.low) / width;
      if (u < split) return d.low + std::sqrt(u * width * (d.mode - d.low));
      return d.high - std::sqrt((1 - u) * width * (d.high - d.mode));
    }
    case Kind::pert: {
      if (width <= 0) return d.low;
      double a = 1 + 4 * (d.mode - d.low) / width, b = 1 + 4 * (d.high - d.mode) / width;
      return d.low + width * beta_quantile(u, a, b);
    }
    case Kind::normal:
      return truncated_normal(u, d.mean, d.sd, d.low, d.high);
    case Kind::lognormal: {
      double log_low = d.low > 0 ? std::log(d.low) : -INFINITY;
      double log_high = std::log(d.high);
      return std::exp(truncated_normal(u, d.mean, d.sd, log_low, log_high));
    }
    case Kind::discrete: {
      double total = 0;
      for (std::size_t i = 0; i < d.values.size(); ++i)
        total += d.weights.empty() ? 1.0 : d.weights[i];
      double cumulative = 0;
      for (std::size_t i = 0; i < d.values.size(); ++i) {
        cumulative += (d.weights.empty() ? 1.0 : d.weights[i]) / total;
        if (u < cumulative) return d.values[i];
      }
      return d.values.back();
    }
  }
  return d.low;
}

double percentile(std::span<const double> sorted, double p) {
  assert(!sorted.empty());
  double h = (static_cast<double>(sorted.size()) - 1) * p;
  std::size_t i = static_cast<std::size_t>(std::floor(h));
  if (i + 1 >= sorted.size()) return sorted.back();
  return sorted[i] + (h - static_cast<double>(i)) * (sorted[i + 1] - sorted[i]);
}

std::vector<double> ranks(std::span<const double> values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> out(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]])
      ++j;
    double average = (static_cast<double>(i + j) / 2) + 1;
    for (std::size_t k = i; k <= j; ++k)
      out[order[k]] = average;
    i = j + 1;
  }
  return out;
}

double spearman(std::span<const double> a, std::span<const double> b) {
  std::vector<double> ra = ranks(a), rb = ranks(b);
  double n = static_cast<double>(ra.size());
  double mean = (n + 1) / 2, sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    sab += (ra[i] - mean) * (rb[i] - mean);
    saa += (ra[i] - mean) * (ra[i] - mean);
    sbb += (rb[i] - mean) * (rb[i] - mean);
  }
  return saa == 0 || sbb == 0 ? 0 : sab / std::sqrt(saa * sbb);
}

}  // namespace model
