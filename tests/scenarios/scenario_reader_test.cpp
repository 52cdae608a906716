#include <doctest/doctest.h>

#include "tests/print.h"

#include "model/metrics.h"
#include "scenarios/scenario_reader.h"

using namespace scenarios;

namespace {

const char* kBase = R"(scenario:
  name: Test
  start: 2020-04-01
assumptions:
  cut: 0.1
  base: 1000
  cut_base: base * (1 - cut)
envelope:
  annual: "£2,000"
funding:
  core: {annual: 1500}
  grant: {annual: 500, change: [0.1, -5%]}
defaults:
  start: 2020-04-01
  term: 2
  extensions: [1, 1]
  uplift: 0.02
contracts:
  a:
    annual: cut_base
    funded_by: {core: 0.75, grant: 0.25}
  b:
    annual: 500
    term: 3
    exercise: 1
    uplift: [0.01, 0.02]
)";

std::vector<std::string> messages(const ReadResult& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.errors.items())
    out.push_back(to_string(d));
  return out;
}

ReadResult read(const std::string& text, std::vector<std::string> sets = {}) {
  return read_scenario(text, "t.yaml", sets);
}

}  // namespace

TEST_CASE("a scenario resolves defaults, expressions and money strings") {
  ReadResult r = read(kBase);
  REQUIRE(messages(r).empty());
  const model::Scenario& s = *r.scenario;
  CHECK(s.name == "Test");
  CHECK(s.envelope.annual.pence == 200000);
  REQUIRE(s.funding.size() == 2);
  CHECK(s.funding[1].amount.change.rates == std::vector<double>{0.1, -0.05});
  REQUIRE(s.contracts.size() == 2);
  const model::Contract& a = s.contracts[0];
  CHECK(a.annual.pence == 90000);  // 1000 * (1 - 0.1)
  CHECK(a.term == 2);
  CHECK(a.exercise == 2);  // default: all
  CHECK(a.uplift.rates == std::vector<double>{0.02});
  REQUIRE(a.funded_by.size() == 2);
  CHECK(a.funded_by[1].stream == 1);
  CHECK(a.funded_by[1].share == 0.25);
  const model::Contract& b = s.contracts[1];
  CHECK(b.term == 3);
  CHECK(b.exercise == 1);
  CHECK(b.extensions == std::vector<int>{1, 1});
  CHECK(b.uplift.rates == std::vector<double>{0.01, 0.02});
  CHECK(b.funded_by.empty());
  CHECK(s.start == model::month_of(2020, 4));
}

TEST_CASE("--set replaces a leaf before validation") {
  ReadResult r = read(kBase, {"assumptions.cut=0.5", "contracts.b.exercise=0", "defaults.term=4",
                              "funding.core.change=2%"});
  REQUIRE(messages(r).empty());
  CHECK(r.scenario->contracts[0].annual.pence == 50000);
  CHECK(r.scenario->contracts[0].term == 4);
  CHECK(r.scenario->contracts[1].term == 3);  // its own value wins over defaults
  CHECK(r.scenario->contracts[1].exercise == 0);
  CHECK(r.scenario->funding[0].amount.change.rates == std::vector<double>{0.02});
}

TEST_CASE("--set paths that name nothing are errors") {
  CHECK(messages(read(kBase, {"contracts.c.term=1"})) ==
        std::vector<std::string>{
            "--set:1:11: contracts.c: no contracts entry 'c' (did you mean 'a'?)"});
  CHECK(
      messages(read(kBase, {"assumption.cut=1"})) ==
      std::vector<std::string>{
          "--set:1:1: assumption.cut: unknown section 'assumption' (did you mean 'assumptions'?)"});
  CHECK(messages(read(kBase, {"contracts.a.uplfit=0.1"})) ==
        std::vector<std::string>{
            "--set:1:13: contracts.a.uplfit: unknown key 'uplfit' (did you mean 'uplift'?)"});
  CHECK(messages(read(kBase, {"contracts.a.term=five"})) ==
        std::vector<std::string>{
            "--set:1:18: contracts.a.term: expected a whole number of years, got \"five\""});
  CHECK(messages(read(kBase, {"contracts.a.term"})) ==
        std::vector<std::string>{"--set:1:1: expected PATH=VALUE, got \"contracts.a.term\""});
}

