// Parameters drawn per year (model/montecarlo.h, Stepping): each step's
// marginal, the lag-1 rank correlation an autocorrelation implies, the
// correlation with another parameter step by step, and draws that do not
// depend on the threads.
#include <doctest/doctest.h>

#include "tests/print.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "model/montecarlo.h"
#include "model/simulation.h"
#include "tests/model/spearman.h"

using namespace model;

using test::spearman;

namespace {

constexpr int kDraws = 20000, kSteps = 9;

double triangular_cdf(const Distribution& d, double x) {
  if (x <= d.low) return 0;
  if (x >= d.high) return 1;
  double w = d.high - d.low;
  if (x <= d.mode) return (x - d.low) * (x - d.low) / (w * (d.mode - d.low));
  return 1 - (d.high - x) * (d.high - x) / (w * (d.high - d.mode));
}

// The Kolmogorov-Smirnov statistic of a sample against a CDF.
template <typename Cdf>
double ks_statistic(std::vector<double> xs, Cdf cdf) {
  std::sort(xs.begin(), xs.end());
  double n = static_cast<double>(xs.size()), d = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    double f = cdf(xs[i]);
    d = std::max({d, f - i / n, (i + 1) / n - f});
  }
  return d;
}

// steps[p][t][draw] for every draw of a sampler.
std::vector<std::vector<std::vector<double>>> draw_all(const ParameterSampler& s,
                                                       std::uint64_t seed) {
  std::vector<std::vector<std::vector<double>>> out(s.size());
  for (std::size_t p = 0; p < s.size(); ++p)
    out[p].assign(s.steps(p), std::vector<double>(kDraws));
  std::vector<double> row(s.width());
  for (int d = 0; d < kDraws; ++d) {
    s.draw(seed, d, row);
    for (std::size_t p = 0; p < s.size(); ++p)
      for (int t = 0; t < s.steps(p); ++t)
        out[p][t][d] = row[s.offset(p) + t];
  }
  return out;
}

// Spearman's rho of a Gaussian copula of normal-score correlation r.
double spearman_of(double r) {
  return 6 / M_PI * std::asin(r / 2);
}

const Distribution kUplift{Distribution::Kind::triangular, 0.01, 0.05, 0.02};
const Distribution kChange{Distribution::Kind::uniform, -0.05, 0.01};

}  // namespace

TEST_CASE("each step of a per-year parameter has the distribution's marginal") {
  auto identity = std::get<Eigen::MatrixXd>(copula_factor(2, {}, {"u", "c"}));
  ParameterSampler s(identity, {kUplift, kChange}, {{kSteps, 0.6}, {kSteps, 0}});
  auto steps = draw_all(s, 2019);
  // Kolmogorov-Smirnov at the 0.1% level: 1.95 / sqrt(n).
  double critical = 1.95 / std::sqrt(double(kDraws));
  for (int t = 0; t < kSteps; ++t) {
    CAPTURE(t);
    CHECK(ks_statistic(steps[0][t], [](double x) { return triangular_cdf(kUplift, x); }) <
          critical);
    CHECK(ks_statistic(steps[1][t], [](double x) { return (x + 0.05) / 0.06; }) < critical);
  }
}

TEST_CASE("consecutive steps show the rank correlation the autocorrelation implies") {
  auto identity = std::get<Eigen::MatrixXd>(copula_factor(1, {}, {"u"}));
  for (double rho : {0.0, 0.6, -0.4, 0.9}) {
    CAPTURE(rho);
    ParameterSampler s(identity, {kUplift}, {{kSteps, rho}});
    auto steps = draw_all(s, 7);
    double target = spearman_of(rho);
    // Spearman's rho has a standard error of about (1 - rho_s^2) / sqrt(n).
    double se = (1 - target * target) / std::sqrt(double(kDraws));
    for (int t = 1; t < kSteps; ++t) {
      CAPTURE(t);
      CHECK(std::fabs(spearman(steps[0][t - 1], steps[0][t]) - target) < 4 * se);
    }
    // Two steps apart: rho^2 on the normal scores.
    CHECK(std::fabs(spearman(steps[0][2], steps[0][4]) - spearman_of(rho * rho)) < 4 * se + 0.005);
  }
}

TEST_CASE("a correlation with another per-year parameter applies at every step") {
  auto factor = std::get<Eigen::MatrixXd>(copula_factor(2, {{0, 1, 0.5}}, {"u", "c"}));
  ParameterSampler s(factor, {kUplift, kChange}, {{kSteps, 0.6}, {kSteps, 0.6}});
  auto steps = draw_all(s, 11);
  double se = (1 - 0.25) / std::sqrt(double(kDraws));
  for (int t = 0; t < kSteps; ++t) {
    CAPTURE(t);
    CHECK(std::fabs(spearman(steps[0][t], steps[1][t]) - 0.5) < 4 * se);
  }
}

TEST_CASE("a one-value parameter is correlated with step t of a per-year one as rho^t says") {
  auto factor = std::get<Eigen::MatrixXd>(copula_factor(2, {{0, 1, 0.5}}, {"u", "x"}));
  ParameterSampler s(factor, {kUplift, kChange}, {{kSteps, 0.6}, {1, 0}});
  auto steps = draw_all(s, 13);
  double r = 2 * std::sin(M_PI * 0.5 / 6);  // the normal-score correlation of rank 0.5
  for (int t : {0, 1, 4}) {
    CAPTURE(t);
    double target = spearman_of(r * std::pow(0.6, t));
    CHECK(std::fabs(spearman(steps[0][t], steps[1][0]) - target) < 4 / std::sqrt(double(kDraws)));
  }
}

