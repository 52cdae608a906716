#include "model/montecarlo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace model {

namespace {

std::optional<Eigen::MatrixXd> cholesky(const Eigen::MatrixXd& m) {
  Eigen::LLT<Eigen::MatrixXd> llt(m);
  if (llt.info() != Eigen::Success) return std::nullopt;
  // LLT succeeds on semi-definite matrices within rounding; insist on a margin.
  Eigen::MatrixXd l = llt.matrixL();
  for (Eigen::Index i = 0; i < l.rows(); ++i)
    if (!(l(i, i) > 1e-10)) return std::nullopt;
  return l;
}

}  // namespace

std::variant<Eigen::MatrixXd, std::string> copula_factor(
    std::size_t parameters, const std::vector<RankCorrelation>& correlations,
    const std::vector<std::string>& names) {
  Eigen::MatrixXd m = Eigen::MatrixXd::Identity(parameters, parameters);
  for (const RankCorrelation& c : correlations) {
    double r = 2 * std::sin(M_PI * c.rho / 6);
    m(c.a, c.b) = m(c.b, c.a) = r;
    if (!cholesky(m)) {
      char rho[32];
      std::snprintf(rho, sizeof rho, "%g", c.rho);
      return "the correlations are not consistent (the matrix is not positive definite) once " +
             names[c.a] + " and " + names[c.b] + " (" + rho + ") are added";
    }
  }
  return *cholesky(m);
}

void draw_values(const Eigen::MatrixXd& factor, const std::vector<Distribution>& distributions,
                 std::uint64_t seed, std::uint64_t draw, std::span<double> out) {
  std::size_t n = distributions.size();
  double z[64];
  std::vector<double> spill;
  double* normals = n <= 64 ? z : (spill.resize(n), spill.data());
  for (std::size_t i = 0; i < n; ++i)
    normals[i] = normal_quantile(uniform01(seed, draw, static_cast<std::uint32_t>(i)));
  for (std::size_t i = 0; i < n; ++i) {
    double x = 0;
    for (std::size_t j = 0; j <= i; ++j)
      x += factor(i, j) * normals[j];
    double u = std::clamp(normal_cdf(x), 1e-300, 1 - 1e-16);
    out[i] = quantile(distributions[i], u);
  }
}

Summary summarise(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  Summary s;
  double n = static_cast<double>(sorted.size());
  double sum = 0, below = 0;
  for (double v : values)
    sum += v, below += v < 0;
  s.mean = sum / n;
  double squares = 0;
  for (double v : values)
    squares += (v - s.mean) * (v - s.mean);
  s.sd = sorted.size() > 1 ? std::sqrt(squares / (n - 1)) : 0;
  s.se = s.sd / std::sqrt(n);
  s.min = sorted.front();
  s.max = sorted.back();
  s.p_below_zero = below / n;
  s.p5 = percentile(sorted, 0.05);
  s.p10 = percentile(sorted, 0.10);
  s.p25 = percentile(sorted, 0.25);
  s.p50 = percentile(sorted, 0.50);
  s.p75 = percentile(sorted, 0.75);
  s.p90 = percentile(sorted, 0.90);
  s.p95 = percentile(sorted, 0.95);
  return s;
}

}  // namespace model
