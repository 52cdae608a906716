// Scenario text to a validated, resolved model::Scenario (SPEC 2). Every
// problem found is returned as a located Diagnostic; reading goes on after an
// error so that one run reports them all.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/projection.h"
#include "model/scenario.h"
#include "scenarios/analyses.h"
#include "scenarios/diagnostic.h"
#include "scenarios/node.h"

namespace scenarios {

// The top-level sections of a scenario file.
const std::vector<std::string>& section_names();
// The fields a contract (or `defaults:`) may have.
const std::vector<std::string>& contract_fields();
// The fields of `scenario:`, of a funding stream, and of `envelope:`.
const std::vector<std::string>& scenario_fields();
const std::vector<std::string>& stream_fields();
const std::vector<std::string>& envelope_fields();

struct Bindings;

// Validates a tree and resolves expressions. The scenario is present iff no
// error was added. With `bindings`, records what each numeric node feeds.
std::optional<model::Scenario> compile_scenario(const Node& root, Diagnostics& errors,
                                                Bindings* bindings = nullptr);

struct ReadResult {
  std::optional<Node> tree;                 // after overrides; absent on a syntax error
  std::optional<model::Scenario> scenario;  // present iff errors is empty
  Analyses analyses;                        // variants, sensitivity and checks
  Diagnostics errors;
  Diagnostics warnings;  // with a scenario: what it reads as, but is likely a mistake (SPEC 5)
  // With a scenario, when the warnings projected it: over financial years,
  // every line (for model::Evaluation to start from).
  std::optional<model::Projection> financial_years;
};

// Reads an included file: its text, or nullopt with `error` set ("No such file or directory").
using FileReader =
    std::function<std::optional<std::string>(const std::string& path, std::string& error)>;

// Reads scenario text (YAML, or `path,value` CSV when the source name ends in
// .csv or the text starts with that header), includes the CSV tables named by
// `contracts: FILE.csv` or `funding: FILE.csv` (paths relative to the source;
// without a reader, an include is an error), applies each override
// "PATH=VALUE" (SPEC 2.3) and compiles.
ReadResult read_scenario(std::string_view text, std::string_view source_name,
                         const std::vector<std::string>& overrides = {},
                         const FileReader& read_file = nullptr);

// Parses text as the form its name or first line says, and includes tables;
// no overrides, no validation.
TreeResult read_tree(std::string_view text, std::string_view source_name,
                     const FileReader& read_file = nullptr);

}  // namespace scenarios
