#include <fmt/format.h>

#include <variant>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
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
  model::Evaluation evaluation = evaluate(loaded);
  std::string out;
  for (const model::MetricQuery& q : queries) {
    auto v = evaluation.value(q);
    if (!v) fail_no_period(q, loaded.scenario);
    out += v->is_count ? std::to_string(v->count) : model::to_decimal_string(v->money);
    out += "\n";
  }
  write_output("", out);
  return kExitOk;
}

}  // namespace cli
