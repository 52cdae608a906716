#include <fmt/format.h>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/io.h"
#include "cli/render/projection_view.h"
#include "model/metrics.h"

namespace cli {

int run_run(const RunOptions& o) {
  auto basis = model::parse_basis(o.by);
  if (!basis) fail_usage(fmt::format("--by {}: use fy, contract-year, calendar or month", o.by));
  Format format = choose_format(o.format, o.output, {o.file});
  Loaded loaded = load_scenario(o.file, o.sets);
  model::Evaluation evaluation = evaluate(loaded);
  std::string text;
  if (format == Format::json) {
    text = projection_json(loaded.scenario, evaluation, *basis);
  } else {
    text = render({projection_table(loaded.scenario, evaluation.projection(*basis)),
                   whole_life_table(loaded.scenario), headline_table(loaded.scenario, evaluation)},
                  format, use_colour(o.output), table_width(o.output, o.wide), o.table);
  }
  write_output(o.output, text, {o.file});
  return kExitOk;
}

}  // namespace cli
