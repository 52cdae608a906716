// Monte Carlo (SPEC 4) as a computation: a plan in, a MonteCarloSummary out.
// Each draw's parameters are a pure function of (seed, draw number)
// (model/montecarlo.h); each thread evaluates its share of the draws with a
// DrawModel of its own; the summaries are computed in the draws' own memory
// (model/draw_statistics.h). So the summary does not depend on the threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "model/draw_statistics.h"
#include "model/montecarlo.h"

namespace model {

// What one thread evaluates for each draw: the parameters' values (each
// parameter's steps, in order: see value_names) in, each
// metric of the plan and then each period of its fan out, as whole numbers
// (pence, or a count). A fan period the draw does not reach counts zero.
class DrawModel {
 public:
  virtual ~DrawModel() = default;
  // Why the scenario refuses these values, or nothing.
  virtual std::optional<std::string> evaluate(std::span<const double> values,
                                              std::span<std::int64_t> out) = 0;
};
// Called once on each thread that draws: a model it alone uses.
using DrawModelFactory = std::function<std::unique_ptr<DrawModel>()>;

struct MonteCarloPlan {
  std::vector<std::string> parameters;      // their names (paths), in results and messages
  std::vector<Distribution> distributions;  // [parameter]
  std::vector<RankCorrelation> correlations;
  std::vector<Stepping> stepping;         // [parameter]; empty, or absent at the end: one step
  std::uint64_t draws = 10000, seed = 1;  // draws: at least 1, fewer than 2^31
  int threads = 1;                        // at least 1
  std::vector<std::string> metrics;       // their names
  std::vector<Scale> scales;              // [metric]: pence, or a count (shortfall_years)
  std::vector<std::string> fan_periods;   // the first metric's fan, when not empty
};

// The names of a draw's values (what DrawModel::evaluate and
// DrawTable::parameters hold): a parameter's path, or for one of several
// steps PATH[1], PATH[2], ...
std::vector<std::string> value_names(const MonteCarloPlan& plan);

// Every draw's parameters and metrics, as made, before they are summarised.
class DrawTable {
 public:
  struct Parts;
  explicit DrawTable(const Parts& parts) : parts_(parts) {}
  const MonteCarloPlan& plan() const;
  std::size_t size() const;
  void parameters(std::size_t draw, std::span<double> out) const;
  std::int64_t metric(std::size_t m, std::size_t draw) const;

 private:
  const Parts& parts_;
};

// All optional. `progress` is told of draws done, about every 1,024 draws
// on each thread; `stop` is asked as often, and between the summaries'
// stages; `draws` sees every draw once they are all made (to write them).
struct MonteCarloCallbacks {
  std::function<void(long long done)> progress;
  std::function<bool()> stop;
  std::function<void(const DrawTable&)> draws;
};

struct MonteCarloSummary {
  std::uint64_t draws = 0, seed = 0;
  std::vector<std::string> parameters, metrics, fan_periods;  // as planned
  std::vector<Summary> metric_summaries;                      // [metric]
  std::vector<Summary> fan;                                   // [fan period]
  std::vector<std::vector<double>> rank;  // [parameter][metric]: Spearman's correlation
  // [parameter][metric]: partial rank correlation, controlling for each other
  // parameter of one step and for every step of each other path.
  std::vector<std::vector<double>> partial;

  // Parameter p's share of metric m's variance: squared rank correlations
  // normalised to 1 (0 when every correlation is 0).
  double variance_share(std::size_t p, std::size_t m) const;
  // The place of a metric by name (precondition: it was planned).
  std::size_t metric_index(const std::string& name) const;
};

// The lowest draw the scenario refused (whatever the threads), its values
// (as value_names names them) and why.
struct RefusedDraw {
  std::uint64_t draw = 0;
  std::vector<double> values;
  std::string why;
};
// The correlations are not positive definite: a message naming the pair (copula_factor).
struct BadCorrelation {
  std::string message;
};
// `stop` said to: during the draws (with how many were done), or after them.
struct Stopped {
  bool during_draws = true;
  long long done = 0;
};
using MonteCarloOutcome = std::variant<MonteCarloSummary, RefusedDraw, BadCorrelation, Stopped>;

MonteCarloOutcome run_monte_carlo(const MonteCarloPlan& plan, const DrawModelFactory& model,
                                  const MonteCarloCallbacks& callbacks = {});

}  // namespace model
