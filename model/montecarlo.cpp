#include "model/montecarlo.h"

#include "model/draw_statistics.h"

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

ParameterSampler::ParameterSampler(const Eigen::MatrixXd& factor,
                                   std::vector<Distribution> distributions)
    : distributions_(std::move(distributions)) {
  std::size_t n = distributions_.size();
  for (std::size_t i = 0; i < n; ++i) {
    bool alone = true;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i && (factor(i, j) != 0 || factor(j, i) != 0)) alone = false;
    independent_.push_back(alone);
    std::vector<double> row;
    for (std::size_t j = 0; j <= i; ++j)
      row.push_back(factor(i, j));
    rows_.push_back(std::move(row));
    const Distribution& d = distributions_[i];
    std::vector<double> cumulative;
    if (d.kind == Distribution::Kind::discrete) {  // the sums quantile() makes, in its order
      double total = 0;
      for (std::size_t k = 0; k < d.values.size(); ++k)
        total += d.weights.empty() ? 1.0 : d.weights[k];
      double sum = 0;
      for (std::size_t k = 0; k < d.values.size(); ++k)
        cumulative.push_back(sum += (d.weights.empty() ? 1.0 : d.weights[k]) / total);
    }
    cumulative_.push_back(std::move(cumulative));
    bounds_.push_back(d.kind == Distribution::Kind::normal ||
                              d.kind == Distribution::Kind::lognormal
                          ? normal_bounds(d)
                          : NormalBounds{});
  }
}

double ParameterSampler::value(std::size_t i, double u) const {
  const Distribution& d = distributions_[i];
  if (d.kind == Distribution::Kind::normal || d.kind == Distribution::Kind::lognormal)
    return quantile(d, u, bounds_[i]);
  if (d.kind != Distribution::Kind::discrete) return quantile(d, u);
  const std::vector<double>& cumulative = cumulative_[i];
  for (std::size_t k = 0; k < cumulative.size(); ++k)
    if (u < cumulative[k]) return d.values[k];
  return d.values.back();
}

// A PERT of no width is its low end, kept as it is (even -0), not a search.
bool ParameterSampler::costly(std::size_t i) const {
  const Distribution& d = distributions_[i];
  return d.kind == Distribution::Kind::pert && d.high > d.low;
}

void ParameterSampler::draw(std::uint64_t seed, std::uint64_t draw, std::span<double> out,
                            bool costly_too) const {
  std::size_t n = distributions_.size();
  double z[64];
  std::vector<double> spill;
  double* normals = n <= 64 ? z : (spill.resize(n), spill.data());
  // A parameter correlated with none keeps its uniform as it is: mapping it to
  // a normal and back would only cost time (and the last bits).
  DrawUniforms uniforms(seed, draw);
  for (std::size_t i = 0; i < n; ++i) {
    double u = uniforms.at(static_cast<std::uint32_t>(i));
    if (independent_[i]) {
      if (costly_too || !costly(i)) out[i] = value(i, u);
      normals[i] = 0;
    } else {
      normals[i] = normal_quantile(u);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (independent_[i] || (!costly_too && costly(i))) continue;
    double x = 0;
    for (std::size_t j = 0; j <= i; ++j)
      x += rows_[i][j] * normals[j];
    double u = std::clamp(normal_cdf(x), 1e-300, 1 - 1e-16);
    out[i] = value(i, u);
  }
}

ParameterKey::ParameterKey(const Distribution& d) {
  if (d.kind != Distribution::Kind::discrete) return;
  levels_ = d.values;
  std::sort(levels_.begin(), levels_.end());
  levels_.erase(std::unique(levels_.begin(), levels_.end()), levels_.end());
}

std::uint64_t ParameterKey::operator()(double x) const {
  if (levels_.empty()) return order_key(x);
  return static_cast<std::uint64_t>(std::lower_bound(levels_.begin(), levels_.end(), x) -
                                    levels_.begin());
}

double ParameterKey::value(std::uint64_t key) const {
  return levels_.empty() ? real_of_key(key) : levels_[key];
}

void draw_values(const Eigen::MatrixXd& factor, const std::vector<Distribution>& distributions,
                 std::uint64_t seed, std::uint64_t draw, std::span<double> out) {
  ParameterSampler(factor, distributions).draw(seed, draw, out);
}

}  // namespace model
