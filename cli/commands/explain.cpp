// `envelope explain FILE FIGURE...`: how each figure is made (model/explain.h),
// with the inputs it rests on as written, their values, and where each was
// set (file:line:col, --set, or a variant's line).
#include <fmt/format.h>

#include <map>

#include "cli/commands/analyses.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/io.h"
#include "cli/render/json.h"
#include "cli/render/markup.h"
#include "model/explain.h"
#include "scenarios/compiled_scenario.h"
#include "scenarios/expressions.h"

namespace cli {

namespace {

// An input as the scenario gives it.
struct Input {
  std::string path, written, value, at;
  std::vector<Input> assumptions;  // those an expression uses
};

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

  Input describe(const std::string& path) const {
    Input in{path, "", "", "", {}};
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
  std::vector<Input> used_by(const std::string& expression) const {
    std::vector<Input> out;
    auto compiled = scenarios::Expression::compile(expression);
    if (auto* e = std::get_if<scenarios::Expression>(&compiled))
      for (const std::string& name : e->names())
        out.push_back(describe("assumptions." + name));
    return out;
  }

  const scenarios::Node& tree_;
  std::map<std::string, scenarios::CompiledScenario::Path> values_;
};

std::string value_text(const model::Explanation& e, bool pound) {
  if (e.is_count) return std::to_string(e.count);
  return pound ? model::to_display_string(e.money, true) : model::formula_amount(e.money);
}

std::string input_line(const Input& in) {
  std::string line = in.path + " = " + in.written;
  if (!in.value.empty() && in.value != in.written) line += " = " + in.value;
  if (!in.at.empty()) line += " (" + in.at + ")";
  return line;
}

void text_inputs(const std::vector<Input>& inputs, const std::string& indent, std::string& out) {
  for (const Input& in : inputs) {
    out += indent + "· " + input_line(in) + "\n";
    text_inputs(in.assumptions, indent + "  ", out);
  }
}

const char* combines_word(model::Explanation::Combines c) {
  switch (c) {
    case model::Explanation::Combines::minimum:
      return "minimum";
    case model::Explanation::Combines::count_below_zero:
      return "count below zero";
    default:
      return "sum";
  }
}

void text_tree(const model::Explanation& e, const Inputs& inputs, const std::string& lead,
               const std::string& indent, std::string& out) {
  out += lead + e.label + ": " + value_text(e, true);
  if (!e.formula.empty()) out += " = " + e.formula;
  out += "\n";
  std::vector<Input> described;
  for (const std::string& p : e.inputs)
    described.push_back(inputs.describe(p));
  text_inputs(described, indent + "    ", out);
  for (std::size_t i = 0; i < e.parts.size(); ++i) {
    bool last = i + 1 == e.parts.size();
    text_tree(e.parts[i], inputs, indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "),
              out);
  }
}

void markdown_tree(const model::Explanation& e, const Inputs& inputs, const std::string& indent,
                   std::string& out) {
  out += indent + "- **" + escape_markdown(e.label) + "**: " + escape_markdown(value_text(e, true));
  if (!e.formula.empty()) out += " = " + escape_markdown(e.formula);
  out += "\n";
  for (const std::string& p : e.inputs) {
    Input in = inputs.describe(p);
    out += indent + "  - input: " + escape_markdown(input_line(in)) + "\n";
    for (const Input& a : in.assumptions)
      out += indent + "    - " + escape_markdown(input_line(a)) + "\n";
  }
  for (const model::Explanation& part : e.parts)
    markdown_tree(part, inputs, indent + "  ", out);
}

void json_input(JsonWriter& w, const Input& in) {
  w.begin_object().key("path").string(in.path).key("written").string(in.written);
  if (!in.value.empty()) w.key("value").string(in.value);
  if (!in.at.empty()) w.key("at").string(in.at);
  if (!in.assumptions.empty()) {
    w.key("assumptions").begin_array();
    for (const Input& a : in.assumptions)
      json_input(w, a);
    w.end_array();
  }
  w.end_object();
}

void json_tree(JsonWriter& w, const model::Explanation& e, const Inputs& inputs, bool top) {
  w.begin_object().key(top ? "figure" : "label").string(e.label).key("value");
  if (e.is_count)
    w.integer(e.count);
  else
    w.money(e.money);
  w.key("formula").string(e.formula);
  if (e.combines != model::Explanation::Combines::sum)
    w.key("combines").string(combines_word(e.combines));
  if (!e.inputs.empty()) {
    w.key("inputs").begin_array();
    for (const std::string& p : e.inputs)
      json_input(w, inputs.describe(p));
    w.end_array();
  }
  w.key("parts").begin_array();
  for (const model::Explanation& part : e.parts)
    json_tree(w, part, inputs, false);
  w.end_array().end_object();
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
  std::vector<model::Explanation> explained;
  for (const std::string& figure : o.figures) {
    model::MetricQuery q = parse_metric_arg(figure, scenario);
    auto e = model::explain(scenario, q);
    if (!e) fail_no_period(q, scenario);
    explained.push_back(std::move(*e));
  }
  std::string text;
  if (format == Format::json) {
    JsonWriter w;
    if (explained.size() > 1) w.begin_array();
    for (const auto& e : explained)
      json_tree(w, e, inputs, true);
    if (explained.size() > 1) w.end_array();
    text = w.str();
  } else {
    for (std::size_t i = 0; i < explained.size(); ++i) {
      if (i > 0) text += "\n";
      if (format == Format::markdown)
        markdown_tree(explained[i], inputs, "", text);
      else
        text_tree(explained[i], inputs, "", "", text);
    }
  }
  write_output(o.output, text, {o.file});
  return kExitOk;
}

}  // namespace cli
