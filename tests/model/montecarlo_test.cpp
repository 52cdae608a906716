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