TEST_CASE("one-step parameters draw as they did before steps existed") {
  auto factor = std::get<Eigen::MatrixXd>(copula_factor(3, {{0, 1, 0.5}}, {"a", "b", "c"}));
  std::vector<Distribution> d = {kUplift, kChange, kChange};
  ParameterSampler plain(factor, d), stepped(factor, d, {{1, 0}, {3, 0.5}, {1, 0}});
  std::vector<double> a(3), b(stepped.width());
  for (int draw = 0; draw < 100; ++draw) {
    plain.draw(5, draw, a);
    stepped.draw(5, draw, b);
    CHECK(a[0] == b[0]);
    CHECK(a[1] == b[1]);  // step 1 of the per-year parameter
    CHECK(a[2] == b[stepped.offset(2)]);
  }
}

namespace {

// Each value in pence, summed: a model of the draws' values alone.
class SumOfValues final : public DrawModel {
 public:
  std::optional<std::string> evaluate(std::span<const double> values,
                                      std::span<std::int64_t> out) override {
    double sum = 0;
    for (double v : values)
      sum += v;
    out[0] = std::llround(sum * 1e8);
    out[1] = std::llround(values[0] * 1e8);
    return std::nullopt;
  }
};

}  // namespace

TEST_CASE("per-year draws and their summary are the same for any number of threads") {
  MonteCarloPlan plan;
  plan.parameters = {"defaults.uplift", "funding.grant.change"};
  plan.distributions = {kUplift, Distribution{Distribution::Kind::pert, -0.05, 0.01, -0.01}};
  plan.correlations = {{0, 1, -0.4}};
  plan.stepping = {{kSteps, 0.6}, {4, 0.3}};
  plan.draws = 3001, plan.seed = 3;
  plan.metrics = {"sum", "first"};
  plan.scales = {Scale::pence, Scale::pence};
  CHECK(value_names(plan)[0] == "defaults.uplift[1]");
  CHECK(value_names(plan).back() == "funding.grant.change[4]");
  std::vector<std::vector<double>> rows[3];
  std::vector<MonteCarloSummary> summaries;
  int replayed = 0;
  for (int threads : {1, 2, 3}) {
    plan.threads = threads;
    MonteCarloCallbacks callbacks;
    callbacks.draws = [&](const DrawTable& table) {
      for (std::size_t d = 0; d < table.size(); ++d) {
        std::vector<double> v(kSteps + 4);
        table.parameters(d, v);
        rows[threads - 1].push_back(v);
        // The table's values (every step drawn again) give the draw's metric again.
        std::int64_t metric[2];
        SumOfValues().evaluate(v, metric);
        replayed += metric[0] == table.metric(0, d) ? 1 : 0;
      }
    };
    auto outcome = run_monte_carlo(
        plan, [] { return std::make_unique<SumOfValues>(); }, callbacks);
    REQUIRE(std::holds_alternative<MonteCarloSummary>(outcome));
    summaries.push_back(std::get<MonteCarloSummary>(outcome));
  }
  CHECK(rows[0] == rows[1]);
  CHECK(rows[0] == rows[2]);
  for (int t = 1; t < 3; ++t) {
    CHECK(summaries[t].rank == summaries[0].rank);
    CHECK(summaries[t].partial == summaries[0].partial);
    CHECK(summaries[t].metric_summaries[0].mean == summaries[0].metric_summaries[0].mean);
  }
  CHECK(replayed == 3 * 3001);
  // One rank correlation per parameter, on the mean of its steps: the
  // 9-step uplift moves the sum most.
  REQUIRE(summaries[0].rank.size() == 2);
  CHECK(summaries[0].rank[0][0] > 0.5);
}

namespace {

// A metric that the first parameter's path alone drives: the sum of a
// yearly amount compounded by its steps, as a contract's cost is (in 1e-8).
class Compounded : public DrawModel {
 public:
  std::optional<std::string> evaluate(std::span<const double> values,
                                      std::span<std::int64_t> out) override {
    double amount = 1, sum = 0;
    for (int t = 0; t < kSteps; ++t)
      sum += amount *= 1 + values[t];
    out[0] = std::llround(sum * 1e8);
    return std::nullopt;
  }
};

}  // namespace

TEST_CASE("a path's partial rank correlation controls for every step of another path") {
  // The metric compounds the uplift's path; the grant moves with the uplift
  // step by step (rank correlation 0.6) but does not enter the metric. Its
  // rank correlation (on the mean of its path) is not zero; controlling for
  // the uplift's mean alone would leave it a partial one too (0.1 or more),
  // since the grant's path says something of the uplift's early years, which
  // compound longest, that the mean does not. Controlling for each of the
  // uplift's steps, it is zero within sampling noise (1/sqrt(draws) = 0.007)
  // and the nonlinearity of compounding.
  MonteCarloPlan plan;
  plan.parameters = {"defaults.uplift", "funding.grant.change"};
  plan.distributions = {kUplift, Distribution{Distribution::Kind::uniform, -0.05, 0.01}};
  plan.correlations = {{0, 1, 0.6}};
  plan.stepping = {{kSteps, 0.6}, {kSteps, 0.0}};
  plan.draws = kDraws, plan.seed = 11, plan.threads = 2;
  plan.metrics = {"compounded"};
  plan.scales = {Scale::pence};
  auto outcome = run_monte_carlo(plan, [] { return std::make_unique<Compounded>(); }, {});
  REQUIRE(std::holds_alternative<MonteCarloSummary>(outcome));
  const MonteCarloSummary& s = std::get<MonteCarloSummary>(outcome);
  CHECK(s.rank[1][0] > 0.2);
  CHECK(std::fabs(s.partial[1][0]) < 0.03);
  CHECK(s.partial[0][0] > 0.8);  // the uplift's own path does drive it
}
