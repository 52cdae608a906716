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

DrawUniforms::DrawUniforms(std::uint64_t seed, std::uint64_t draw)
    : mixed_(splitmix64(splitmix64(seed) ^ draw)) {}

double DrawUniforms::at(std::uint32_t dimension) const {
  std::uint64_t x = splitmix64(mixed_ ^ (static_cast<std::uint64_t>(dimension) << 32 | dimension));
  // 53 random bits, centred in their interval: never exactly 0 or 1.
  return (static_cast<double>(x >> 11) + 0.5) * 0x1.0p-53;
}

double uniform01(std::uint64_t seed, std::uint64_t draw, std::uint32_t dimension) {
  return DrawUniforms(seed, draw).at(dimension);
}

// The C library's erfc: within an ulp, but not guaranteed to give the same
// last bit in every C library (see README, Monte Carlo).
double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

namespace {

// (c[0] + c[1] r + ... + c[7] r^7), by Horner's rule.
double polynomial7(const double (&c)[8], double r) {
  double sum = c[7];
  for (int i = 6; i >= 0; --i)
    sum = sum * r + c[i];
  return sum;
}

}  // namespace

// Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988):
// rational functions in three regions, accurate to about 1e-16, with no
// call to the error function (whose last bit may differ between C libraries).
double normal_quantile(double p) {
  assert(p > 0 && p < 1);
  static constexpr double a[] = {3.3871328727963666080e0,  1.3314166789178437745e+2,
                                 1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                 4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                 3.3430575583588128105e+4, 2.5090809287301226727e+3};
  static constexpr double b[] = {1.0,
                                 4.2313330701600911252e+1,
                                 6.8718700749205790830e+2,
                                 5.3941960214247511077e+3,
                                 2.1213794301586595867e+4,
                                 3.9307895800092710610e+4,
                                 2.8729085735721942674e+4,
                                 5.2264952788528545610e+3};
  static constexpr double c[] = {1.42343711074968357734e0,  4.63033784615654529590e0,
                                 5.76949722146069140550e0,  3.64784832476320460504e0,
                                 1.27045825245236838258e0,  2.41780725177450611770e-1,
                                 2.27238449892691845833e-2, 7.74545014278341407640e-4};
  static constexpr double d[] = {1.0,
                                 2.05319162663775882187e0,
                                 1.67638483018380384940e0,
                                 6.89767334985100004550e-1,
                                 1.48103976427480074590e-1,
                                 1.51986665636164571966e-2,
                                 5.47593808499534494600e-4,
                                 1.05075007164441684324e-9};
  static constexpr double e[] = {6.65790464350110377720e0,  5.46378491116411436990e0,
                                 1.78482653991729133580e0,  2.96560571828504891230e-1,
                                 2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                 2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static constexpr double f[] = {1.0,
                                 5.99832206555887937690e-1,
                                 1.36929880922735805310e-1,
                                 1.48753612908506148525e-2,
                                 7.86869131145613259100e-4,
                                 1.84631831751005468180e-5,
                                 1.42151175831644588870e-7,
                                 2.04426310338993978564e-15};
  double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    double r = 0.180625 - q * q;
    return q * polynomial7(a, r) / polynomial7(b, r);
  }
  double r = std::sqrt(-std::log(q < 0 ? p : 1 - p));
  double x = r <= 5 ? polynomial7(c, r - 1.6) / polynomial7(d, r - 1.6)
                    : polynomial7(e, r - 5) / polynomial7(f, r - 5);
  return q < 0 ? -x : x;
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

namespace {

// -log B(a, b), summed in the order incomplete_beta() has always summed it.
double minus_log_beta(double a, double b) {
  return std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b);
}

// I_x(a, b) given minus_log_beta(a, b), which a search over x computes once.
double incomplete_beta_given(double x, double a, double b, double minus_log_b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  double front = std::exp(minus_log_b + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(x, a, b) / a;
  return 1 - front * beta_fraction(1 - x, b, a) / b;
}

}  // namespace

double incomplete_beta(double x, double a, double b) {
  return incomplete_beta_given(x, a, b, minus_log_beta(a, b));
}

namespace {

// Bisection to a width of 1e-16. Where no double lies strictly between the
// ends (above 0.5, where a double's spacing is wider than that), the midpoint
// is one of them and is the answer: more steps would only test it again.
double beta_quantile(double u, double a, double b) {
  double lo = 0, hi = 1, minus_log_b = minus_log_beta(a, b);
  for (int i = 0; i < 200 && hi - lo > 1e-16; ++i) {
    double mid = (lo + hi) / 2;
    if (mid == lo || mid == hi) return mid;
    (incomplete_beta_given(mid, a, b, minus_log_b) < u ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

// The normal quantile of u restricted to the CDF's values at the bounds.
double truncated_normal(double u, double mean, double sd, const NormalBounds& b) {
  double p = b.from + u * (b.to - b.from);
  p = std::clamp(p, 1e-300, 1 - 1e-16);
  return std::clamp(mean + sd * normal_quantile(p), b.low, b.high);
}

}  // namespace

NormalBounds normal_bounds(const Distribution& d) {
  NormalBounds b;
  b.low = d.low, b.high = d.high;
  if (d.kind == Distribution::Kind::lognormal) {
    b.low = d.low > 0 ? std::log(d.low) : -INFINITY;
    b.high = std::log(d.high);
  }
  b.from = normal_cdf((b.low - d.mean) / d.sd), b.to = normal_cdf((b.high - d.mean) / d.sd);
  return b;
}

double quantile(const Distribution& d, double u) {
  using Kind = Distribution::Kind;
  if (d.kind == Kind::normal || d.kind == Kind::lognormal) return quantile(d, u, normal_bounds(d));
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
    case Kind::lognormal:
      return quantile(d, u, normal_bounds(d));
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

double quantile(const Distribution& d, double u, const NormalBounds& b) {
  double x = truncated_normal(u, d.mean, d.sd, b);
  return d.kind == Distribution::Kind::lognormal ? std::exp(x) : x;
}

}  // namespace model
