#include <fmt/format.h>

#include <variant>

#include "cli/commands/commands.h"
#include "cli/io.h"
#include "model/metrics.h"

namespace cli {

int run_eval(const EvalOptions& o) {
  Loaded loaded = load_scenario(o.file, o.sets);
  std::vector<model::MetricQuery> queries;
  for (const std::string& name : o.metrics) {
    auto parsed = model::parse_metric(name, loaded.scenario);
    if (auto* error = std::get_if<std::string>(&parsed)) fail_usage(*error);
    queries.push_back(std::get<model::MetricQuery>(std::move(parsed)));
  }
  model::Evaluation evaluation(loaded.scenario);
  std::string out;
  for (const model::MetricQuery& q : queries) {
    auto v = evaluation.value(q);
    if (!v) {
      const auto& periods = evaluation.projection(*q.basis).periods;
      fail_usage(fmt::format("{}: no period '{}' in the horizon ({} to {})", q.text, q.label,
                             periods.front().label, periods.back().label));
    }
    out += v->is_count ? std::to_string(v->count) : model::to_decimal_string(v->money);
    out += "\n";
  }
  write_output("", out);
  return kExitOk;
}

}  // namespace cli
