#include "model/partial_correlation.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <vector>

namespace model {

namespace {

using Indices = std::vector<Eigen::Index>;

// Less of its variance than this left once the other parameters are
// projected out (a multiple correlation within 5e-11 of 1), and a variable
// counts as determined by them: what is left then is rounding (about 1e-16
// for a rank copy of a parameter), not a figure to divide by.
constexpr double kNothingLeft = 1e-10;

// The parameters other than p.
Indices others_than(Eigen::Index p, Eigen::Index parameters) {
  Indices others;
  for (Eigen::Index q = 0; q < parameters; ++q)
    if (q != p) others.push_back(q);
  return others;
}

// What is left of the covariances among `rows` once `others` are projected
// out by least squares: R[rows,rows] - R[rows,O] R[O,O]⁺ R[O,rows].
Eigen::MatrixXd left_after(const Eigen::MatrixXd& r, const Indices& rows, const Indices& others) {
  Eigen::MatrixXd left = r(rows, rows);
  if (others.empty()) return left;
  Eigen::MatrixXd across = r(others, rows);
  Eigen::MatrixXd among = r(others, others);
  left -= across.transpose() * among.completeOrthogonalDecomposition().solve(across);
  return left;
}

double correlation_of_what_is_left(double xy, double xx, double yy) {
  if (!(xx > kNothingLeft) || !(yy > kNothingLeft)) return 0;
  return std::clamp(xy / std::sqrt(xx * yy), -1.0, 1.0);
}

}  // namespace

Eigen::MatrixXd rank_correlation_matrix(std::span<const PackedRanks> series) {
  auto n = static_cast<Eigen::Index>(series.size());
  Eigen::MatrixXd r = Eigen::MatrixXd::Identity(n, n);
  for (Eigen::Index a = 0; a < n; ++a)
    for (Eigen::Index b = a + 1; b < n; ++b)
      r(a, b) = r(b, a) = rank_correlation(series[a], series[b]);
  return r;
}

Eigen::MatrixXd partial_rank_correlations(const Eigen::MatrixXd& correlation,
                                          std::size_t parameters) {
  assert(correlation.rows() == correlation.cols());
  auto k = static_cast<Eigen::Index>(parameters);
  assert(k <= correlation.rows());
  Eigen::Index metrics = correlation.rows() - k;
  Eigen::MatrixXd partial(k, metrics);
  for (Eigen::Index p = 0; p < k; ++p) {
    Indices rows{p};  // p, then every metric
    for (Eigen::Index j = 0; j < metrics; ++j)
      rows.push_back(k + j);
    Eigen::MatrixXd left = left_after(correlation, rows, others_than(p, k));
    for (Eigen::Index j = 0; j < metrics; ++j)
      partial(p, j) = correlation_of_what_is_left(left(0, 1 + j), left(0, 0), left(1 + j, 1 + j));
  }
  return partial;
}

}  // namespace model
