#include "cli/render/explanation.h"

#include "cli/render/json.h"
#include "cli/render/markup.h"

namespace cli {

namespace {

std::string value_text(const ExplainedFigure& e) {
  if (e.is_count) return std::to_string(e.count);
  return model::to_display_string(e.money, true);
}

std::string input_line(const DescribedInput& in) {
  std::string line = in.path + " = " + in.written;
  if (!in.value.empty() && in.value != in.written) line += " = " + in.value;
  if (!in.at.empty()) line += " (" + in.at + ")";
  return line;
}

void text_inputs(const std::vector<DescribedInput>& inputs, const std::string& indent,
                 std::string& out) {
  for (const DescribedInput& in : inputs) {
    out += indent + "· " + input_line(in) + "\n";
    text_inputs(in.assumptions, indent + "  ", out);
  }
}

void text_tree(const ExplainedFigure& e, const std::string& lead, const std::string& indent,
               std::string& out) {
  out += lead + e.label + ": " + value_text(e);
  if (!e.formula.empty()) out += " = " + e.formula;
  out += "\n";
  text_inputs(e.inputs, indent + "    ", out);
  for (std::size_t i = 0; i < e.parts.size(); ++i) {
    bool last = i + 1 == e.parts.size();
    text_tree(e.parts[i], indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "), out);
  }
}

void markdown_tree(const ExplainedFigure& e, const std::string& indent, std::string& out) {
  out += indent + "- **" + escape_markdown(e.label) + "**: " + escape_markdown(value_text(e));
  if (!e.formula.empty()) out += " = " + escape_markdown(e.formula);
  out += "\n";
  for (const DescribedInput& in : e.inputs) {
    out += indent + "  - input: " + escape_markdown(input_line(in)) + "\n";
    for (const DescribedInput& a : in.assumptions)
      out += indent + "    - " + escape_markdown(input_line(a)) + "\n";
  }
  for (const ExplainedFigure& part : e.parts)
    markdown_tree(part, indent + "  ", out);
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

void json_input(JsonWriter& w, const DescribedInput& in) {
  w.begin_object().key("path").string(in.path).key("written").string(in.written);
  if (!in.value.empty()) w.key("value").string(in.value);
  if (!in.at.empty()) w.key("at").string(in.at);
  if (!in.assumptions.empty()) {
    w.key("assumptions").begin_array();
    for (const DescribedInput& a : in.assumptions)
      json_input(w, a);
    w.end_array();
  }
  w.end_object();
}

void json_tree(JsonWriter& w, const ExplainedFigure& e, bool top) {
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
    for (const DescribedInput& in : e.inputs)
      json_input(w, in);
    w.end_array();
  }
  w.key("parts").begin_array();
  for (const ExplainedFigure& part : e.parts)
    json_tree(w, part, false);
  w.end_array().end_object();
}

}  // namespace

std::string explanation_text(const std::vector<ExplainedFigure>& figures) {
  std::string out;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    if (i > 0) out += "\n";
    text_tree(figures[i], "", "", out);
  }
  return out;
}

std::string explanation_markdown(const std::vector<ExplainedFigure>& figures) {
  std::string out;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    if (i > 0) out += "\n";
    markdown_tree(figures[i], "", out);
  }
  return out;
}

std::string explanation_json(const std::vector<ExplainedFigure>& figures) {
  JsonWriter w;
  if (figures.size() > 1) w.begin_array();
  for (const ExplainedFigure& e : figures)
    json_tree(w, e, true);
  if (figures.size() > 1) w.end_array();
  return w.str();
}

}  // namespace cli
