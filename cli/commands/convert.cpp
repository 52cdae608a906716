#include <fmt/format.h>

#include <filesystem>

#include "cli/commands/commands.h"
#include "cli/io.h"
#include "scenarios/writer.h"

namespace cli {

int run_convert(const ConvertOptions& o) {
  std::string to = o.to;
  if (to.empty() && !o.output.empty() && o.output != "-") {
    std::string ext = std::filesystem::path(o.output).extension().string();
    to = ext == ".csv" ? "csv" : ext == ".yaml" || ext == ".yml" ? "yaml" : "";
  }
  if (to == "yml") to = "yaml";
  if (to != "yaml" && to != "csv")
    fail_usage(to.empty() ? "say which form to write: --to yaml or --to csv"
                          : fmt::format("--to {}: use yaml or csv", to));
  Loaded loaded = load_scenario(o.file, {});
  std::string text = to == "csv" ? scenarios::write_path_value_csv(loaded.tree)
                                 : scenarios::write_yaml(loaded.tree);
  write_output(o.output, text, {o.file});
  return kExitOk;
}

}  // namespace cli
