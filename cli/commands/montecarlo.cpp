#include <fmt/format.h>

#include <limits>

#include "cli/commands/analyses.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/render/monte_carlo.h"
#include "model/money.h"
#include "scenarios/limits.h"

namespace cli {

namespace {

MonteCarloRequest request_of(const MonteCarloOptions& o) {
  MonteCarloRequest r;
  r.metrics = o.metrics;
  if (o.draws > 0) r.draws = o.draws;
  if (o.seed >= 0) r.seed = o.seed;
  if (!o.draws_text.empty())
    r.draws =
        parse_whole_arg(o.draws_text, "-n", "a whole number of draws", 1, scenarios::kMaxDraws);
  if (!o.seed_text.empty())
    r.seed = parse_whole_arg(o.seed_text, "--seed", "a seed, a whole number,", 0,
                             std::numeric_limits<long long>::max());
  if (!o.by.empty()) {
    r.fan_basis = model::parse_basis(o.by);
    if (!r.fan_basis)
      fail_usage(fmt::format("--by {}: use fy, contract-year, calendar or month", o.by));
  }
  r.threads = o.threads;
  r.progress = !o.quiet;
  return r;
}

}  // namespace

int run_montecarlo(const MonteCarloOptions& o) {
  refuse_same_outputs({{"-o", o.output}, {"--draws-out", o.draws_out}});
  Format format = choose_format(o.format, o.output, {o.file});
  Loaded loaded = load_scenario(o.file, o.sets);
  // Held to the end: a Ctrl-C after the last check only sets the flag, so the
  // files below are written whole or (before that check) not at all.
  InterruptHandler handler;
  std::unique_ptr<OutputFile> draws_file;
  auto on_draws = [&](const model::DrawTable& table) {
    if (o.draws_out.empty()) return;
    draws_file = std::make_unique<OutputFile>(o.draws_out, std::vector<std::string>{o.file});
    write_draws_csv(
        table, [&](std::string_view text) { draws_file->write(text); },
        [] { stop_if_interrupted("writing --draws-out"); });
  };
  model::MonteCarloSummary summary = simulate(loaded, request_of(o), on_draws);
  std::string text = format == Format::json
                         ? monte_carlo_json(summary, o.by)
                         : render(monte_carlo_tables(summary, format == Format::csv), format,
                                  use_colour(o.output), table_width(o.output, o.wide), o.table);
  stop_if_interrupted("writing the output");
  write_output(o.output, text, {o.file});
  if (draws_file) draws_file->commit();
  return kExitOk;
}

}  // namespace cli
