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
  // A parameter correlated with none keeps its uniform as it is: mapping it to
  // a normal and back would only cost time (and the last bits).
  auto independent = [&](std::size_t i) {
    for (std::size_t j = 0; j < n; ++j)
      if (j != i && (factor(i, j) != 0 || factor(j, i) != 0)) return false;
    return true;
  };
  for (std::size_t i = 0; i < n; ++i) {
    double u = uniform01(seed, draw, static_cast<std::uint32_t>(i));
    if (independent(i)) {
      out[i] = quantile(distributions[i], u);
      normals[i] = 0;
    } else {
      normals[i] = normal_quantile(u);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (independent(i)) continue;
    double x = 0;
    for (std::size_t j = 0; j <= i; ++j)
      x += factor(i, j) * normals[j];
    double u = std::clamp(normal_cdf(x), 1e-300, 1 - 1e-16);
    out[i] = quantile(distributions[i], u);
  }
}

}  // namespace model
