// Partial rank correlations against the three-variable closed form worked by
// hand, against least-squares residuals of the ranks computed here
// separately, on draws like the Monte Carlo's with a bystander parameter,
// and in the degenerate cases the header names.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numbers>
#include <numeric>
#include <random>
#include <vector>

#include <Eigen/Dense>

#include "model/draw_statistics.h"
#include "model/partial_correlation.h"

using model::PackedRanks;
using model::partial_rank_correlations;
using model::rank_correlation_matrix;

namespace {

// Twice each value's rank (1..n, ties sharing their average), by a plain
// sort: no use of the model's own ranking.
std::vector<std::uint32_t> doubled_ranks_by_sort(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<std::uint32_t> doubled(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i + 1;
    while (j < order.size() && values[order[j]] == values[order[i]])
      ++j;
    for (std::size_t t = i; t < j; ++t)
      doubled[order[t]] = static_cast<std::uint32_t>(i + 1 + j);  // (i+1) + j: twice the average
    i = j;
  }
  return doubled;
}

// Series of values, ranked, held as PackedRanks over their own buffers.
struct RankedSeries {
  explicit RankedSeries(const std::vector<std::vector<double>>& series) {
    for (const auto& s : series)
      doubled.push_back(doubled_ranks_by_sort(s));
    for (const auto& d : doubled)
      packed.emplace_back(reinterpret_cast<const unsigned char*>(d.data()), d.size());
  }
  std::vector<std::vector<std::uint32_t>> doubled;
  std::vector<PackedRanks> packed;
};

// Standard normals by Box-Muller from a fixed seed.
class Normals {
 public:
  explicit Normals(std::uint64_t seed) : engine_(seed) {}
  double operator()() {
    if (have_spare_) return have_spare_ = false, spare_;
    double u1 = 1.0 - uniform(), u2 = uniform();  // u1 in (0, 1]
    double radius = std::sqrt(-2.0 * std::log(u1)), angle = 2.0 * std::numbers::pi * u2;
    spare_ = radius * std::sin(angle), have_spare_ = true;
    return radius * std::cos(angle);
  }

 private:
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1p-53; }
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool have_spare_ = false;
};

// Pearson's correlation of two columns.
double pearson(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  Eigen::VectorXd dx = x.array() - x.mean(), dy = y.array() - y.mean();
  return dx.dot(dy) / std::sqrt(dx.squaredNorm() * dy.squaredNorm());
}

// What is left of `y` after a least-squares fit on a constant and `regressors`.
Eigen::VectorXd residuals(const Eigen::VectorXd& y,
                          const std::vector<Eigen::VectorXd>& regressors) {
  Eigen::MatrixXd design(y.size(), 1 + regressors.size());
  design.col(0).setOnes();
  for (std::size_t c = 0; c < regressors.size(); ++c)
    design.col(1 + c) = regressors[c];
  Eigen::VectorXd beta = design.householderQr().solve(y);
  return y - design * beta;
}

Eigen::VectorXd as_column(const std::vector<std::uint32_t>& doubled) {
  Eigen::VectorXd v(doubled.size());
  for (std::size_t i = 0; i < doubled.size(); ++i)
    v(i) = doubled[i];
  return v;
}

}  // namespace

TEST_CASE("rank_correlation_matrix: each pair's Spearman correlation, 1 on the diagonal") {
  // Spearman by 1 - 6 sum d^2 / (n (n^2 - 1)), n = 4, n (n^2 - 1) = 60:
  // b reversed: d = 3, 1, -1, -3, sum 20, -1; c swaps pairs: sum 4, 1 - 24/60 = 0.6;
  // b against c: ranks 4,3,2,1 and 2,1,4,3, d = 2,2,-2,-2, sum 16, 1 - 96/60 = -0.6.
  RankedSeries s({{10, 20, 30, 40}, {4, 3, 2, 1}, {2, 1, 4, 3}, {7, 7, 7, 7}});
  Eigen::MatrixXd r = rank_correlation_matrix(s.packed);
  Eigen::MatrixXd expected(4, 4);
  expected << 1, -1, 0.6, 0,  //
      -1, 1, -0.6, 0,         //
      0.6, -0.6, 1, 0,        //
      0, 0, 0, 1;             // the constant series reads as independent
  CHECK((r - expected).cwiseAbs().maxCoeff() < 1e-15);
  CHECK(r == r.transpose());
  CHECK(rank_correlation_matrix({}).size() == 0);
}

