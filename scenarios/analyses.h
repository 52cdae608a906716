// The analysis sections of a scenario (SPEC 2.1, 4): variants, sensitivity
// and checks, read into plain structs with located errors.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "scenarios/diagnostic.h"
#include "scenarios/node.h"

namespace scenarios {

// A named set of overrides, each a path and a value, as `--set PATH=VALUE` would apply them.
struct Variant {
  std::string name;
  Mark mark;
  struct Override {
    std::string path;
    Mark mark;  // of the path
    Node value;
  };
  std::vector<Override> overrides;
};

// One parameter of `sensitivity.parameters`: its range and distribution.
// Defaults: dist uniform; the others absent unless written. `per_year` (for
// an uplift or change only) draws one value per step, consecutive steps'
// normal scores correlated by `autocorrelation` (AR(1), default 0, in (-1, 1)).
struct ParameterSpec {
  std::string path;
  Mark mark;
  std::optional<double> low, high, mode, mean, sd;
  std::string dist = "uniform";  // uniform|triangular|pert|normal|lognormal|discrete
  std::vector<double> values, weights;
  bool per_year = false;
  double autocorrelation = 0;
};

// Whether a path names a rate that applies step by step (an uplift or a
// change of a contract, defaults, a stream or the envelope), which may be
// drawn per year.
bool is_stepped_rate(const std::string& path);

// The steps of a per-year rate over the base scenario `s` of `tree` (at
// least 1): a contract's uplift one per anniversary of its longest life
// (every extension taken), defaults.uplift the most of any contract that
// takes it; a stream's or the envelope's change one per financial year of
// the horizon after the first. Steps past them (a term drawn longer) repeat
// the last, as a list does.
int rate_steps(const Node& tree, const model::Scenario& s, const std::string& path);

// `tree` with the rate at `path` (which names one rate, or nothing: 0) written
// as a list of `steps` copies of it, so that each step can be varied as the
// element PATH.0, PATH.1, ...; the element paths are added to `elements`.
Node with_steps(Node tree, const std::string& path, int steps, std::vector<std::string>& elements);

struct Correlation {
  std::string a, b;
  double rho = 0;
  Mark mark;
};

struct Sensitivity {
  std::string metric = "headroom";  // default metric of tornado and solve
  Mark metric_mark;
  std::vector<ParameterSpec> parameters;
  std::vector<Correlation> correlation;
  std::optional<long long> draws, seed;
};

// A check of a metric, on the base scenario or a variant: min, max and equals
// (with tolerance, pounds, default 0.005) are bounds on its value in pounds.
struct Check {
  std::string name, metric, variant;
  Mark mark, metric_mark, variant_mark;
  std::optional<double> min, max, equals;
  double tolerance = 0.005;
};

struct Analyses {
  std::vector<Variant> variants;
  Sensitivity sensitivity;
  std::vector<Check> checks;
  const Variant* find_variant(const std::string& name) const;
};

// Reads the three sections of a scenario tree (absent sections: empty). Errors
// in their form (unknown keys, wrong types, a check with no bound) are added.
Analyses read_analyses(const Node& root, Diagnostics& errors);

// Checks what needs the scenario itself: every metric name parses, every
// variant applies and compiles, every sensitivity parameter is a number the
// scenario uses with low <= high, correlations name parameters, checks name
// variants that exist. `tree` is the scenario's tree after overrides.
void check_analyses(const Analyses& a, const Node& tree, const model::Scenario& s,
                    Diagnostics& errors);

// The scenario tree with a variant's overrides applied (errors located at the
// variant's entries).
std::optional<Node> apply_variant(const Node& tree, const Variant& v, Diagnostics& errors);

// A variant's scenario: its overrides applied to `tree` and compiled, over the
// horizon of `base` (the scenario of `tree`) unless the variant sets
// scenario.start or scenario.end itself (SPEC 4). nullopt, with errors added,
// when it does not compile.
std::optional<model::Scenario> compile_variant(const Node& tree, const Variant& v,
                                               const model::Scenario& base, Diagnostics& errors);
// Whether overrides of these paths set the horizon's start, and its end.
std::pair<bool, bool> sets_horizon(const std::vector<std::string>& paths);

}  // namespace scenarios
