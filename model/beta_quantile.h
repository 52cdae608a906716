// The quantile of a Beta(a, b) distribution (a, b >= 1; PERT's), fast
// enough to draw once per year of a path: no search at draw time.
//
// Near 0 the CDF behaves like x^a, so its inverse is not smooth there; but
// G(x) = F(x)^(1/a) is (an analytic function with G(0) = 0 and G'(0) > 0),
// and so is its inverse. Below x = 1/2 the quantile is therefore the
// inverse of G at g = u^(1/a), above it 1 - the same for Beta(b, a) at
// (1 - u)^(1/b); each inverse is a cubic Hermite interpolant over knots
// evenly spaced in x, whose values and slopes are exact (the incomplete beta
// function at the knots), found through a guide table. Within 1e-13 of the
// exact quantile (some 4e-14 at worst, near x = 1/2; the error falls as the
// fourth power of the knots' spacing) (tests/model/beta_quantile_test.cpp compares it with
// bisection over the incomplete beta function).
#pragma once

#include <cstdint>
#include <vector>

namespace model {

class BetaQuantile {
 public:
  BetaQuantile(double a, double b);
  // Precondition: 0 < u < 1.
  double operator()(double u) const;

 private:
  // x in [0, 1/2] as a function of g = F(x)^(1/a) for Beta(a, b).
  class Branch {
   public:
    Branch(double a, double b);
    double top() const { return g_.back(); }  // g at x = 1/2
    double power() const { return power_; }   // 1/a
    double at(double g) const;

   private:
    std::vector<double> g_, x_, slope_;  // knots: g, x and dx/dg
    std::vector<std::uint32_t> guide_;   // [cell]: the last knot at or below the cell's start
    double cells_per_g_ = 0, power_ = 1;
  };
  double split_;  // F(1/2)
  Branch lower_, upper_;
};

}  // namespace model
