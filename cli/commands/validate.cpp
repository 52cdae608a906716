#include <fmt/format.h>

#include <iostream>

#include "cli/commands/commands.h"
#include "cli/io.h"
#include "model/projection.h"
#include "scenarios/compiled_scenario.h"

namespace cli {

namespace {

// Every numeric path of the scenario with its value: the vocabulary of --set.
std::string paths_listing(const Loaded& loaded, bool name_file) {
  scenarios::Diagnostics errors;
  auto compiled = scenarios::CompiledScenario::compile(loaded.tree, {}, errors);
  std::string out;
  if (!compiled) return out;
  auto paths = compiled->numeric_paths();
  std::size_t width = 0;
  for (const auto& p : paths)
    width = std::max(width, p.path.size());
  for (const auto& p : paths) {
    std::string line =
        fmt::format("{}{:<{}}  {}", name_file ? loaded.source + ": " : "", p.path, width, p.value);
    if (!p.expression.empty()) line += "  = " + p.expression;
    out += line + "\n";
  }
  return out;
}

}  // namespace

int run_validate(const ValidateOptions& o) {
  int status = kExitOk;
  for (const std::string& file : o.files) {
    try {
      Loaded loaded = load_scenario(file, o.sets);
      if (o.paths) {
        std::cout << paths_listing(loaded, o.files.size() > 1);
        continue;
      }
      auto h = model::horizon_of(loaded.scenario);
      std::size_t contracts = loaded.scenario.contracts.size(),
                  streams = loaded.scenario.funding.size();
      std::cout << fmt::format(
          "{}: ok: {} contract{}, {} funding stream{}, {} to {}\n", loaded.source, contracts,
          contracts == 1 ? "" : "s", streams, streams == 1 ? "" : "s",
          model::to_string(model::first_day(h->first)), model::to_string(model::last_day(h->last)));
    } catch (const Exit& e) {
      if (e.what()[0] != '\0') std::cerr << "envelope: " << e.what() << "\n";
      status = kExitBadInput;
    }
  }
  return status;
}

}  // namespace cli