TEST_CASE("partial_rank_correlations: three variables, the closed form worked by hand") {
  // Parameters x, z; metrics y, w. r_xz = 0.5; r_xy = 0.6, r_zy = 0.3; r_xw = 0.2,
  // r_zw = -0.4; r_yw = 0.7 (leading minors 1, 0.75, 0.48, 0.0485: positive definite).
  // r_xy.z = (r_xy - r_xz r_zy) / sqrt((1 - r_xz^2)(1 - r_zy^2)):
  //   x, y: (0.6 - 0.15) / sqrt(0.75 * 0.91) = 0.45 / sqrt(0.6825) = 0.544704779...
  //   z, y: (0.3 - 0.3) / sqrt(0.75 * 0.64) = 0: z is a bystander for y
  //   x, w: (0.2 + 0.2) / sqrt(0.75 * 0.84) = 0.4 / sqrt(0.63) = 0.503952630...
  //   z, w: (-0.4 - 0.1) / sqrt(0.75 * 0.96) = -0.5 / sqrt(0.72) = -0.589255650...
  // y and w are not controlled for each other: r_yw changes none of these.
  Eigen::MatrixXd r(4, 4);
  r << 1, 0.5, 0.6, 0.2,  //
      0.5, 1, 0.3, -0.4,  //
      0.6, 0.3, 1, 0.7,   //
      0.2, -0.4, 0.7, 1;
  Eigen::MatrixXd partial = partial_rank_correlations(r, 2);
  REQUIRE(partial.rows() == 2);
  REQUIRE(partial.cols() == 2);
  CHECK(partial(0, 0) == doctest::Approx(0.45 / std::sqrt(0.6825)).epsilon(1e-14));
  CHECK(partial(0, 0) == doctest::Approx(0.544704779).epsilon(1e-9));
  CHECK(std::abs(partial(1, 0)) < 1e-15);
  CHECK(partial(0, 1) == doctest::Approx(0.4 / std::sqrt(0.63)).epsilon(1e-14));
  CHECK(partial(0, 1) == doctest::Approx(0.503952630).epsilon(1e-9));
  CHECK(partial(1, 1) == doctest::Approx(-0.5 / std::sqrt(0.72)).epsilon(1e-14));
  CHECK(partial(1, 1) == doctest::Approx(-0.589255650).epsilon(1e-9));

  Eigen::MatrixXd other_r_yw = r;
  other_r_yw(2, 3) = other_r_yw(3, 2) = -0.1;
  CHECK((partial_rank_correlations(other_r_yw, 2) - partial).cwiseAbs().maxCoeff() < 1e-15);
}

TEST_CASE("partial_rank_correlations: five variables, against residuals of least squares") {
  // Four parameters (two of them correlated, one with ties) and two metrics;
  // 80 draws. Each partial is the correlation of what is left of p's ranks
  // and of the metric's ranks after a least-squares fit on the other
  // parameters' ranks, by Householder QR here.
  Normals normal(20240601);
  const std::size_t n = 80;
  std::vector<std::vector<double>> s(6, std::vector<double>(n));
  for (std::size_t d = 0; d < n; ++d) {
    double a = normal(), b = normal(), c = normal(), e = normal(), f = normal(), g = normal();
    s[0][d] = a;
    s[1][d] = 0.6 * a + 0.8 * b;
    s[2][d] = std::round(2 * c);  // ties
    s[3][d] = e;
    s[4][d] = std::exp(a) + 0.5 * c - 0.3 * s[1][d] + 0.7 * f;
    s[5][d] = a * a + e + 0.4 * g;
  }
  RankedSeries ranked(s);
  const std::size_t k = 4;
  Eigen::MatrixXd partial = partial_rank_correlations(rank_correlation_matrix(ranked.packed), k);
  Eigen::MatrixXd by_inverse(k, 2);
  for (std::size_t j = 0; j < 2; ++j) {
    std::vector<PackedRanks> with_j(ranked.packed.begin(), ranked.packed.begin() + k);
    with_j.push_back(ranked.packed[k + j]);
    Eigen::MatrixXd p = rank_correlation_matrix(with_j).inverse();
    for (std::size_t q = 0; q < k; ++q)
      by_inverse(q, j) = -p(q, k) / std::sqrt(p(q, q) * p(k, k));
  }
  for (std::size_t q = 0; q < k; ++q) {
    std::vector<Eigen::VectorXd> others;
    for (std::size_t o = 0; o < k; ++o)
      if (o != q) others.push_back(as_column(ranked.doubled[o]));
    Eigen::VectorXd left_of_q = residuals(as_column(ranked.doubled[q]), others);
    for (std::size_t j = 0; j < 2; ++j) {
      CAPTURE(q);
      CAPTURE(j);
      double expected = pearson(left_of_q, residuals(as_column(ranked.doubled[k + j]), others));
      CHECK(std::abs(partial(q, j) - expected) < 1e-12);
      CHECK(std::abs(by_inverse(q, j) - expected) < 1e-12);
    }
  }
  CHECK(std::abs(partial(0, 0)) > 0.5);  // not all near zero: the check has teeth
}

