#include "scenarios/yaml_reader.h"

#include <yaml.h>

#include <map>
#include <memory>

namespace scenarios {

namespace {

std::size_t count_nodes(const Node& n) {
  std::size_t total = 1;
  for (const Node& item : n.items)
    total += count_nodes(item);
  for (const Entry& e : n.entries)
    total += count_nodes(e.value);
  return total;
}

// Builds the tree from libyaml's events with an explicit stack, so input
// depth never becomes C++ stack depth.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, std::string_view source, int first_line, int first_column)
      : text_(text),
        source_(std::make_shared<const std::string>(source)),
        first_line_(first_line),
        first_column_(first_column) {}

  YamlResult run();

 private:
  struct Frame {
    Node node;
    std::string anchor;
    std::optional<Entry> pending;  // a mapping's key waiting for its value
  };

  Mark mark_at(yaml_mark_t m) const {
    bool one_line = text_.find('\n') == std::string_view::npos;
    if (one_line && m.line > 0) m = mark_of_offset(text_.size());
    int line = static_cast<int>(m.line) + first_line_;
    int column = static_cast<int>(m.column) + 1 + (m.line == 0 ? first_column_ - 1 : 0);
    return Mark{source_, line, column};
  }
  void error(const yaml_mark_t& m, std::string message) {
    result_.errors.add(mark_at(m), "", std::move(message));
  }
  void syntax_error(const yaml_parser_t& parser);
  yaml_mark_t mark_of_offset(std::size_t offset) const;
  bool handle(const yaml_event_t& event);
  bool open(const yaml_event_t& event, Node::Kind kind, const unsigned char* anchor);
  bool scalar(const yaml_event_t& event);
  bool alias(const yaml_event_t& event);
  bool close();
  bool complete(Node node, const std::string& anchor);
  bool count(std::size_t nodes, const yaml_event_t& event);
  std::string current_path() const;

  std::string_view text_;
  std::shared_ptr<const std::string> source_;
  int first_line_, first_column_;
  std::vector<Frame> stack_;
  std::map<std::string, std::pair<Node, std::size_t>> anchors_;
  std::size_t nodes_ = 0;
  int documents_ = 0;
  YamlResult result_;
};

yaml_mark_t TreeBuilder::mark_of_offset(std::size_t offset) const {
  yaml_mark_t m{};
  m.index = offset;
  for (std::size_t i = 0; i < offset && i < text_.size(); ++i) {
    if (text_[i] == '\n') {
      ++m.line, m.column = 0;
    } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
      ++m.column;
    }
  }
  return m;
}

void TreeBuilder::syntax_error(const yaml_parser_t& parser) {
  std::string problem = parser.problem ? parser.problem : "syntax error";
  std::string context = parser.context ? parser.context : "";
  yaml_mark_t at = parser.problem_mark;
  if (parser.error == YAML_READER_ERROR)
    return error(mark_of_offset(parser.problem_offset),
                 "not UTF-8 text (" + problem + "); save the file as UTF-8");
  if (at.index < text_.size() && text_[at.index] == '\t')
    return error(at, "tab character; indent with spaces");
  if (context == "while scanning a quoted scalar")
    return error(parser.context_mark, "unterminated quoted string");
  if (context == "while parsing a flow mapping" || context == "while parsing a flow sequence") {
    bool mapping = context == "while parsing a flow mapping";
    return error(parser.context_mark, std::string(mapping ? "{" : "[") + " is not closed with " +
                                          (mapping ? "}" : "]") + " (or a ',' is missing)");
  }
  if (problem == "mapping values are not allowed in this context")
    return error(at, "': ' inside plain text; put text that holds a colon in quotes");
  if (problem == "did not find expected key" || problem == "did not find expected '-' indicator")
    return error(at, "this line's indentation does not match the lines above it");
  if (!context.empty()) problem += " " + context;
  error(at, problem);
}

YamlResult TreeBuilder::run() {
  if (std::size_t nul = text_.find('\0'); nul != std::string_view::npos) {
    yaml_mark_t m{};
    m.index = nul;
    for (std::size_t i = 0; i < nul; ++i)
      if (text_[i] == '\n')
        ++m.line, m.column = 0;
      else
        ++m.column;
    error(m, "binary file (NUL byte); expected YAML text");
    return std::move(result_);
  }
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text_.data()),
                               text_.size());
  bool ok = true, done = false;
  while (ok && !done) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      syntax_error(parser);
      ok = false;
      break;
    }
    done = event.type == YAML_STREAM_END_EVENT;
    ok = handle(event);
    yaml_event_delete(&event);
  }
  yaml_parser_delete(&parser);
  if (!ok)
    result_.root.reset();
  else if (!result_.root)
    result_.root =
        Node{Node::Kind::null, "", false, Mark{source_, first_line_, first_column_}, {}, {}};
  return std::move(result_);
}

