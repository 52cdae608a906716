// What `check --lock` found: each figure of a lock, as quoted and as the
// scenario gives it now, and its renderings (a table for the terminal, CSV
// and Markdown; JSON; JUnit XML with one test case per figure).
#pragma once

#include <string>
#include <vector>

#include "cli/render/lock_file.h"
#include "cli/render/table.h"

namespace cli::lock {

struct Outcome {
  const Figure* quoted = nullptr;  // into the lock read
  model::MetricValue now;
  bool moved = false;
};

struct Comparison {
  std::string lock;              // the lock's path, as given
  std::string file;              // the scenario's source
  double tolerance = 0;          // pounds; counts are compared exactly
  std::vector<Outcome> figures;  // in the lock's order
  double seconds = 0;            // to recompute them all

  std::size_t moved() const;
};

// Where the lock `quoted` (read from c.lock) and the scenario's lock `now`
// differ in shape: each contract, group, stream, variant, period, tornado
// metric or parameter and Monte Carlo metric that one has and the other has
// not, then (when those agree) each figure one has and the other has not.
// Each message names the lock and, for what the lock holds, its line.
std::vector<std::string> shape_differences(const Lock& quoted, const Lock& now,
                                           const std::string& lock, const std::string& file);

// Each figure of `quoted` whose name holds `filter` against the figure of the
// same name in `now`. Precondition: shape_differences found none.
Comparison compare_locks(const Lock& quoted, const Lock& now, double tolerance,
                         const std::string& filter);

// True when `now` differs from `quoted` by more than `tolerance` pounds (an
// amount), or at all (a count).
bool has_moved(const model::MetricValue& quoted, const model::MetricValue& now, double tolerance);

// The figures that moved: Figure, Quoted, Now, Difference (now - quoted).
Table moved_table(const Comparison& c);
// The line after the table: "3 of 512 figures moved since figures.lock", or
// "All 512 figures are as figures.lock quotes them".
std::string summary_line(const Comparison& c);
// {"lock", "file", "tolerance", "compared", "moved", "figures": [{"name",
// "part", "quoted", "now", "difference"}]}: the figures that moved.
std::string comparison_json(const Comparison& c);
// One <testsuite> named after the lock, one <testcase> per figure (name the
// figure, classname the scenario's path without its extension, dots as _, then
// /PART), each figure that moved a <failure> saying quoted, now and difference.
std::string comparison_junit(const Comparison& c, const std::string& timestamp);

}  // namespace cli::lock