namespace {

// Draws like the Monte Carlo's: u1 and u2 standard normals correlated -0.5,
// u3 independent of both.
std::vector<std::vector<double>> correlated_draws(std::size_t n) {
  Normals normal(19);
  std::vector<std::vector<double>> u(3, std::vector<double>(n));
  for (std::size_t d = 0; d < n; ++d) {
    double z1 = normal(), z2 = normal(), z3 = normal();
    u[0][d] = z1, u[1][d] = -0.5 * z1 + std::sqrt(0.75) * z2, u[2][d] = z3;
  }
  return u;
}

}  // namespace

TEST_CASE("partial_rank_correlations: a bystander correlated with the parameter that matters") {
  // The example's case: headroom depends on the uplift, not on funding, but
  // funding is drawn correlated -0.5 with the uplift. The bystander's rank
  // correlation is about (6/pi) asin(-0.25) = -0.48; its partial stays within
  // sampling noise (about 1/sqrt(n)) of zero.
  const std::size_t n = 20000;
  const double noise = 4 / std::sqrt(static_cast<double>(n));
  auto u = correlated_draws(n);

  SUBCASE("the metric a monotone function of u1 alone") {
    std::vector<double> metric(n);
    for (std::size_t d = 0; d < n; ++d)
      metric[d] = 1000 * std::exp(0.3 * u[0][d]) - 50;
    RankedSeries ranked({u[0], u[1], metric});
    Eigen::MatrixXd r = rank_correlation_matrix(ranked.packed);
    Eigen::MatrixXd partial = partial_rank_correlations(r, 2);
    CHECK(std::abs(r(1, 2)) > 0.3);
    CHECK(std::abs(partial(1, 0)) < noise);
    CHECK(partial(0, 0) == doctest::Approx(1).epsilon(1e-12));
  }

  SUBCASE("the metric mostly u1, a little of an independent u3") {
    std::vector<double> metric(n);
    for (std::size_t d = 0; d < n; ++d)
      metric[d] = 1000 * std::exp(0.3 * u[0][d]) + 20 * u[2][d];
    RankedSeries ranked({u[0], u[1], u[2], metric});
    Eigen::MatrixXd r = rank_correlation_matrix(ranked.packed);
    Eigen::MatrixXd partial = partial_rank_correlations(r, 3);
    CHECK(std::abs(r(1, 3)) > 0.3);
    CHECK(std::abs(partial(1, 0)) < noise);
    CHECK(partial(0, 0) > 0.99);
    CHECK(partial(0, 0) < 0.9999);  // not the exact-function case above
    CHECK(partial(2, 0) > 0.5);
  }

  SUBCASE("the metric u1 and an independent u3 alike: small, though not noise") {
    // Ranks are a nonlinear view of the draws: the rank of u1 + u3 is not a
    // linear mix of their ranks, nor is the expected rank of u2 given u1, and
    // what the linear fit leaves of both shares a little. So PRCC leaves a
    // bystander a small figure beyond noise here: about -0.034 with 10^6
    // draws (where 4 / sqrt(n) is 0.004), against a rank correlation of -0.34.
    std::vector<double> metric(n);
    for (std::size_t d = 0; d < n; ++d)
      metric[d] = u[0][d] + u[2][d];
    RankedSeries ranked({u[0], u[1], u[2], metric});
    Eigen::MatrixXd r = rank_correlation_matrix(ranked.packed);
    Eigen::MatrixXd partial = partial_rank_correlations(r, 3);
    CHECK(std::abs(r(1, 3)) > 0.3);
    CHECK(std::abs(partial(1, 0)) < std::abs(r(1, 3)) / 5);
    CHECK(partial(0, 0) > 0.9);
    CHECK(partial(2, 0) > 0.9);
  }
}

