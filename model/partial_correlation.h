// Partial rank correlations of Monte Carlo parameters with metrics (SPEC 4):
// the rank correlation of a parameter with a metric that is left once the
// other parameters' ranks are accounted for (PRCC; Saltelli et al.; Marino et
// al. 2008, "A methodology for performing global uncertainty and sensitivity
// analysis in systems biology").
//
// What the three per-parameter measures tell a finance analyst:
// - The rank correlation says how a metric moves with a parameter: +1 when
//   it always rises as the parameter rises, -1 when it always falls, 0 when
//   the two do not move together. It counts every route, including the
//   parameter's own correlation with other parameters: if funding is drawn
//   correlated with the uplift, it correlates with headroom too even when
//   headroom does not depend on funding at all.
// - The share of variance (squared rank correlations, normalised to 100%)
//   ranks the parameters by that same measure. When the parameters are drawn
//   correlated it double counts: it credits a bystander with part of the
//   share of the parameter it is correlated with.
// - The partial rank correlation is what is left of the rank correlation
//   once the other parameters are accounted for: how the metric moves with
//   the parameter among draws where the others are held alike. A bystander
//   scores near zero; a parameter the metric really depends on keeps a large
//   figure whatever it is correlated with. "Near" zero: the fit is linear
//   in the ranks, and where a metric depends on several parameters at once
//   its rank is not quite a linear mix of theirs, so a bystander can keep a
//   few hundredths beyond sampling noise (about -0.03 for a metric that is
//   the sum of two normal draws, one of them correlated -0.5 with the
//   bystander, whose rank correlation is -0.34).
#pragma once

#include <cstddef>
#include <span>

#include <Eigen/Dense>

#include "model/draw_statistics.h"

namespace model {

// The matrix of Spearman rank correlations among the series, in their order:
// entry (a, b) is rank_correlation(series[a], series[b]). The diagonal is 1
// for every series, a constant one too, whose other entries rank_correlation
// makes 0: so it reads as a series independent of all the others, and the
// matrix stays a correlation matrix. Precondition: the series have one size.
Eigen::MatrixXd rank_correlation_matrix(std::span<const PackedRanks> series);

// The partial rank correlation of each parameter with each metric, as a
// parameters x metrics matrix, from the rank correlations among them all
// (`correlation`: the parameters first, then the metrics, as
// rank_correlation_matrix gives them). Each metric is taken alone with the
// parameters: the other parameters are controlled for, the other metrics
// are not. Precondition: `correlation` is square, symmetric, positive
// semi-definite with a unit diagonal, and parameters <= its size.
//
// It is computed from what is left of the parameter p and of the metric j
// once the other parameters are projected out by least squares: the 2 x 2
// Schur complement C of the other parameters' block O in the matrix of O, p
// and j, C = R[pj,pj] - R[pj,O] O⁺ R[O,pj], with O⁺ the pseudo-inverse (a
// complete orthogonal decomposition). Then partial(p, j) = C01 / sqrt(C00
// C11). Where the matrix of all the parameters and metric j is invertible
// (P = R⁻¹), this is the usual -P[p][j] / sqrt(P[p][p] P[j][j]); the
// projection is used instead because it stays well defined where that
// inverse does not exist, and says plainly what is returned there:
// - a parameter the other parameters determine (C00 below 1e-10: it is
//   drawn identical in rank to another, or a constant with a zero diagonal)
//   has nothing of its own left to correlate: 0, for each of a pair of
//   identical parameters alike, since neither can be told from the other;
// - a metric the other parameters determine (C11 below 1e-10), including a
//   constant metric, leaves p nothing to explain: 0;
// - a metric that p and the others determine exactly (a multiple
//   correlation of 1, with p contributing) gives +1 or -1: the figure is
//   clamped to [-1, 1], so rounding never takes it past them;
// - a constant parameter or metric with the unit diagonal that
//   rank_correlation_matrix writes is uncorrelated with everything: 0.
// No entry is ever NaN or infinite. The same input bits give the same output
// bits on one build (one fixed sequence of operations, no threads; another
// instruction set may take Eigen down another vector path, and differ in the
// last bits).
Eigen::MatrixXd partial_rank_correlations(const Eigen::MatrixXd& correlation,
                                          std::size_t parameters);

}  // namespace model
