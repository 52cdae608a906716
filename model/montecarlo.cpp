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
                                   std::vector<Distribution> distributions,
                                   std::vector<Stepping> stepping)
    : distributions_(std::move(distributions)), stepping_(std::move(stepping)) {
  std::size_t n = distributions_.size();
  stepping_.resize(n);
  offsets_.push_back(0);
  for (const Stepping& s : stepping_) {
    offsets_.push_back(offsets_.back() + static_cast<std::size_t>(s.steps));
    most_steps_ = std::max(most_steps_, s.steps);
  }
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
    beta_.emplace_back();
    if (d.kind == Distribution::Kind::pert && d.high > d.low) {  // as quantile() has them
      double width = d.high - d.low;
      beta_.back().emplace(1 + 4 * (d.mode - d.low) / width, 1 + 4 * (d.high - d.mode) / width);
    }
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
  if (beta_[i]) return d.low + (d.high - d.low) * (*beta_[i])(u);
  if (d.kind != Distribution::Kind::discrete) return quantile(d, u);
  const std::vector<double>& cumulative = cumulative_[i];
  for (std::size_t k = 0; k < cumulative.size(); ++k)
    if (u < cumulative[k]) return d.values[k];
  return d.values.back();
}

double ParameterSampler::summary(std::size_t i, std::span<const double> values) const {
  if (stepping_[i].steps == 1) return values[offsets_[i]];
  double sum = 0;
  for (std::size_t k = offsets_[i]; k < offsets_[i + 1]; ++k)
    sum += values[k];
  return sum / stepping_[i].steps;
}

namespace {

double clamped_cdf(double x) {
  return std::clamp(normal_cdf(x), 1e-300, 1 - 1e-16);
}

}  // namespace

void ParameterSampler::draw(std::uint64_t seed, std::uint64_t draw, std::span<double> out,
                            bool paths_too) const {
  std::size_t n = distributions_.size();
  double z[64], first[64];
  std::vector<double> spill, spill_first;
  double* normals = n <= 64 ? z : (spill.resize(n), spill.data());
  double* scores = n <= 64 ? first : (spill_first.resize(n), spill_first.data());
  // A parameter correlated with none keeps its uniform as it is: mapping it to
  // a normal and back would only cost time (and the last bits).
  DrawUniforms uniforms(seed, draw);
  for (std::size_t i = 0; i < n; ++i) {
    double u = uniforms.at(static_cast<std::uint32_t>(i));
    if (independent_[i]) {
      if (paths_too || stepping_[i].steps == 1) out[offsets_[i]] = value(i, u);
      normals[i] = 0;
      // An AR(1) of several steps starts from this step's normal score.
      scores[i] =
          stepping_[i].steps > 1 && stepping_[i].autocorrelation != 0 ? normal_quantile(u) : 0;
    } else {
      normals[i] = normal_quantile(u);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (independent_[i]) continue;
    double x = 0;
    for (std::size_t j = 0; j <= i; ++j)
      x += rows_[i][j] * normals[j];
    scores[i] = x;
    if (paths_too || stepping_[i].steps == 1) out[offsets_[i]] = value(i, clamped_cdf(x));
  }
  if (most_steps_ > 1 && paths_too) draw_later_steps(uniforms, {scores, n}, out);
}

// Steps 1, 2, ... of the parameters that have them: each step's copula
// vector from counters of its own drives the AR(1) innovation. An
// independent parameter of no autocorrelation takes each step's uniform as
// it is.
void ParameterSampler::draw_later_steps(const DrawUniforms& uniforms, std::span<double> scores,
                                        std::span<double> out) const {
  std::size_t n = distributions_.size();
  double z[64];
  std::vector<double> spill;
  double* normals = n <= 64 ? z : (spill.resize(n), spill.data());
  for (int t = 1; t < most_steps_; ++t) {
    auto counter = [&](std::size_t i) { return static_cast<std::uint32_t>(t * n + i); };
    for (std::size_t i = 0; i < n; ++i) {
      bool own = stepping_[i].steps > t && stepping_[i].autocorrelation != 0;
      normals[i] = independent_[i] && !own ? 0 : normal_quantile(uniforms.at(counter(i)));
    }
    for (std::size_t i = 0; i < n; ++i) {
      const Stepping& s = stepping_[i];
      if (s.steps <= t) continue;
      double* into = &out[offsets_[i] + t];
      if (independent_[i] && s.autocorrelation == 0) {
        *into = value(i, uniforms.at(counter(i)));
        continue;
      }
      double w = normals[i];
      if (!independent_[i]) {
        w = 0;
        for (std::size_t j = 0; j <= i; ++j)
          w += rows_[i][j] * normals[j];
      }
      double rho = s.autocorrelation;
      scores[i] = rho * scores[i] + std::sqrt(1 - rho * rho) * w;
      *into = value(i, clamped_cdf(scores[i]));
    }
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
