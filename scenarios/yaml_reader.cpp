#include "scenarios/yaml_reader.h"

#include <libfyaml.h>

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>

#include "scenarios/csv_reader.h"

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

// A place in the text, 0-based, columns counted in characters (as libfyaml
// counts them).
struct Where {
  int line = 0, column = 0;
};

Where where_of(const fy_mark* m) {
  return m ? Where{m->line, m->column} : Where{};
}

// libfyaml's parser, its diagnostics collected rather than printed.
class FyParser {
 public:
  explicit FyParser(std::string_view text) {
    fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = nullptr;
    diag_ = fy_diag_create(&dcfg);
    fy_diag_set_collect_errors(diag_, true);
    fy_parse_cfg cfg{};
    cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_COLLECT_DIAG |
                                                FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE);
    cfg.diag = diag_;
    parser_ = fy_parser_create(&cfg);
    fy_parser_set_string(parser_, text.data(), text.size());
  }
  ~FyParser() {
    fy_parser_destroy(parser_);
    fy_diag_destroy(diag_);
  }
  FyParser(const FyParser&) = delete;
  FyParser& operator=(const FyParser&) = delete;

  // The next event, or nullptr at the end or on an error.
  fy_event* next() { return fy_parser_parse(parser_); }
  void free(fy_event* e) { fy_parser_event_free(parser_, e); }
  bool failed() { return fy_parser_get_stream_error(parser_); }
  // The first error libfyaml reported, if any.
  const fy_diag_error* first_error() {
    void* it = nullptr;
    return fy_diag_errors_iterate(diag_, &it);
  }

 private:
  fy_diag* diag_;
  fy_parser* parser_;
};

// Builds the tree from libfyaml's events with an explicit stack, so input
// depth never becomes C++ stack depth.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, std::string_view source, int first_line, int first_column)
      : text_(text),
        source_(source_name(source)),
        first_line_(first_line),
        first_column_(first_column) {}

  YamlResult run();

 private:
  struct Frame {
    Node node;
    std::string anchor;
    bool awaiting_value = false;  // a mapping's last entry has its key, not yet its value
    bool flow = false;            // opened with [ or {
    // Each key's first line, once the mapping is large (a thousand contracts):
    // a duplicate is then found without comparing every earlier key.
    std::unordered_map<std::string, int> first_lines;
  };

  Mark mark_at(Where w) const;
  void error(Where w, std::string message) {
    result_.errors.add(mark_at(w), "", std::move(message));
  }
  std::string_view line_text(int line) const;
  int lines() const;
  // At or after the last character: where libfyaml reports what never closed.
  bool past_the_end(Where w) const;
  Where where_of_offset(std::size_t offset) const;
  void syntax_error(const fy_diag_error* e);
  bool handle(fy_event* event);
  bool open(fy_event* event, Node::Kind kind, fy_token* anchor, fy_token* start);
  bool scalar(fy_event* event);
  bool alias(fy_event* event);
  bool close();
  bool complete(Node&& node, std::string_view anchor);
  bool key(Frame& mapping, Node&& node);
  bool scalar_key(Frame& mapping, std::string_view key, Mark mark);
  int first_given(Frame& mapping, std::string_view key);
  bool count(std::size_t nodes, Where w);
  std::string current_path() const;

  std::string_view text_;
  const std::string* source_;
  int first_line_, first_column_;
  std::vector<Frame> stack_;
  std::map<std::string, std::pair<Node, std::size_t>> anchors_;
  std::size_t nodes_ = 0;
  int documents_ = 0;
  mutable int lines_ = -1;        // counted once, when a mark is first made
  bool second_document_ = false;  // reported at the next event that has a place
  YamlResult result_;
};

// A token's text, valid until its event is freed.
std::string_view token_text(fy_token* t) {
  std::size_t length = 0;
  const char* s = t ? fy_token_get_text(t, &length) : nullptr;
  return s ? std::string_view(s, length) : std::string_view();
}

std::string_view TreeBuilder::line_text(int line) const {
  std::size_t begin = 0;
  for (int i = 0; i < line; ++i) {
    std::size_t nl = text_.find('\n', begin);
    if (nl == std::string_view::npos) return {};
    begin = nl + 1;
  }
  std::size_t end = text_.find('\n', begin);
  return text_.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
}

