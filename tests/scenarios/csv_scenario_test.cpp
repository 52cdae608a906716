#include <doctest/doctest.h>

#include "tests/print.h"

#include <map>

#include "scenarios/csv_scenario.h"
#include "scenarios/scenario_reader.h"
#include "scenarios/writer.h"
#include "scenarios/yaml_reader.h"

using namespace scenarios;

namespace {

std::vector<std::string> errors(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items())
    out.push_back(to_string(x));
  return out;
}

// A tree as text, ignoring marks, for comparing trees.
std::string shape(const Node& n) {
  switch (n.kind) {
    case Node::Kind::null:
      return "~";
    case Node::Kind::scalar:
      return "'" + n.text + "'";
    case Node::Kind::sequence: {
      std::string out = "[";
      for (const Node& i : n.items)
        out += shape(i) + ",";
      return out + "]";
    }
    case Node::Kind::mapping: {
      std::string out = "{";
      for (const Entry& e : n.entries)
        out += e.key + ":" + shape(e.value) + ",";
      return out + "}";
    }
  }
  return "";
}

const char* kYaml = R"(scenario:
  name: "Lot 1: a name with a colon, and a comma"
  start: 2020-04-01
assumptions:
  cut: 3%
envelope: {annual: "£1,000,000", change: [0.01, -0.02]}
funding:
  core: {annual: 600000}
  grant: {annual: 400000, by_year: {2021/22: 350000}}
contracts:
  a:
    annual: 500000 * (1 - cut)
    term: 3
    extensions: [1]
    funded_by: {core: 0.5, grant: 0.5}
    group: ""
  b: {annual: "  padded  ", term: 2, uplift: "[x]"}
variants:
  no_ext: {defaults.exercise: 0}
sensitivity:
  parameters:
    assumptions.cut: {low: 0, high: 0.05}
checks:
  - {name: Fits, metric: min_headroom, min: 0}
)";

}  // namespace

TEST_CASE("a value cell: YAML when it starts like YAML, else the text as it stands") {
  Diagnostics d;
  Mark m{nullptr, 3, 7};
  CHECK(read_value("[2, 2]", m, d).items.size() == 2);
  CHECK(read_value("{core: 1}", m, d).entries.size() == 1);
  CHECK(read_value("\"quoted\"", m, d).text == "quoted");
  Node text = read_value("  Lot 1: victims, children  ", m, d);
  CHECK(text.text == "Lot 1: victims, children");
  CHECK(text.mark.column == 9);
  CHECK(read_value("580000 * (1 - pcc_cut)", m, d).text == "580000 * (1 - pcc_cut)");
  CHECK(read_value("", m, d).is_null());
  CHECK(read_value("~", m, d).is_null());
  CHECK(errors(d).empty());
  read_value("[2, 2", Mark{source_name("t.csv"), 3, 7}, d);
  CHECK(errors(d) ==
        std::vector<std::string>{"t.csv:3:7: [ is not closed with ] (or a ',' is missing)"});
}

TEST_CASE("paths split at dots, but variant and parameter paths are one key") {
  CHECK(split_scenario_path("contracts.a.annual") ==
        std::vector<std::string>{"contracts", "a", "annual"});
  CHECK(split_scenario_path("variants.no_ext.defaults.exercise") ==
        std::vector<std::string>{"variants", "no_ext", "defaults.exercise"});
  CHECK(split_scenario_path("sensitivity.parameters.assumptions.uplift") ==
        std::vector<std::string>{"sensitivity", "parameters", "assumptions.uplift"});
  CHECK(split_scenario_path("sensitivity.metric") ==
        std::vector<std::string>{"sensitivity", "metric"});
}

TEST_CASE("path,value rows build the tree YAML builds") {
  auto csv = parse_path_value_csv(
      "path,value,note\n"
      "scenario.name,\"Lot 1: x, y\",\"a note, with \"\"quotes\"\"\"\n"
      "contracts.a.annual,500000 * (1 - cut)\n"
      "contracts.a.extensions,\"[1]\"\n"
      "variants.no_ext.defaults.exercise,0\n",
      "t.csv");
  REQUIRE(errors(csv.errors).empty());
  auto yaml = parse_yaml(
      "scenario: {name: \"Lot 1: x, y\"}\n"
      "contracts: {a: {annual: 500000 * (1 - cut), extensions: [1]}}\n"
      "variants: {no_ext: {defaults.exercise: 0}}\n",
      "t.yaml");
  CHECK(shape(*csv.root) == shape(*yaml.root));
  CHECK(csv.root->find("contracts")->find("a")->find("annual")->mark.line == 3);
}

