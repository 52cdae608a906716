// Samplers against known quantiles and moments.
#include <doctest/doctest.h>

#include "tests/print.h"

#include <cmath>

#include "model/distributions.h"

using namespace model;
using Kind = Distribution::Kind;

TEST_CASE("the counter-based generator is a pure function in (0, 1)") {
  CHECK(uniform01(2019, 5, 1) == uniform01(2019, 5, 1));
  CHECK(uniform01(2019, 5, 1) != uniform01(2019, 5, 2));
  CHECK(uniform01(2019, 5, 1) != uniform01(2020, 5, 1));
  double sum = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    double u = uniform01(7, i, 0);
    REQUIRE(u > 0);
    REQUIRE(u < 1);
    sum += u;
  }
  // Mean 1/2, standard error sqrt(1/12 / n) = 0.000913: within 4 of them.
  CHECK(std::fabs(sum / n - 0.5) < 4 * 0.000913);
}

TEST_CASE("the generator is SplitMix64 of seed, draw and dimension, as documented") {
  auto splitmix64 = [](std::uint64_t x) {  // Vigna's reference, written out again
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  };
  CHECK(splitmix64(0) == 0xE220A8397B1DCDAFull);  // the first output from state 0
  for (std::uint64_t draw : {0ull, 5ull, 999999ull}) {
    for (std::uint32_t d : {0u, 1u, 7u}) {
      std::uint64_t x =
          splitmix64(splitmix64(splitmix64(2019) ^ draw) ^ (std::uint64_t{d} << 32 | d));
      double expected = (static_cast<double>(x >> 11) + 0.5) / 9007199254740992.0;  // 2^53
      CHECK(uniform01(2019, draw, d) == expected);
      CHECK(DrawUniforms(2019, draw).at(d) == expected);
    }
  }
}

TEST_CASE("normal quantiles") {
  CHECK(normal_quantile(0.5) == doctest::Approx(0.0).epsilon(1e-15));
  CHECK(normal_quantile(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-13));
  CHECK(normal_quantile(0.025) == doctest::Approx(-1.959963984540054).epsilon(1e-13));
  CHECK(normal_quantile(1e-10) == doctest::Approx(-6.361340902404056).epsilon(1e-12));
  for (double p : {1e-6, 0.01, 0.3, 0.7, 0.99, 1 - 1e-6})
    CHECK(normal_cdf(normal_quantile(p)) == doctest::Approx(p).epsilon(1e-12));
}

TEST_CASE("incomplete beta in closed-form cases") {
  CHECK(incomplete_beta(0.3, 1, 1) == doctest::Approx(0.3));            // x
  CHECK(incomplete_beta(0.3, 2, 1) == doctest::Approx(0.09));           // x^2
  CHECK(incomplete_beta(0.3, 1, 2) == doctest::Approx(1 - 0.7 * 0.7));  // 1 - (1-x)^2
  CHECK(incomplete_beta(0.5, 3, 3) == doctest::Approx(0.5));            // symmetric
  CHECK(incomplete_beta(0.2, 2, 3) ==
        doctest::Approx(0.1808).epsilon(1e-12));  // 6x^2 - 8x^3 + 3x^4
}

TEST_CASE("uniform and triangular quantiles") {
  CHECK(quantile({Kind::uniform, 2, 4}, 0.25) == doctest::Approx(2.5));
  Distribution t{Kind::triangular, 0, 1, 0.5};
  // F(x) = 2x^2 below the mode: F(0.25) = 0.125.
  CHECK(quantile(t, 0.125) == doctest::Approx(0.25));
  CHECK(quantile(t, 0.875) == doctest::Approx(0.75));
  CHECK(quantile(t, 0.5) == doctest::Approx(0.5));
}

TEST_CASE("PERT: symmetric median, and the mean (low + 4 mode + high) / 6") {
  CHECK(quantile({Kind::pert, 0, 1, 0.5}, 0.5) == doctest::Approx(0.5).epsilon(1e-12));
  Distribution p{Kind::pert, 0, 1, 0.2};
  double mean = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i)
    mean += quantile(p, (i + 0.5) / n) / n;
  CHECK(mean == doctest::Approx(0.3).epsilon(1e-4));
}

TEST_CASE("normal and lognormal, truncated to low..high") {
  Distribution wide{Kind::normal, -1e9, 1e9, 0, 10, 2};
  CHECK(quantile(wide, 0.975) == doctest::Approx(10 + 2 * 1.959963984540054));
  Distribution narrow{Kind::normal, 8, 12, 0, 10, 2};
  CHECK(quantile(narrow, 0.5) == doctest::Approx(10));
  CHECK(quantile(narrow, 1e-9) >= 8);
  CHECK(quantile(narrow, 1 - 1e-9) <= 12);
  Distribution log{Kind::lognormal, 0, 1e9, 0, 0, 1};
  CHECK(quantile(log, 0.5) == doctest::Approx(1));
  CHECK(quantile(log, 0.975) == doctest::Approx(std::exp(1.959963984540054)));
}

TEST_CASE("discrete: the value whose cumulative weight first exceeds u") {
  Distribution d{Kind::discrete, 0, 2, 0, 0, 1, {0, 1, 2}, {0.1, 0.3, 0.6}};
  CHECK(quantile(d, 0.05) == 0);
  CHECK(quantile(d, 0.2) == 1);
  CHECK(quantile(d, 0.39) == 1);
  CHECK(quantile(d, 0.41) == 2);
  Distribution equal{Kind::discrete, 0, 1, 0, 0, 1, {5, 7}, {}};
  CHECK(quantile(equal, 0.49) == 5);
  CHECK(quantile(equal, 0.51) == 7);
}
