// Sampling for Monte Carlo (SPEC 4), exact and reproducible: a counter-based
// generator (the number for a given seed, draw and dimension is a pure
// function of the three, so any thread can compute any draw and every
// platform gets the same stream) and inverse-CDF sampling written here, not
// the standard library's distributions, which differ between implementations.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace model {

// A uniform number in (0, 1), never 0 or 1, from SplitMix64 of the three counters.
double uniform01(std::uint64_t seed, std::uint64_t draw, std::uint32_t dimension);

// The uniforms of one draw, with the mixing of seed and draw done once:
// draw_uniforms(seed, draw).at(d) == uniform01(seed, draw, d).
class DrawUniforms {
 public:
  DrawUniforms(std::uint64_t seed, std::uint64_t draw);
  double at(std::uint32_t dimension) const;

 private:
  std::uint64_t mixed_;
};

double normal_cdf(double x);
// The inverse of normal_cdf, to about 1e-16 relative (Wichura's AS 241).
// Precondition: 0 < p < 1.
double normal_quantile(double p);

// I_x(a, b), the regularised incomplete beta function.
double incomplete_beta(double x, double a, double b);

struct Distribution {
  enum class Kind { uniform, triangular, pert, normal, lognormal, discrete };
  Kind kind = Kind::uniform;
  double low = 0, high = 0, mode = 0, mean = 0, sd = 1;
  std::vector<double> values, weights;  // discrete: weights default to equal
};

// The value at cumulative probability u (0 < u < 1): uniform and triangular on
// low..high; PERT the Beta(1 + 4(mode-low)/(high-low), 1 + 4(high-mode)/(high-low))
// on low..high; normal(mean, sd) and lognormal (mean, sd of the underlying
// normal) truncated to low..high; discrete the value whose cumulative weight
// first exceeds u.
double quantile(const Distribution& d, double u);

// A normal or lognormal's bounds (of the underlying normal) and the normal
// CDF at them, which every draw of it needs: worked out once, they give
// quantile(d, u, normal_bounds(d)) == quantile(d, u).
struct NormalBounds {
  double low = 0, high = 0, from = 0, to = 1;
};
NormalBounds normal_bounds(const Distribution& d);
double quantile(const Distribution& d, double u, const NormalBounds& b);

}  // namespace model
