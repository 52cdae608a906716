#include "model/beta_quantile.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "model/distributions.h"

namespace model {

namespace {

constexpr int kKnots =
    2048;  // intervals per branch: 2 x 2049 incomplete betas (some 0.8 ms) to build

double power_of(double u, double p) {
  return p == 1 ? u : std::exp(std::log(u) * p);
}

}  // namespace

BetaQuantile::Branch::Branch(double a, double b) : power_(1 / a) {
  double minus_log_b = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b);
  for (int j = 0; j <= kKnots; ++j) {
    double x = 0.5 * j / kKnots;
    double f = incomplete_beta(x, a, b);
    double slope;  // dx/dg = 1 / G'(x), G'(x) = (1/a) F^(1/a - 1) pdf(x)
    if (j == 0) {  // the limit: G'(0) = (a B(a, b))^(-1/a)
      slope = std::exp((std::log(a) - minus_log_b) / a);
    } else {
      double log_pdf = minus_log_b + (a - 1) * std::log(x) + (b - 1) * std::log1p(-x);
      slope = a / std::exp((1 / a - 1) * std::log(f) + log_pdf);
    }
    g_.push_back(power_of(f, power_));
    x_.push_back(x);
    slope_.push_back(slope);
  }
  cells_per_g_ = kKnots / g_.back();
  for (int cell = 0, j = 0; cell < kKnots; ++cell) {
    double start = cell / cells_per_g_;
    while (j + 1 < kKnots && g_[j + 1] <= start)
      ++j;
    guide_.push_back(static_cast<std::uint32_t>(j));
  }
}

double BetaQuantile::Branch::at(double g) const {
  auto cell = static_cast<std::size_t>(std::min(g * cells_per_g_, double(kKnots - 1)));
  std::size_t j = guide_[cell];
  while (j + 1 < kKnots && g_[j + 1] <= g)
    ++j;
  double width = g_[j + 1] - g_[j], t = (g - g_[j]) / width;
  t = std::clamp(t, 0.0, 1.0);
  double s = 1 - t;
  // Cubic Hermite: values at both ends, slopes scaled to the interval.
  return s * s * ((1 + 2 * t) * x_[j] + t * width * slope_[j]) +
         t * t * ((3 - 2 * t) * x_[j + 1] - s * width * slope_[j + 1]);
}

BetaQuantile::BetaQuantile(double a, double b)
    : split_(incomplete_beta(0.5, a, b)), lower_(a, b), upper_(b, a) {
  assert(a >= 1 && b >= 1);
}

double BetaQuantile::operator()(double u) const {
  if (u < split_) return lower_.at(power_of(u, lower_.power()));
  return 1 - upper_.at(power_of(1 - u, upper_.power()));
}

}  // namespace model
