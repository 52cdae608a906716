#include <doctest/doctest.h>

#include "tests/print.h"

#include <cmath>

#include "model/draw_statistics.h"
#include "model/montecarlo.h"
#include "tests/model/spearman.h"

using namespace model;

using test::spearman;

TEST_CASE("the copula achieves the target rank correlation") {
  std::vector<Distribution> d = {{Distribution::Kind::uniform, 0, 1},
                                 {Distribution::Kind::triangular, 0, 10, 2}};
  auto factor = std::get<Eigen::MatrixXd>(copula_factor(2, {{0, 1, -0.5}}, {"a", "b"}));
  const int n = 20000;
  std::vector<double> a(n), b(n), row(2);
  for (int i = 0; i < n; ++i) {
    draw_values(factor, d, 2019, i, row);
    a[i] = row[0], b[i] = row[1];
  }
  // The standard error of Spearman's rho is about (1 - rho^2) / sqrt(n) = 0.0053.
  CHECK(std::fabs(spearman(a, b) - -0.5) < 4 * 0.0053);
  // Uncorrelated without a correlation.
  auto identity = std::get<Eigen::MatrixXd>(copula_factor(2, {}, {"a", "b"}));
  for (int i = 0; i < n; ++i) {
    draw_values(identity, d, 2019, i, row);
    a[i] = row[0], b[i] = row[1];
  }
  CHECK(std::fabs(spearman(a, b)) < 4 / std::sqrt(double(n)));
}

TEST_CASE("inconsistent correlations name the pair that breaks them") {
  // 2 sin(0.1 pi) = 0.618: a-b and b-c alone leave det = 1 - 2 x 0.618^2 > 0; adding
  // a-c at -0.618 makes it 1 - 3 x 0.382 - 2 x 0.236 < 0.
  auto r = copula_factor(3, {{0, 1, 0.6}, {1, 2, 0.6}, {0, 2, -0.6}}, {"a", "b", "c"});
  REQUIRE(std::holds_alternative<std::string>(r));
  CHECK(std::get<std::string>(r) ==
        "the correlations are not consistent (the matrix is not positive definite) once a and c "
        "(-0.6) are added");
}

TEST_CASE("the sampler draws what quantile() gives for its uniforms") {
  using Kind = Distribution::Kind;
  std::vector<Distribution> d(5);
  d[0].kind = Kind::uniform, d[0].low = -1, d[0].high = 3;
  d[1].kind = Kind::triangular, d[1].low = 0, d[1].high = 10, d[1].mode = 2;
  d[2].kind = Kind::pert, d[2].low = 0, d[2].high = 0.06, d[2].mode = 0.02;
  d[3].kind = Kind::discrete, d[3].values = {3, 1, 2}, d[3].weights = {0.2, 0.5, 0.3};
  d[4].kind = Kind::lognormal, d[4].low = 1, d[4].high = 100, d[4].mean = 2, d[4].sd = 0.5;
  auto identity = std::get<Eigen::MatrixXd>(copula_factor(5, {}, {"a", "b", "c", "d", "e"}));
  ParameterSampler sampler(identity, d);
  std::vector<double> row(5);
  for (std::uint64_t draw = 0; draw < 2000; ++draw) {
    sampler.draw(2019, draw, row);
    for (std::uint32_t i = 0; i < 5; ++i) {
      double expected = quantile(d[i], uniform01(2019, draw, i));
      // PERT by interpolation (model/beta_quantile.h), the search's within 1e-13 of the width.
      if (i == 2)
        REQUIRE(std::fabs(row[i] - expected) <= 1e-13 * 0.06);
      else
        REQUIRE(row[i] == expected);
    }
  }
  Distribution point = d[2];
  point.low = point.high = point.mode = -0.0;  // a PERT of no width is its low end, as it is
  ParameterSampler(identity.topLeftCorner(1, 1), {point}).draw(1, 1, row);
  CHECK(std::signbit(row[0]));
  CHECK(row[0] == 0);
}

TEST_CASE("without paths_too, a path is left alone and every other value is the same") {
  using Kind = Distribution::Kind;
  std::vector<Distribution> d(3);
  d[0].kind = Kind::uniform, d[0].low = -1, d[0].high = 3;
  d[1].kind = Kind::pert, d[1].low = 0, d[1].high = 0.06, d[1].mode = 0.02;
  d[2].kind = Kind::triangular, d[2].low = 0, d[2].high = 10, d[2].mode = 2;
  auto factor =
      std::get<Eigen::MatrixXd>(copula_factor(3, {{1, 0, 0.7}, {2, 1, 0.4}}, {"a", "b", "c"}));
  ParameterSampler sampler(factor, d, {{}, {4, 0.6}, {}});
  REQUIRE(sampler.width() == 6);
  std::vector<double> row(6), cheap(6);
  for (std::uint64_t draw = 0; draw < 500; ++draw) {
    sampler.draw(7, draw, row);
    cheap.assign(6, -7);
    sampler.draw(7, draw, cheap, false);
    for (std::size_t k = 1; k <= 4; ++k)
      REQUIRE(cheap[k] == -7);  // the path's four steps, left alone
    REQUIRE(cheap[0] == row[0]);
    REQUIRE(cheap[5] == row[5]);
  }
}

TEST_CASE("parameter keys keep the values' order and give them back") {
  Distribution discrete;
  discrete.kind = Distribution::Kind::discrete;
  discrete.values = {2, -0.0, 5, 2, 0.0, -3};
  ParameterKey key(discrete);
  // Distinct values -3, 0, 2, 5: keys 0..3; -0 and 0 are one value.
  CHECK(key(-3) == 0);
  CHECK(key(-0.0) == 1);
  CHECK(key(0.0) == 1);
  CHECK(key(2) == 2);
  CHECK(key(5) == 3);
  CHECK(key.value(3) == 5);
  CHECK(key.value(0) == -3);
  Distribution uniform;
  ParameterKey real(uniform);
  CHECK(real(-0.25) < real(-0.125));
  CHECK(real(0.125) < real(0.25));
  CHECK(real.value(real(0.1)) == 0.1);
  CHECK(real.value(real(-7.5)) == -7.5);
}
