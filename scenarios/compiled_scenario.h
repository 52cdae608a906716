// A scenario compiled once and evaluated again and again with some of its
// numbers changed: the engine behind what-if grids, tornadoes and Monte Carlo.
// Nothing is re-read or re-parsed: a changed number is written straight into
// the fields it feeds, and expressions over a changed assumption are
// re-evaluated from their compiled form.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "scenarios/bindings.h"
#include "scenarios/diagnostic.h"
#include "scenarios/node.h"

namespace scenarios {

class CompiledScenario {
 public:
  // Compiles `tree` so that each of `parameters` can be varied. A parameter is
  // the dotted path of one number in the scenario: an assumption, a money
  // amount, a rate (or one element of a list of rates), a share, a term, an
  // extension or an exercise, in a contract, a stream, the envelope or
  // `defaults` (which varies every contract that takes it). A path absent from
  // the file may be varied where the field has a neutral value: `change` and
  // `uplift` (0) and `exercise` (all). Errors, located in the tree or naming
  // the parameter, go to `errors`; the result is then absent.
  // `marks`, when given, says where each parameter was written, for its errors.
  static std::optional<CompiledScenario> compile(Node tree,
                                                 const std::vector<std::string>& parameters,
                                                 Diagnostics& errors,
                                                 const std::vector<Mark>& marks = {});

  CompiledScenario(CompiledScenario&&) noexcept;
  CompiledScenario& operator=(CompiledScenario&&) noexcept;
  ~CompiledScenario();

  const model::Scenario& base() const { return base_; }
  const std::vector<std::string>& parameters() const { return paths_; }
  // Whether parameter i is a whole number (a term, an extension, an exercise).
  bool is_whole(std::size_t i) const;
  // Whether parameter i is an amount of money written in the file (an
  // annual or by_year amount), which enters the scenario as whole pence.
  bool is_money(std::size_t i) const;
  // Each parameter's value as the file gives it.
  const std::vector<double>& base_values() const { return base_values_; }

  // Every number of the file the scenario uses, in file order, with the value
  // it resolves to (pounds for money) and, when written as one, its expression.
  struct Path {
    std::string path;
    double value = 0;
    std::string expression;
    bool money = false;  // an amount (value in pounds), which the scenario holds as pence
  };
  std::vector<Path> numeric_paths() const;

  // Writes into `out` the scenario with parameter i set to values[i]. `out`
  // must be base() or a scenario an earlier apply() of this object wrote.
  // Returns a message naming the parameter when a value is not allowed for
  // its field (a negative amount, a rate of -100% or less, exercise beyond
  // the extensions, a share outside 0..1 or shares not adding up to 1); `out`
  // is then unspecified. Not safe to call from two threads at once.
  std::optional<std::string> apply(std::span<const double> values, model::Scenario& out) const;

 private:
  struct Parameter {
    int assumption = -1;      // index into bindings' assumptions, or -1
    std::vector<Sink> sinks;  // fields fed directly
  };

  CompiledScenario() = default;
  std::optional<std::string> apply_assumptions(std::span<const double> values,
                                               model::Scenario& out) const;

  std::unique_ptr<Node> tree_;  // owns the nodes the bindings point at
  Bindings bindings_;
  model::Scenario base_;
  std::vector<std::string> paths_;
  std::vector<Parameter> parameters_;
  std::vector<double> base_values_;
  bool varies_assumptions_ = false;
  // Which expressions depend on a parameter: apply() evaluates only those.
  void find_live_expressions();
  std::vector<int> live_assumptions_;  // indices into bindings_.assumptions, in order
  std::vector<int> live_computed_;     // indices into bindings_.computed
  std::vector<int>
      live_name_;           // [i]: live_computed_[i]'s one argument, when it is a name alone, or -1
  int discount_rate_ = -1;  // the assumption, when it depends on a parameter
  // Scratch for apply(), kept so that applying allocates nothing.
  mutable std::vector<double> assumption_values_, arguments_;
};

}  // namespace scenarios