std::size_t characters(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// A place past the last character (as libfyaml gives for the end of the
// input) is moved back to just after the last line's last character.
int TreeBuilder::lines() const {
  if (lines_ < 0) {
    int lines = 0;
    for (char c : text_)
      lines += c == '\n';
    lines_ = lines + (!text_.empty() && text_.back() != '\n');
  }
  return lines_;
}

bool TreeBuilder::past_the_end(Where w) const {
  int last = lines() - 1;
  return w.line > last ||
         (w.line == last && w.column >= static_cast<int>(characters(line_text(last))));
}

Mark TreeBuilder::mark_at(Where w) const {
  int lines = this->lines();
  if (w.line >= lines && lines > 0) {
    w.line = lines - 1;
    w.column = static_cast<int>(characters(line_text(w.line)));
  }
  if (w.line < 0) w = Where{};
  int line = w.line + first_line_;
  int column = w.column + 1 + (w.line == 0 ? first_column_ - 1 : 0);
  return Mark{source_, line, column};
}

Where TreeBuilder::where_of_offset(std::size_t offset) const {
  Where w;
  for (std::size_t i = 0; i < offset && i < text_.size(); ++i) {
    if (text_[i] == '\n')
      ++w.line, w.column = 0;
    else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80)
      ++w.column;
  }
  return w;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// libfyaml's message, or ours where we can say the fix.
void TreeBuilder::syntax_error(const fy_diag_error* e) {
  std::string problem = e && e->msg ? e->msg : "YAML syntax error";
  Where at = e ? Where{e->line - 1, e->column - 1} : Where{};
  Where token_at = e && e->fyt ? where_of(fy_token_start_mark(e->fyt)) : at;
  // A tab in a line's indentation is what usually lies behind an error
  // libfyaml reports a little later (a key read as text running on).
  int first = std::max(0, std::min(at.line, token_at.line));
  for (int line = first; line <= at.line + 1; ++line) {
    std::string_view text = line_text(line);
    std::size_t indent = text.find_first_not_of(" \t");
    std::size_t tab = text.substr(0, indent).find('\t');
    if (tab == std::string_view::npos && line == at.line && contains(problem, "tab"))
      tab = text.find('\t');
    if (tab != std::string_view::npos)
      return error(Where{line, static_cast<int>(characters(text.substr(0, tab)))},
                   "tab character; indent with spaces");
  }
  if (contains(problem, "quoted scalar") &&
      (contains(problem, "without closing quote") || contains(problem, "wrongly indented"))) {
    // The token starts after its opening quote.
    std::size_t pos = e->fyt ? fy_token_start_mark(e->fyt)->input_pos : 0;
    if (pos > 0 && pos <= text_.size() && (text_[pos - 1] == '"' || text_[pos - 1] == '\''))
      --token_at.column;
    return error(token_at,
                 at.line == token_at.line && !contains(problem, "wrongly indented")
                     ? "unterminated quoted string"
                     : "unterminated quoted string (a quoted string must close on its line)");
  }
  bool at_end = past_the_end(at);
  if (contains(problem, "without a closing") || contains(problem, "missing comma in flow") ||
      at_end) {
    for (auto f = stack_.rbegin(); f != stack_.rend(); ++f)
      if (f->flow) {
        bool mapping = f->node.is_mapping();
        Mark m = f->node.mark;
        result_.errors.add(m, "",
                           std::string(mapping ? "{" : "[") + " is not closed with " +
                               (mapping ? "}" : "]") + " (or a ',' is missing)");
        return;
      }
  }
  if (contains(problem, "comment without whitespace"))
    return error(at,
                 "a # right after a value; put a space before a # that starts a comment, or "
                 "quote the whole value");
  if (contains(problem, "block mapping on the same line") ||
      contains(problem, "mapping values are not allowed"))
    return error(at, "': ' inside plain text; put text that holds a colon in quotes");
  if (contains(problem, "indent") || contains(problem, "multiline plain key") ||
      contains(problem, "at the end of block"))
    return error(at, "this line's indentation does not match the lines above it");
  error(at, problem + " (YAML syntax)");
}

YamlResult TreeBuilder::run() {
  if (std::size_t nul = text_.find('\0'); nul != std::string_view::npos) {
    Where w;
    for (std::size_t i = 0; i < nul; ++i)
      if (text_[i] == '\n')
        ++w.line, w.column = 0;
      else
        ++w.column;
    error(w, "binary file (NUL byte); expected YAML text");
    return std::move(result_);
  }
  if (std::size_t bad = invalid_utf8(text_); bad != std::string_view::npos) {
    error(where_of_offset(bad), "not UTF-8 text; save the file as UTF-8");
    return std::move(result_);
  }
  FyParser parser(text_);
  stack_.reserve(kMaxDepth);
  bool ok = true;
  while (ok) {
    fy_event* event = parser.next();
    if (!event) break;
    ok = handle(event);
    parser.free(event);
  }
  if (ok && parser.failed()) {
    syntax_error(parser.first_error());
    ok = false;
  }
  if (!ok)
    result_.root.reset();
  else if (!result_.root)
    result_.root =
        Node{Node::Kind::null, "", false, Mark{source_, first_line_, first_column_}, {}, {}};
  return std::move(result_);
}

bool TreeBuilder::handle(fy_event* event) {
  if (second_document_) {
    if (const fy_mark* start = fy_event_start_mark(event)) {
      error(where_of(start), "a second YAML document; a scenario file holds one");
      return false;
    }
  }
  switch (event->type) {
    case FYET_DOCUMENT_START:
      if (++documents_ > 1) {
        const fy_mark* start = fy_event_start_mark(event);
        if (!start) {
          second_document_ = true;
          return true;
        }
        error(where_of(start), "a second YAML document; a scenario file holds one");
        return false;
      }
      return true;
    case FYET_STREAM_END:
      if (second_document_) {
        error(Where{1 << 30, 0}, "a second YAML document; a scenario file holds one");
        return false;
      }
      return true;
    case FYET_SCALAR:
      return scalar(event);
    case FYET_ALIAS:
      return alias(event);
    case FYET_SEQUENCE_START:
      return open(event, Node::Kind::sequence, event->sequence_start.anchor,
                  event->sequence_start.sequence_start);
    case FYET_MAPPING_START:
      return open(event, Node::Kind::mapping, event->mapping_start.anchor,
                  event->mapping_start.mapping_start);
    case FYET_SEQUENCE_END:
    case FYET_MAPPING_END:
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
    else if (f.awaiting_value)
      path = join_path(path, f.node.entries.back().key);
  }
  return path;
}

bool TreeBuilder::count(std::size_t nodes, Where w) {
  nodes_ += nodes;
  if (nodes_ <= kMaxNodes) return true;
  error(w, "more than " + std::to_string(kMaxNodes) +
               " nodes after expanding aliases (an alias bomb?)");
  return false;
}

bool TreeBuilder::open(fy_event* event, Node::Kind kind, fy_token* anchor, fy_token* start) {
  Where at = where_of(fy_event_start_mark(event));
  if (stack_.size() >= kMaxDepth) {
    error(at, "nested more than " + std::to_string(kMaxDepth) + " levels deep");
    return false;
  }
  if (!count(1, at)) return false;
  Frame& frame = stack_.emplace_back();
  frame.node.kind = kind;
  frame.node.mark = mark_at(at);
  frame.anchor = std::string(token_text(anchor));
  frame.flow = start && (fy_token_get_type(start) == FYTT_FLOW_SEQUENCE_START ||
                         fy_token_get_type(start) == FYTT_FLOW_MAPPING_START);
  return true;
}

bool TreeBuilder::scalar(fy_event* event) {
  fy_token* value = event->scalar.value;
  fy_scalar_style style = fy_token_scalar_style(value);
  bool is_quote = style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED;
  Where at = where_of(fy_event_start_mark(event));
  if (is_quote) --at.column;  // libfyaml marks the text; we mark its opening quote
  if (!count(1, at)) return false;
  if (is_quote && where_of(fy_event_end_mark(event)).line != at.line) {
    error(at, "unterminated quoted string (a quoted string must close on its line)");
    return false;
  }
  std::string_view t = token_text(value);
  bool quoted = style != FYSS_PLAIN;
  // A tag other than !!null (`!!str`, say) makes even an empty scalar text.
  std::string_view tag = token_text(event->scalar.tag);
  bool tagged = !tag.empty() && tag != "!!null" && tag != "tag:yaml.org,2002:null";
  bool null = !quoted && !tagged && t.size() <= 4 &&
              (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL");
  auto fill = [&](Node& node) {
    node.kind = null ? Node::Kind::null : Node::Kind::scalar;
    node.text = t;
    node.quoted = quoted;
    node.mark = mark_at(at);
  };
  std::string_view anchor = token_text(event->scalar.anchor);
  if (anchor.empty() && !stack_.empty()) {  // most scalars: a value, made where it goes
    Frame& top = stack_.back();
    if (top.node.is_sequence()) {
      fill(top.node.items.emplace_back());
      return true;
    }
    if (top.awaiting_value) {
      fill(top.node.entries.back().value);
      top.awaiting_value = false;
      return true;
    }
    if (!null) return scalar_key(top, t, mark_at(at));  // a key, made in its entry
  }
  Node node;
  fill(node);
  return complete(std::move(node), anchor);
}

bool TreeBuilder::alias(fy_event* event) {
  Where at = where_of(fy_event_start_mark(event));
  --at.column;  // libfyaml marks the name; we mark its *
  std::string name(token_text(event->alias.anchor));
  for (const Frame& f : stack_)
    if (f.anchor == name) {
      error(at, "alias *" + name + " refers to the node that contains it");
      return false;
    }
  auto it = anchors_.find(name);
  if (it == anchors_.end()) {
    error(at, "unknown alias *" + name);
    return false;
  }
  if (!count(it->second.second, at)) return false;
  Node copy = it->second.first;
  return complete(std::move(copy), "");
}

bool TreeBuilder::close() {
  Frame& top = stack_.back();
  if (top.awaiting_value) top.node.entries.pop_back();  // a key without a value is dropped
  if (top.anchor.empty() && stack_.size() >= 2) {  // most: a value, moved once to where it goes
    Frame& parent = stack_[stack_.size() - 2];
    if (parent.node.is_sequence() || parent.awaiting_value) {
      if (parent.node.is_sequence())
        parent.node.items.push_back(std::move(top.node));
      else
        parent.node.entries.back().value = std::move(top.node), parent.awaiting_value = false;
      stack_.pop_back();
      return true;
    }
  }
  Node node = std::move(top.node);
  std::string anchor = std::move(top.anchor);
  stack_.pop_back();
  return complete(std::move(node), anchor);
}

bool TreeBuilder::complete(Node&& node, std::string_view anchor) {
  if (!anchor.empty()) anchors_[std::string(anchor)] = {node, count_nodes(node)};
  if (stack_.empty()) {
    result_.root = std::move(node);
    return true;
  }
  Frame& top = stack_.back();
  if (top.node.is_sequence()) {
    top.node.items.push_back(std::move(node));
    return true;
  }
  if (top.awaiting_value) {
    top.node.entries.back().value = std::move(node);
    top.awaiting_value = false;
    return true;
  }
  return key(top, std::move(node));
}

// A mapping's key, its value to follow; a duplicate is reported and kept.
bool TreeBuilder::key(Frame& mapping, Node&& node) {
  if (!node.is_scalar()) {
    result_.errors.add(node.mark, current_path(),
                       node.is_null() ? "an empty mapping key; give the key a name"
                                      : "a mapping key must be plain text");
    return false;
  }
  return scalar_key(mapping, node.text, std::move(node.mark));
}

bool TreeBuilder::scalar_key(Frame& mapping, std::string_view key, Mark mark) {
  if (int line = first_given(mapping, key))
    result_.errors.add(mark, join_path(current_path(), key),
                       "duplicate key '" + std::string(key) + "' (first given at line " +
                           std::to_string(line) + ")");
  if (!mapping.first_lines.empty()) mapping.first_lines.emplace(key, mark.line);
  if (mapping.node.entries.empty()) mapping.node.entries.reserve(4);
  Entry& entry = mapping.node.entries.emplace_back();
  entry.key = key;
  entry.key_mark = std::move(mark);
  mapping.awaiting_value = true;
  return true;
}

// The line `key` was first given at in the mapping, or 0 when it is new.
int TreeBuilder::first_given(Frame& mapping, std::string_view key) {
  constexpr std::size_t kIndexedFrom = 16;  // entries; fewer are compared one by one
  const std::vector<Entry>& entries = mapping.node.entries;
  if (entries.size() < kIndexedFrom) {
    for (const Entry& e : entries)
      if (e.key == key) return e.key_mark.line;
    return 0;
  }
  if (mapping.first_lines.empty())
    for (const Entry& e : entries)
      mapping.first_lines.emplace(e.key, e.key_mark.line);  // keeps the first of duplicates
  auto it = mapping.first_lines.find(std::string(key));
  return it == mapping.first_lines.end() ? 0 : it->second;
}

}  // namespace

YamlResult parse_yaml(std::string_view text, std::string_view source_name, int first_line,
                      int first_column) {
  return TreeBuilder(text, source_name, first_line, first_column).run();
}

}  // namespace scenarios
