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
  CHECK(sampler.costly(2));
  Distribution point = d[2];
  point.low = point.high = point.mode = -0.0;  // a PERT of no width is no search
  CHECK_FALSE(ParameterSampler(identity.topLeftCorner(1, 1), {point}).costly(0));
  CHECK_FALSE(sampler.costly(0));
  CHECK_FALSE(sampler.costly(3));
  std::vector<double> row(5), cheap(5, -7);
  for (std::uint64_t draw = 0; draw < 2000; ++draw) {
    sampler.draw(2019, draw, row);
    sampler.draw(2019, draw, cheap, false);
    for (std::uint32_t i = 0; i < 5; ++i) {
      double expected = quantile(d[i], uniform01(2019, draw, i));
      REQUIRE(row[i] == expected);
      REQUIRE(cheap[i] == (i == 2 ? -7 : expected));  // the costly one left alone
    }
  }
  // Correlated: the cheap draw still gives the others exactly.
  auto factor =
      std::get<Eigen::MatrixXd>(copula_factor(5, {{2, 0, 0.7}}, {"a", "b", "c", "d", "e"}));
  ParameterSampler correlated(factor, d);
  for (std::uint64_t draw = 0; draw < 500; ++draw) {
    correlated.draw(7, draw, row);
    cheap.assign(5, -7);
    correlated.draw(7, draw, cheap, false);
    REQUIRE(cheap[2] == -7);  // correlated, and still left alone
    for (std::size_t i = 0; i < 5; ++i)
      if (i != 2) REQUIRE(cheap[i] == row[i]);
    std::vector<double> old(5);
    draw_values(factor, d, 7, draw, old);
    REQUIRE(old == row);
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
