// `envelope explain FILE FIGURE...`: how each figure is made (model/explain.h),
// with the inputs it rests on as written, their values, and where each was
// set (file:line:col, --set, or a variant's line).
#include <fmt/format.h>

#include <map>

#include "cli/commands/analyses.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/io.h"
#include "cli/render/explanation.h"
#include "model/explain.h"
#include "scenarios/compiled_scenario.h"
#include "scenarios/expressions.h"

namespace cli {

namespace {

const scenarios::Node* node_at(const scenarios::Node& root, const std::string& path) {
  const scenarios::Node* node = &root;
  std::size_t from = 0;
  while (node && from <= path.size()) {
    std::size_t dot = path.find('.', from);
    std::string key = path.substr(from, dot == std::string::npos ? std::string::npos : dot - from);
    node = node->is_mapping() ? node->find(key) : nullptr;
    if (dot == std::string::npos) break;
    from = dot + 1;
  }
  return node;
}

std::string place(const scenarios::Mark& m) {
  if (!m.source) return "";
  return fmt::format("{}:{}:{}", *m.source, m.line, m.column);
}

class Inputs {
 public:
  Inputs(const scenarios::Node& tree) : tree_(tree) {
    scenarios::Diagnostics ignored;
    if (auto compiled = scenarios::CompiledScenario::compile(tree, {}, ignored))
      for (const auto& p : compiled->numeric_paths())
        values_[p.path] = p;
  }

  DescribedInput describe(const std::string& path) const {
    DescribedInput in{path, "", "", "", {}};
    std::string from = path;
    const scenarios::Node* node = node_at(tree_, path);
    if (!node) {  // a contract's field left out: defaults give it
      std::size_t dot = path.rfind('.');
      std::string field = path.substr(dot + 1);
      if (path.starts_with("contracts.")) {
        from = "defaults." + field;
        node = node_at(tree_, from);
      }
      if (!node) {
        in.written = "not given";
        in.value = path.ends_with("discount_rate") ? "0.035 (the default)" : "0 (the default)";
        return in;
      }
      in.path = path + " (from " + from + ")";
    }
    in.at = place(node->mark);
    in.written = node->is_scalar() ? node->text : scenarios::describe(*node);
    if (auto it = values_.find(from); it != values_.end()) {
      in.value = fmt::format("{}", it->second.value);
      if (!it->second.expression.empty()) in.assumptions = used_by(it->second.expression);
    }
    return in;
  }

 private:
  std::vector<DescribedInput> used_by(const std::string& expression) const {
    std::vector<DescribedInput> out;
    auto compiled = scenarios::Expression::compile(expression);
    if (auto* e = std::get_if<scenarios::Expression>(&compiled))
      for (const std::string& name : e->names())
        out.push_back(describe("assumptions." + name));
    return out;
  }

  const scenarios::Node& tree_;
  std::map<std::string, scenarios::CompiledScenario::Path> values_;
};

ExplainedFigure explained_figure(const model::Explanation& e, const Inputs& inputs) {
  ExplainedFigure out{e.label, e.money, e.count, e.is_count, e.formula, e.combines, {}, {}};
  for (const std::string& p : e.inputs)
    out.inputs.push_back(inputs.describe(p));
  for (const model::Explanation& part : e.parts)
    out.parts.push_back(explained_figure(part, inputs));
  return out;
}

}  // namespace

int run_explain(const ExplainOptions& o) {
  Format format = choose_format(o.format, o.output, {o.file});
  if (format == Format::csv)
    fail_usage("explain writes a tree: --format table, md or json (not csv)");
  Loaded loaded = load_scenario(o.file, o.sets);
  scenarios::Node tree = loaded.tree;
  model::Scenario scenario = loaded.scenario;
  if (!o.variant.empty()) {
    NamedScenario named = variant_scenarios(loaded, {o.variant}).back();
    tree = variant_tree(loaded, o.variant).tree;
    scenario = std::move(named.scenario);
  }
  Inputs inputs(tree);
  std::vector<ExplainedFigure> explained;
  for (const std::string& figure : o.figures) {
    model::MetricQuery q = parse_metric_arg(figure, scenario);
    auto e = model::explain(scenario, q);
    if (!e) fail_no_period(q, scenario);
    explained.push_back(explained_figure(*e, inputs));
  }
  std::string text = format == Format::json       ? explanation_json(explained)
                     : format == Format::markdown ? explanation_markdown(explained)
                                                  : explanation_text(explained);
  write_output(o.output, text, {o.file});
  return kExitOk;
}

}  // namespace cli