TEST_CASE("partial_rank_correlations: degenerate cases give the figures the header names") {
  const std::size_t n = 500;
  auto u = correlated_draws(n);
  std::vector<double> constant(n, 3.5), metric(n), reversed(n);
  for (std::size_t d = 0; d < n; ++d)
    metric[d] = u[0][d] + 0.5 * u[2][d], reversed[d] = -u[0][d];
  auto finite_and_bounded = [](const Eigen::MatrixXd& m) {
    return m.allFinite() && m.cwiseAbs().maxCoeff() <= 1.0;
  };
  RankedSeries plain({u[0], u[1], u[2], metric});
  Eigen::MatrixXd base = partial_rank_correlations(rank_correlation_matrix(plain.packed), 3);

  SUBCASE("a constant metric: 0 for every parameter") {
    RankedSeries s({u[0], u[1], u[2], constant});
    Eigen::MatrixXd partial = partial_rank_correlations(rank_correlation_matrix(s.packed), 3);
    CHECK(partial == Eigen::MatrixXd::Zero(3, 1));
  }

  SUBCASE("a constant parameter: 0, and the others' figures as without it") {
    RankedSeries s({u[0], constant, u[1], u[2], metric});
    Eigen::MatrixXd partial = partial_rank_correlations(rank_correlation_matrix(s.packed), 4);
    CHECK(partial(1, 0) == 0);
    CHECK(std::abs(partial(0, 0) - base(0, 0)) < 1e-14);
    CHECK(std::abs(partial(2, 0) - base(1, 0)) < 1e-14);
    CHECK(std::abs(partial(3, 0) - base(2, 0)) < 1e-14);
  }

  SUBCASE("a constant with a zero diagonal is treated alike") {
    Eigen::MatrixXd r = rank_correlation_matrix(plain.packed);
    r(1, 1) = 0;
    r.row(1).setZero(), r.col(1).setZero();
    Eigen::MatrixXd partial = partial_rank_correlations(r, 3);
    CHECK(partial(1, 0) == 0);
    CHECK(finite_and_bounded(partial));
  }

  SUBCASE("a metric identical in rank to a parameter: +1 for it, 0 for the others") {
    RankedSeries s({u[0], u[1], u[2], u[0], reversed});
    Eigen::MatrixXd partial = partial_rank_correlations(rank_correlation_matrix(s.packed), 3);
    CHECK(finite_and_bounded(partial));
    CHECK(partial(0, 0) == doctest::Approx(1).epsilon(1e-12));
    CHECK(partial(1, 0) == 0);
    CHECK(partial(2, 0) == 0);
    CHECK(partial(0, 1) == doctest::Approx(-1).epsilon(1e-12));
    CHECK(partial(1, 1) == 0);
  }

  SUBCASE("two parameters identical in rank: 0 for both, the rest as without the copy") {
    RankedSeries s({u[0], u[1], u[0], u[2], metric});
    Eigen::MatrixXd partial = partial_rank_correlations(rank_correlation_matrix(s.packed), 4);
    CHECK(finite_and_bounded(partial));
    CHECK(partial(0, 0) == 0);
    CHECK(partial(2, 0) == 0);
    CHECK(std::abs(partial(1, 0) - base(1, 0)) < 1e-9);
    CHECK(std::abs(partial(3, 0) - base(2, 0)) < 1e-9);
  }

  SUBCASE("a metric exactly a linear mix of two parameters: +1 for each, clamped") {
    // y = (x + z) / sqrt(3) with r_xz = 0.5: r_xy = r_zy = 1.5 / sqrt(3); singular.
    double rxy = 1.5 / std::sqrt(3.0);
    Eigen::MatrixXd r(3, 3);
    r << 1, 0.5, rxy,  //
        0.5, 1, rxy,   //
        rxy, rxy, 1;
    Eigen::MatrixXd partial = partial_rank_correlations(r, 2);
    CHECK(finite_and_bounded(partial));
    CHECK(partial(0, 0) == doctest::Approx(1).epsilon(1e-12));
    CHECK(partial(1, 0) == doctest::Approx(1).epsilon(1e-12));
  }

  SUBCASE("one parameter: the partial is the rank correlation") {
    RankedSeries s({u[1], metric});
    Eigen::MatrixXd r = rank_correlation_matrix(s.packed);
    CHECK(partial_rank_correlations(r, 1)(0, 0) == r(0, 1));
  }

  SUBCASE("no parameters, or no metrics: empty") {
    Eigen::MatrixXd r = rank_correlation_matrix(plain.packed);
    CHECK(partial_rank_correlations(r, 0).rows() == 0);
    CHECK(partial_rank_correlations(r, 0).cols() == 4);
    CHECK(partial_rank_correlations(r, 4).rows() == 4);
    CHECK(partial_rank_correlations(r, 4).cols() == 0);
  }

  SUBCASE("the same input bits give the same output bits") {
    Eigen::MatrixXd r = rank_correlation_matrix(plain.packed);
    Eigen::MatrixXd again = partial_rank_correlations(r, 3);
    CHECK(std::memcmp(again.data(), base.data(), sizeof(double) * base.size()) == 0);
  }
}
