// The interpolated Beta quantile against two independent methods: closed
// forms where the Beta has one, and bisection over the incomplete beta
// function (model/distributions.h) everywhere else.
#include "model/beta_quantile.h"

#include <doctest/doctest.h>

#include <cmath>

#include "model/distributions.h"

using namespace model;

namespace {

// Bisection (PERT on 0..1 of relative mode m), each tail searched where its
// own CDF is small: the upper tail as 1 - the quantile of the mirrored Beta
// at 1 - u, so that neither loses digits to a CDF near 1.
double searched(double u, double mode) {
  Distribution lower{Distribution::Kind::pert, 0, 1, mode};
  Distribution upper{Distribution::Kind::pert, 0, 1, 1 - mode};
  return u < 0.5 ? quantile(lower, u) : 1 - quantile(upper, 1 - u);
}

// Uniforms over the middle and far into both tails.
std::vector<double> uniforms() {
  std::vector<double> out;
  for (int i = 1; i < 2000; ++i) {
    out.push_back((i - 0.5) / 2000);
    out.push_back(std::pow(10.0, -i / 150.0));      // down to 1e-13
    out.push_back(1 - std::pow(10.0, -i / 150.0));  // up to 1 - 1e-13
  }
  return out;
}

}  // namespace

TEST_CASE("Beta quantile: closed forms at the ends of PERT's range") {
  BetaQuantile low(1, 5), high(5, 1), flat(1, 1);  // modes 0 and 1; a uniform
  for (double u : uniforms()) {
    if (!(u > 0 && u < 1)) continue;
    REQUIRE(std::fabs(low(u) - (1 - std::pow(1 - u, 0.2))) <= 1e-13);
    REQUIRE(std::fabs(high(u) - std::pow(u, 0.2)) <= 1e-13);
    REQUIRE(std::fabs(flat(u) - u) <= 1e-15);
  }
}

TEST_CASE("Beta quantile: within 1e-13 of bisection for every PERT mode") {
  for (double mode :
       {0.0, 1e-9, 0.01, 0.05, 0.1, 0.2, 0.25, 0.3125, 0.5, 0.6, 0.75, 0.9, 0.99, 1.0}) {
    CAPTURE(mode);
    BetaQuantile q(1 + 4 * mode, 1 + 4 * (1 - mode));
    double previous = -1;
    for (double u = 1e-5; u < 1; u += 1e-5) {  // monotone, on a fine grid
      double x = q(u);
      REQUIRE(x >= previous);
      previous = x;
    }
    for (double u : uniforms()) {
      if (!(u > 0 && u < 1)) continue;
      CAPTURE(u);
      double x = q(u);
      REQUIRE(x >= 0);
      REQUIRE(x <= 1);
      REQUIRE(std::fabs(x - searched(u, mode)) <= 1e-13);
    }
  }
}
