// CompiledScenario::apply must give exactly what reading the file with the
// same --set would give, and the known figures.
#include <doctest/doctest.h>

#include "tests/print.h"

#include <fstream>
#include <iterator>

#include "model/metrics.h"
#include "scenarios/compiled_scenario.h"
#include "scenarios/scenario_reader.h"
#include "scenarios/yaml_reader.h"

using namespace scenarios;

namespace {

std::string example_text() {
  std::ifstream in(ENVELOPE_SOURCE_DIR "/examples/coventry-2019.yaml");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Node example_tree() {
  return *parse_yaml(example_text(), "coventry-2019.yaml").root;
}

std::vector<std::string> errors_of(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items())
    out.push_back(to_string(x));
  return out;
}

// Every horizon-total metric, name=pence.
std::vector<std::string> metrics(const model::Scenario& s) {
  model::Evaluation e(s);
  std::vector<std::string> out;
  for (const std::string& name : model::all_metric_names(s)) {
    auto v = e.value(std::get<model::MetricQuery>(model::parse_metric(name, s)));
    out.push_back(name + "=" + std::to_string(v->is_count ? v->count : v->money.pence));
  }
  return out;
}

std::vector<std::string> metrics_with_set(const std::vector<std::string>& sets) {
  auto r = read_scenario(example_text(), "coventry-2019.yaml", sets);
  REQUIRE(r.scenario);
  return metrics(*r.scenario);
}

std::int64_t pence(const model::Scenario& s, const char* metric) {
  model::Evaluation e(s);
  return e.value(std::get<model::MetricQuery>(model::parse_metric(metric, s)))->money.pence;
}

const std::vector<std::string> kParameters = {"assumptions.uplift",
                                              "assumptions.pcc_cut",
                                              "defaults.exercise",
                                              "funding.public_health.change",
                                              "contracts.sva_counselling.annual",
                                              "envelope.annual"};

}  // namespace

TEST_CASE("base values are the file's") {
  Diagnostics errors;
  auto c = CompiledScenario::compile(example_tree(), kParameters, errors);
  REQUIRE(errors_of(errors).empty());
  REQUIRE(c);
  // funding.public_health.change is absent from the file: it varies from 0.
  CHECK(c->base_values() == std::vector<double>{0, 0.03, 2, 0, 188805, 1347955});
  CHECK(pence(c->base(), "cost") == 1213159500);
}

TEST_CASE("applying values gives the figures --set gives") {
  Diagnostics errors;
  auto c = CompiledScenario::compile(example_tree(), kParameters, errors);
  REQUIRE(c);
  model::Scenario s = c->base();

  REQUIRE_FALSE(c->apply(std::vector<double>{0.02, 0.03, 2, 0, 188805, 1347955}, s));
  CHECK(pence(s, "cost") == 1314880019);  // the 13148800.19
  CHECK(pence(s, "min_headroom") == -22364725);
  CHECK(metrics(s) == metrics_with_set({"assumptions.uplift=0.02"}));

  REQUIRE_FALSE(c->apply(std::vector<double>{0.01, 0, 1, -0.025, 200000, 1300000}, s));
  CHECK(metrics(s) ==
        metrics_with_set({"assumptions.uplift=0.01", "assumptions.pcc_cut=0", "defaults.exercise=1",
                          "funding.public_health.change=-0.025",
                          "contracts.sva_counselling.annual=200000", "envelope.annual=1300000"}));
  CHECK(s.contracts[0].annual.pence == 58000000);  // 580000 * (1 - 0), recomputed

  // Back to the base values: back to the base figures.
  REQUIRE_FALSE(c->apply(c->base_values(), s));
  CHECK(metrics(s) == metrics(c->base()));
}

TEST_CASE("values a field does not allow are refused with the parameter's path") {
  Diagnostics errors;
  auto c = CompiledScenario::compile(example_tree(), kParameters, errors);
  REQUIRE(c);
  model::Scenario s = c->base();
  CHECK(c->apply(std::vector<double>{0, 0.03, 3, 0, 188805, 1347955}, s) ==
        "defaults.exercise = 3: expected a number of extensions from 0 to 2, got 3");
  s = c->base();
  CHECK(c->apply(std::vector<double>{0, 0.03, 1.5, 0, 188805, 1347955}, s) ==
        "defaults.exercise = 1.5: expected a number of extensions, got 1.5");
  s = c->base();
  CHECK(c->apply(std::vector<double>{0, 0.03, 2, -1, 188805, 1347955}, s) ==
        "funding.public_health.change = -1: expected a rate above -1 (-100%)");
  s = c->base();
  CHECK(c->apply(std::vector<double>{0, 1.5, 2, 0, 188805, 1347955}, s) ==
        "\"580000 * (1 - pcc_cut)\": expected an amount of money above 0, got -290000.00");
}

TEST_CASE("parameters must name a number of the scenario") {
  Diagnostics errors;
  auto c = CompiledScenario::compile(
      example_tree(), {"scenario.name", "defaults.extensions", "envelope.by_year.2020/21"}, errors);
  CHECK_FALSE(c);
  CHECK(errors_of(errors) ==
        std::vector<std::string>{
            "parameter:1:1: envelope.by_year.2020/21: not in the scenario (only change, uplift "
            "and exercise may be varied without a value in the file)"});
  Diagnostics more;
  c = CompiledScenario::compile(example_tree(), {"scenario.name", "defaults.extensions"}, more);
  CHECK(errors_of(more) ==
        std::vector<std::string>{"parameter:1:1: scenario.name: not a number the scenario uses",
                                 "parameter:1:1: defaults.extensions: a list; vary one element, "
                                 "e.g. defaults.extensions.0"});
}