TEST_CASE("errors are collected, not just the first") {
  std::string text = kBase;
  text.replace(text.find("term: 3"), 7, "term: x");
  text.replace(text.find("annual: 500\n    term"), 11, "annual: -5");
  ReadResult r = read(text);
  CHECK(messages(r) ==
        std::vector<std::string>{
            "t.yaml:23:13: contracts.b.annual: expected an amount of money above 0, "
            "got -5.00",
            "t.yaml:24:11: contracts.b.term: expected a whole number of years, got \"x\""});
}

TEST_CASE("assumption cycles and unknown names are located") {
  const char* text = R"(scenario: {name: T, start: 2020-04-01}
assumptions:
  a: b + 1
  b: a * 2
  c: bse + 1
  base: 1
envelope: {annual: 1}
contracts:
  x: {annual: 1, term: 1}
)";
  CHECK(messages(read(text)) ==
        std::vector<std::string>{
            "t.yaml:3:6: assumptions.a: assumptions refer to each other in a cycle: a -> b -> a",
            "t.yaml:5:6: assumptions.c: unknown name 'bse' in expression (did you mean 'base'?)"});
}

TEST_CASE("division by zero in an expression is an error") {
  std::string text = kBase;
  text.replace(text.find("annual: cut_base"), 16, "annual: base / (cut - 0.1)");
  CHECK(messages(read(text)) ==
        std::vector<std::string>{"t.yaml:20:13: contracts.a.annual: expression \"base / (cut - "
                                 "0.1)\" gives no finite number (division by zero?)"});
}

TEST_CASE("an unknown key suggests the nearest") {
  std::string text = kBase;
  text.replace(text.find("    term: 3"), 11, "    trem: 3");
  CHECK(messages(read(text)) ==
        std::vector<std::string>{
            "t.yaml:24:5: contracts.b.trem: unknown key 'trem' (did you mean 'term'?)"});
}

TEST_CASE(
    "an evaluation started from the warnings' projection gives every figure a fresh one does") {
  ReadResult r = read(kBase);
  REQUIRE(r.scenario);
  REQUIRE(r.financial_years);  // two streams: the funding check projected the scenario
  const model::Scenario& s = *r.scenario;
  model::Evaluation fresh(s), seeded(s, std::move(*r.financial_years));
  for (const std::string& name : model::all_metric_names(s)) {
    auto q = std::get<model::MetricQuery>(model::parse_metric(name, s));
    auto a = fresh.value(q), b = seeded.value(q);
    REQUIRE(a);
    REQUIRE(b);
    CHECK_MESSAGE(a->money == b->money, name);
    CHECK_MESSAGE(a->count == b->count, name);
  }
  const model::Projection& p = fresh.projection(model::Basis::financial_year);
  const model::Projection& q = seeded.projection(model::Basis::financial_year);
  CHECK(p.committed == q.committed);
  CHECK(p.stream_funding == q.stream_funding);
  CHECK(p.contract_cost == q.contract_cost);
  // After a change the seeded evaluation projects again, as a fresh one would.
  model::Scenario changed = s;
  model::Evaluation again(changed, fresh.projection(model::Basis::financial_year));
  changed.contracts[0].annual = model::Money{123456};
  again.refresh();
  model::Evaluation reference(changed);
  auto cost = std::get<model::MetricQuery>(model::parse_metric("cost", changed));
  CHECK(again.value(cost)->money == reference.value(cost)->money);
}

TEST_CASE("without funding streams the warnings project nothing to start from") {
  ReadResult r = read(R"(scenario: {name: T, start: 2020-04-01}
envelope: {annual: 100}
contracts:
  a: {annual: 50, start: 2020-04-01, term: 1}
)");
  REQUIRE(r.scenario);
  CHECK_FALSE(r.financial_years);
}