TEST_CASE("path,value errors are located in the CSV") {
  auto twice = parse_path_value_csv("path,value\na.b,1\na.b,2\n", "t.csv");
  CHECK(errors(twice.errors) ==
        std::vector<std::string>{"t.csv:3:1: a.b: given twice (first at line 2)"});
  auto conflict = parse_path_value_csv("path,value\na.b,1\na.b.c,2\n", "t.csv");
  CHECK(errors(conflict.errors) ==
        std::vector<std::string>{"t.csv:3:1: a.b.c: conflicts with a value given at line 2"});
  auto header = parse_path_value_csv("key,value\n", "t.csv");
  CHECK(errors(header.errors) ==
        std::vector<std::string>{
            "t.csv:1:1: expected the header path,value (and optionally a note column)"});
  auto ragged = parse_path_value_csv("path,value\na,1,x\n", "t.csv");
  CHECK(errors(ragged.errors) ==
        std::vector<std::string>{"t.csv:2:1: this row has 3 cells; the header has 2 (a value "
                                 "holding a comma must be in quotes)"});
  // A bad value points at its cell, past the opening quote of a quoted cell.
  auto r = read_scenario(
      "path,value\nscenario.name,T\nenvelope.annual,1\ncontracts.x.annual,1\n"
      "contracts.x.start,2020-04-01\ncontracts.x.term,\"five\"\n",
      "t.csv");
  CHECK(errors(r.errors) ==
        std::vector<std::string>{"t.csv:6:19: contracts.x.term: expected a whole number of years, "
                                 "got \"five\""});
}

TEST_CASE("a table: first column id, dotted headers, an empty cell leaves the field out") {
  auto t = parse_csv_table(
      "id,annual,funded_by.core,funded_by.grant,group\n"
      "a,\"£1,000\",0.5,0.5,\n"
      "b,200,,1,Group B\n",
      "lots.csv");
  REQUIRE(errors(t.errors).empty());
  CHECK(shape(*t.root) ==
        "{a:{annual:'£1,000',funded_by:{core:'0.5',grant:'0.5',},},"
        "b:{annual:'200',funded_by:{grant:'1',},group:'Group B',},}");
  auto bad = parse_csv_table("name,annual\n", "lots.csv");
  CHECK(errors(bad.errors) ==
        std::vector<std::string>{"lots.csv:1:1: the first column of a table is id, got \"name\""});
  auto dup = parse_csv_table("id,annual\na,1\na,2\n", "lots.csv");
  CHECK(errors(dup.errors) ==
        std::vector<std::string>{"lots.csv:3:1: a: given twice (first at line 2)"});
}

TEST_CASE("tables are included relative to the including file") {
  std::map<std::string, std::string> files = {{"dir/lots.csv", "id,annual,term\nx,100,1\n"}};
  FileReader reader = [&](const std::string& path,
                          std::string& error) -> std::optional<std::string> {
    if (files.count(path)) return files[path];
    error = "No such file or directory";
    return std::nullopt;
  };
  const char* text =
      "scenario: {name: T, start: 2020-04-01}\nenvelope: {annual: 1}\ncontracts: lots.csv\n";
  auto r = read_scenario(text, "dir/s.yaml", {}, reader);
  REQUIRE(errors(r.errors).empty());
  CHECK(r.scenario->contracts[0].annual.pence == 10000);
  auto missing = read_scenario(text, "other/s.yaml", {}, reader);
  CHECK(errors(missing.errors) ==
        std::vector<std::string>{"other/s.yaml:3:12: contracts: cannot read 'lots.csv' (tried "
                                 "other/lots.csv): No such file or directory"});
}

TEST_CASE("YAML and path,value CSV written back read as the same tree") {
  auto original = parse_yaml(kYaml, "t.yaml");
  REQUIRE(errors(original.errors).empty());
  std::string csv = write_path_value_csv(*original.root);
  auto from_csv = parse_path_value_csv(csv, "t.csv");
  REQUIRE(errors(from_csv.errors).empty());
  CHECK(shape(*from_csv.root) == shape(*original.root));
  std::string yaml = write_yaml(*from_csv.root);
  auto from_yaml = parse_yaml(yaml, "u.yaml");
  REQUIRE(errors(from_yaml.errors).empty());
  CHECK(shape(*from_yaml.root) == shape(*original.root));
  CHECK(write_path_value_csv(*from_yaml.root) == csv);
}
