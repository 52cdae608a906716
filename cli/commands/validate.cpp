#include <fmt/format.h>

#include <iostream>

#include "cli/commands/commands.h"
#include "cli/io.h"
#include "model/projection.h"

namespace cli {

int run_validate(const ValidateOptions& o) {
  int status = kExitOk;
  for (const std::string& file : o.files) {
    try {
      Loaded loaded = load_scenario(file, o.sets);
      auto h = model::horizon_of(loaded.scenario);
      std::cout << fmt::format(
          "{}: ok: {} contracts, {} funding streams, {} to {}\n", loaded.source,
          loaded.scenario.contracts.size(), loaded.scenario.funding.size(),
          model::to_string(model::first_day(h->first)), model::to_string(model::last_day(h->last)));
    } catch (const Exit& e) {
      if (e.what()[0] != '\0') std::cerr << "envelope: " << e.what() << "\n";
      status = kExitBadInput;
    }
  }
  return status;
}

}  // namespace cli
