// Monte Carlo sampling and summaries (SPEC 4): parameters drawn from their
// distributions, rank-correlated through a Gaussian copula, every draw a pure
// function of (seed, draw number), so results do not depend on threads.
#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "model/beta_quantile.h"
#include "model/distributions.h"

namespace model {

struct RankCorrelation {
  int a = 0, b = 0;  // parameter indices
  double rho = 0;    // target Spearman correlation
};

// The lower Cholesky factor of the normal copula's correlation matrix, whose
// entries are 2 sin(pi rho / 6) for each target Spearman rho. When the matrix
// is not positive definite, a message naming the first correlation (in the
// order given) after which it is not: "names[a] and names[b] (rho)".
std::variant<Eigen::MatrixXd, std::string> copula_factor(
    std::size_t parameters, const std::vector<RankCorrelation>& correlations,
    const std::vector<std::string>& names);

// How a parameter is drawn over time: one value (steps 1), or one value per
// step (anniversary or financial year) whose normal scores follow an AR(1),
// z_1 = w_1, z_t = rho z_{t-1} + sqrt(1 - rho^2) w_t, so that every step has
// the distribution's marginal and consecutive steps a normal-score
// correlation rho (a rank correlation of (6/pi) asin(rho/2)).
struct Stepping {
  int steps = 1;
  double autocorrelation = 0;  // in (-1, 1)
};

// The parameter values of one draw: independent normals from the counters,
// correlated by `factor`, mapped to uniforms and through each quantile. A
// parameter that `factor` correlates with none takes its uniform directly.
// A parameter of several steps takes one value per step: step t (from 0)
// has a copula vector of its own, w_t = factor * (normals of counters
// t*size() .. t*size() + size() - 1), whose entry drives that step's AR(1)
// innovation; parameters of one step take step 0's. So two parameters of
// several steps and the same autocorrelation are correlated as `factor`
// says at every step; a parameter of one step is correlated so with step 0
// of a per-year one, and rho^t with step t.
// What can be worked out once (which parameters are independent, the
// factor's rows, discrete cumulative weights) is, when the sampler is made.
class ParameterSampler {
 public:
  ParameterSampler(const Eigen::MatrixXd& factor, std::vector<Distribution> distributions,
                   std::vector<Stepping> stepping = {});
  std::size_t size() const { return distributions_.size(); }
  // Values a draw has: each parameter's steps, in order (parameter i's from offset(i)).
  std::size_t width() const { return offsets_.back(); }
  std::size_t offset(std::size_t i) const { return offsets_[i]; }
  int steps(std::size_t i) const { return stepping_[i].steps; }
  // What a parameter's rank correlations are computed on: its value, or the
  // mean of its steps' values.
  double summary(std::size_t i, std::span<const double> values) const;
  const Distribution& distribution(std::size_t i) const { return distributions_[i]; }
  // Without `paths_too`, the values of parameters of several steps are not
  // worked out (left as they were); every other value is the same.
  void draw(std::uint64_t seed, std::uint64_t draw, std::span<double> out,
            bool paths_too = true) const;

 private:
  double value(std::size_t i, double u) const;
  void draw_later_steps(const DrawUniforms& uniforms, std::span<double> first_scores,
                        std::span<double> out) const;
  std::vector<Distribution> distributions_;
  std::vector<Stepping> stepping_;
  std::vector<std::size_t> offsets_;  // size() + 1 entries
  int most_steps_ = 1;
  std::vector<bool> independent_;
  std::vector<std::vector<double>> rows_;          // the factor's row i, up to the diagonal
  std::vector<std::vector<double>> cumulative_;    // discrete: as quantile() adds them up
  std::vector<NormalBounds> bounds_;               // normal and lognormal
  std::vector<std::optional<BetaQuantile>> beta_;  // PERT of some width: the Beta on 0..1
};

// A parameter's sort key, in the order of its values, and back: for a
// discrete parameter, the place of its value among the distinct values (a
// few bits, where the value's own key would spread over most of 64);
// otherwise order_key() of the value (model/draw_statistics.h).
class ParameterKey {
 public:
  explicit ParameterKey(const Distribution& d);
  std::uint64_t operator()(double x) const;
  double value(std::uint64_t key) const;  // the value with this key (-0 reads as 0)

 private:
  std::vector<double> levels_;  // discrete: the distinct values, ascending
};

// One draw through a sampler made for it.
void draw_values(const Eigen::MatrixXd& factor, const std::vector<Distribution>& distributions,
                 std::uint64_t seed, std::uint64_t draw, std::span<double> out);

// Mean, its standard error, sample sd, extremes, type 7 percentiles and the
// share of values below zero (see model/draw_statistics.h): each but the
// share a two-decimal figure (pounds to the penny, or hundredths of a count).
struct Summary {
  double mean = 0, se = 0, sd = 0, min = 0, max = 0, p_below_zero = 0;
  double p5 = 0, p10 = 0, p25 = 0, p50 = 0, p75 = 0, p90 = 0, p95 = 0;
};

}  // namespace model
