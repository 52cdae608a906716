#include <doctest/doctest.h>

#include "model/suggest.h"

using namespace model;

TEST_CASE("did you mean: a near spelling, or a word spelt out or cut short") {
  std::vector<std::string> keys = {"name", "metric", "variant",  "min",
                                   "max",  "equals", "tolerance"};
  CHECK(did_you_mean("metirc", keys) == " (did you mean 'metric'?)");
  CHECK(did_you_mean("minimum", keys) == " (did you mean 'min'?)");
  CHECK(did_you_mean("maximum", keys) == " (did you mean 'max'?)");
  CHECK(did_you_mean("tol", keys) == " (did you mean 'tolerance'?)");
  CHECK(did_you_mean("equal", keys) == " (did you mean 'equals'?)");
  CHECK(did_you_mean("budget", keys).empty());
  CHECK(did_you_mean("mi", keys) == " (did you mean 'min'?)");  // within the edit distance
}