bool TreeBuilder::handle(const yaml_event_t& event) {
  switch (event.type) {
    case YAML_DOCUMENT_START_EVENT:
      if (++documents_ > 1) {
        error(event.start_mark, "a second YAML document; a scenario file holds one");
        return false;
      }
      return true;
    case YAML_SCALAR_EVENT:
      return scalar(event);
    case YAML_ALIAS_EVENT:
      return alias(event);
    case YAML_SEQUENCE_START_EVENT:
      return open(event, Node::Kind::sequence, event.data.sequence_start.anchor);
    case YAML_MAPPING_START_EVENT:
      return open(event, Node::Kind::mapping, event.data.mapping_start.anchor);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      return close();
    default:
      return true;
  }
}

std::string TreeBuilder::current_path() const {
  std::string path;
  for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
    const Frame& f = stack_[i];
    if (f.node.is_sequence())
      path = join_path(path, std::to_string(f.node.items.size()));
    else if (f.pending)
      path = join_path(path, f.pending->key);
  }
  return path;
}

bool TreeBuilder::count(std::size_t nodes, const yaml_event_t& event) {
  nodes_ += nodes;
  if (nodes_ <= kMaxNodes) return true;
  error(event.start_mark, "more than " + std::to_string(kMaxNodes) +
                              " nodes after expanding aliases (an alias bomb?)");
  return false;
}

bool TreeBuilder::open(const yaml_event_t& event, Node::Kind kind, const unsigned char* anchor) {
  if (stack_.size() >= kMaxDepth) {
    error(event.start_mark, "nested more than " + std::to_string(kMaxDepth) + " levels deep");
    return false;
  }
  if (!count(1, event)) return false;
  Frame frame;
  frame.node.kind = kind;
  frame.node.mark = mark_at(event.start_mark);
  if (anchor) frame.anchor = reinterpret_cast<const char*>(anchor);
  stack_.push_back(std::move(frame));
  return true;
}

bool TreeBuilder::scalar(const yaml_event_t& event) {
  if (!count(1, event)) return false;
  const auto& s = event.data.scalar;
  Node node;
  node.mark = mark_at(event.start_mark);
  node.text.assign(reinterpret_cast<const char*>(s.value), s.length);
  node.quoted = s.style != YAML_PLAIN_SCALAR_STYLE;
  bool is_quote =
      s.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
  if (is_quote && event.end_mark.line != event.start_mark.line) {
    error(event.start_mark, "unterminated quoted string (a quoted string must close on its line)");
    return false;
  }
  bool null = !node.quoted && (node.text.empty() || node.text == "~" || node.text == "null" ||
                               node.text == "Null" || node.text == "NULL");
  node.kind = null ? Node::Kind::null : Node::Kind::scalar;
  std::string anchor = s.anchor ? reinterpret_cast<const char*>(s.anchor) : "";
  return complete(std::move(node), anchor);
}

bool TreeBuilder::alias(const yaml_event_t& event) {
  std::string name = reinterpret_cast<const char*>(event.data.alias.anchor);
  for (const Frame& f : stack_)
    if (f.anchor == name) {
      error(event.start_mark, "alias *" + name + " refers to the node that contains it");
      return false;
    }
  auto it = anchors_.find(name);
  if (it == anchors_.end()) {
    error(event.start_mark, "unknown alias *" + name);
    return false;
  }
  if (!count(it->second.second, event)) return false;
  return complete(it->second.first, "");
}

bool TreeBuilder::close() {
  Frame frame = std::move(stack_.back());
  stack_.pop_back();
  return complete(std::move(frame.node), frame.anchor);
}

bool TreeBuilder::complete(Node node, const std::string& anchor) {
  if (!anchor.empty()) anchors_[anchor] = {node, count_nodes(node)};
  if (stack_.empty()) {
    result_.root = std::move(node);
    return true;
  }
  Frame& top = stack_.back();
  if (top.node.is_sequence()) {
    top.node.items.push_back(std::move(node));
    return true;
  }
  if (top.pending) {
    top.pending->value = std::move(node);
    top.node.entries.push_back(std::move(*top.pending));
    top.pending.reset();
    return true;
  }
  if (!node.is_scalar()) {
    result_.errors.add(node.mark, current_path(), "a mapping key must be plain text");
    return false;
  }
  for (const Entry& e : top.node.entries)
    if (e.key == node.text) {
      result_.errors.add(node.mark, join_path(current_path(), node.text),
                         "duplicate key '" + node.text + "' (first given at line " +
                             std::to_string(e.key_mark.line) + ")");
      break;
    }
  top.pending = Entry{node.text, node.mark, Node{}};
  return true;
}

}  // namespace

YamlResult parse_yaml(std::string_view text, std::string_view source_name, int first_line,
                      int first_column) {
  return TreeBuilder(text, source_name, first_line, first_column).run();
}

}  // namespace scenarios
