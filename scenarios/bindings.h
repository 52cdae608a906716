// What each numeric node of a scenario tree feeds in the resolved
// model::Scenario, recorded while compiling, so that a changed value can be
// written straight into the scenario (CompiledScenario) instead of compiling
// the tree again.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "scenarios/expressions.h"
#include "scenarios/node.h"

namespace scenarios {

// A numeric field of model::Scenario: `index` names the stream or contract,
// `element` the position in a list (a rate, an extension, a share, a by_year entry).
enum class Target : std::uint8_t {
  envelope_annual,
  envelope_change,
  envelope_by_year,
  stream_annual,
  stream_change,
  stream_by_year,
  contract_annual,
  contract_term,
  contract_extension,
  contract_exercise,
  contract_uplift,
  contract_share
};

struct Sink {
  Target target = Target::envelope_annual;
  int index = 0;
  int element = 0;
};

struct Bindings {
  // Every numeric node read, and the fields it feeds (a node in `defaults`
  // feeds every contract that takes it).
  std::map<const Node*, std::vector<Sink>> sinks;

  // Fields written as expressions over assumptions, in the order read.
  struct Computed {
    const Node* node = nullptr;
    std::shared_ptr<const Expression> expression;
    std::vector<int> arguments;  // indices into `assumptions`, one per expression name
    Sink sink;
  };
  std::vector<Computed> computed;

  // Assumptions in an order where each comes after those it uses.
  struct Assumption {
    std::string name;
    const Node* node = nullptr;
    std::shared_ptr<const Expression> expression;  // null for a plain number
    std::vector<int> arguments;
    double value = 0;
  };
  std::vector<Assumption> assumptions;

  int assumption_index(const std::string& name) const {
    for (std::size_t i = 0; i < assumptions.size(); ++i)
      if (assumptions[i].name == name) return static_cast<int>(i);
    return -1;
  }
};

}  // namespace scenarios
