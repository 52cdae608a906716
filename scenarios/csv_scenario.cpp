#include "scenarios/csv_scenario.h"

#include <cctype>

#include <algorithm>
#include <map>

#include "scenarios/yaml_reader.h"

namespace scenarios {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

Node null_at(const Mark& mark) {
  return Node{Node::Kind::null, "", false, mark, {}, {}};
}

// Where a cell's text starts: past the opening quote of a quoted cell.
Mark text_mark(const CsvCell& cell) {
  Mark m = cell.mark;
  if (cell.quoted) ++m.column;
  return m;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

// Inserts `value` at `keys` under `root`, creating mappings on the way.
// `line_of` names what was given where, for the messages.
void insert(Node& root, const std::vector<std::string>& keys, Node value, const Mark& at,
            const std::string& path, Diagnostics& errors) {
  Node* node = &root;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    Node* found = node->find(keys[i]);
    bool last = i + 1 == keys.size();
    if (found && last && found->is_mapping() && !found->entries.empty()) {
      const Entry& below = found->entries.front();
      errors.add(at, path,
                 "conflicts with " + path + "." + below.key + " given at line " +
                     std::to_string(below.key_mark.line));
      return;
    }
    if (found && (last || !found->is_mapping())) {
      errors.add(at, path,
                 last ? "given twice (first at line " + std::to_string(found->mark.line) + ")"
                      : "conflicts with a value given at line " + std::to_string(found->mark.line));
      return;
    }
    if (!found) {
      node->entries.push_back(Entry{keys[i], at, last ? std::move(value) : null_at(at)});
      found = &node->entries.back().value;
      if (!last) found->kind = Node::Kind::mapping;
    }
    node = found;
  }
}

std::vector<std::string> split_dots(std::string_view s) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    std::size_t dot = s.find('.', from);
    out.emplace_back(s.substr(from, dot - from));
    if (dot == std::string_view::npos) return out;
    from = dot + 1;
  }
}

bool check_width(const CsvRow& row, std::size_t low, std::size_t high, Diagnostics& errors) {
  if (row.size() >= low && row.size() <= high) return true;
  std::string cells = std::to_string(row.size()) + (row.size() == 1 ? " cell" : " cells");
  errors.add(row.front().mark, "",
             "this row has " + cells + "; the header has " + std::to_string(high) +
                 (row.size() > high ? " (a value holding a comma must be in quotes)" : ""));
  return false;
}

// Whether a cell is YAML: it starts with [, { or a quote and either ends with
// the matching ] } or quote, or never closes (an error worth reporting). A
// cell that closes its quote early, as Excel writes `"Quoted" lot`, is text.
bool starts_yaml(std::string_view t) {
  char open = t[0];
  char close = open == '[' ? ']' : open == '{' ? '}' : open;
  if (open != '[' && open != '{' && open != '"' && open != '\'') return false;
  if (t.size() >= 2 && t.back() == close) return true;
  return t.find(close, 1) == std::string_view::npos;
}

}  // namespace

Node read_value(std::string_view text, const Mark& mark, Diagnostics& errors) {
  Mark at = mark;
  while (!text.empty() && is_space(text.front()))
    text.remove_prefix(1), ++at.column;
  std::string t = trimmed(text);
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") return null_at(at);
  if (starts_yaml(t)) {
    YamlResult parsed = parse_yaml(t, at.source ? *at.source : "", at.line, at.column);
    errors.append(parsed.errors);
    if (parsed.root) return std::move(*parsed.root);
    return null_at(at);
  }
  return Node{Node::Kind::scalar, t, false, at, {}, {}};
}

std::vector<std::string> split_scenario_path(std::string_view path) {
  std::vector<std::string> keys = split_dots(path);
  std::size_t opaque_from = 0;
  if (keys.size() > 2 && keys[0] == "variants") opaque_from = 2;
  if (keys.size() > 2 && keys[0] == "sensitivity" && keys[1] == "parameters") opaque_from = 2;
  if (opaque_from == 0) return keys;
  std::string rest = keys[opaque_from];
  for (std::size_t i = opaque_from + 1; i < keys.size(); ++i)
    rest += "." + keys[i];
  keys.resize(opaque_from);
  keys.push_back(rest);
  return keys;
}

namespace {

std::string lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool looks_like_path_value_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::string first = lower(trimmed(text.substr(0, text.find('\n'))));
  return first == "path,value" || first.starts_with("path,value,");
}

namespace {

// The rows of a CSV file, or nullopt after adding its errors to `out` (an
// empty file says what header was expected).
std::optional<CsvResult> rows_of(std::string_view text, std::string_view source_name,
                                 const char* expected_header, TreeResult& out) {
  CsvResult csv = parse_csv(text, source_name);
  out.errors = csv.errors;
  if (!csv.errors.empty()) return std::nullopt;
  if (csv.rows.empty()) {
    out.errors.add(Mark{scenarios::source_name(source_name), 1, 1}, "",
                   std::string("empty file: expected ") + expected_header);
    return std::nullopt;
  }
  return csv;
}

}  // namespace

TreeResult parse_path_value_csv(std::string_view text, std::string_view source_name) {
  TreeResult out;
  auto read = rows_of(text, source_name, "the header path,value", out);
  if (!read) return out;
  const CsvResult& csv = *read;
  auto source = scenarios::source_name(source_name);
  const CsvRow& header = csv.rows.front();
  // Headers as a spreadsheet saves them: in any case (Path,Value), and with
  // empty columns after them (path,value,,), which are ignored.
  std::size_t width = header.size();
  while (width > 2 && trimmed(header[width - 1].text).empty())
    --width;
  auto named = [&](std::size_t i, const char* name) {
    return i < width && lower(trimmed(header[i].text)) == name;
  };
  bool note = width == 3 && named(2, "note");
  if (width < 2 || !named(0, "path") || !named(1, "value") || (width > 2 && !note)) {
    bool semicolons = header.front().text.find(';') != std::string::npos;
    out.errors.add(header.front().mark, "",
                   semicolons ? "expected the header path,value: this file separates its "
                                "columns with ';' (as Excel does in some countries); save it "
                                "as CSV with commas"
                              : "expected the header path,value (and optionally a note column)");
    return out;
  }
  Node root{Node::Kind::mapping, "", false, Mark{source, 1, 1}, {}, {}};
  bool rows_ok = true;
  for (std::size_t r = 1; r < csv.rows.size(); ++r) {
    CsvRow row = csv.rows[r];
    while (row.size() > width && trimmed(row.back().text).empty())
      row.pop_back();  // a trailing comma, or the empty columns of the header
    if (!check_width(row, 2, width, out.errors)) {
      rows_ok = false;
      continue;
    }
    std::string path = trimmed(row[0].text);
    if (path.empty()) {
      out.errors.add(row[0].mark, "", "empty path");
      continue;
    }
    std::vector<std::string> keys = split_scenario_path(path);
    if (auto empty = std::find(keys.begin(), keys.end(), ""); empty != keys.end()) {
      Mark at = text_mark(row[0]);
      for (auto k = keys.begin(); k != empty; ++k)
        at.column += static_cast<int>(k->size()) + 1;
      out.errors.add(at, path, "empty path segment");
      continue;
    }
    Node value = read_value(row[1].text, text_mark(row[1]), out.errors);
    insert(root, keys, std::move(value), text_mark(row[0]), path, out.errors);
  }
  // A row of the wrong width (often an unquoted comma) shifts what follows: stop there.
  if (rows_ok) out.root = std::move(root);
  return out;
}

namespace {

// A spreadsheet's name for the column at 0-based index i: A, B, ..., Z, AA, ...
std::string column_letters(std::size_t i) {
  std::string out;
  for (++i; i > 0; i = (i - 1) / 26)
    out.insert(out.begin(), char('A' + (i - 1) % 26));
  return out;
}

// Header columns named twice, or one column inside another (funded_by and
// funded_by.core): errors at the header.
void check_columns(const CsvRow& header, const std::vector<std::vector<std::string>>& fields,
                   Diagnostics& errors) {
  for (std::size_t c = 1; c < header.size(); ++c)
    for (std::size_t d = 1; d < c; ++d) {
      std::size_t n = std::min(fields[c].size(), fields[d].size());
      if (!std::equal(fields[c].begin(), fields[c].begin() + n, fields[d].begin())) continue;
      std::string name = trimmed(header[c].text), other = trimmed(header[d].text);
      errors.add(
          header[c].mark, "",
          fields[c].size() == fields[d].size()
              ? "column '" + name + "' given twice (first in column " + column_letters(d) + ")"
              : "column '" + name + "' conflicts with column '" + other + "' (column " +
                    column_letters(d) + ")");
      break;
    }
}

}  // namespace

TreeResult parse_csv_table(std::string_view text, std::string_view source_name,
                           std::string_view section) {
  TreeResult out;
  auto read = rows_of(text, source_name, "a header row starting with id", out);
  if (!read) return out;
  const CsvResult& csv = *read;
  auto source = scenarios::source_name(source_name);
  const CsvRow& header = csv.rows.front();
  if (trimmed(header[0].text) != "id") {
    out.errors.add(header[0].mark, "",
                   "the first column of a table is id, got \"" + trimmed(header[0].text) + "\"");
    return out;
  }
  std::vector<std::vector<std::string>> fields(header.size());
  for (std::size_t c = 1; c < header.size(); ++c) {
    fields[c] = split_dots(trimmed(header[c].text));
    for (const std::string& key : fields[c])
      if (key.empty()) {
        out.errors.add(header[c].mark, "", "empty column name");
        break;
      }
  }
  if (out.errors.empty()) check_columns(header, fields, out.errors);
  if (!out.errors.empty()) return out;
  Node root{Node::Kind::mapping, "", false, Mark{source, 1, 1}, {}, {}};
  for (std::size_t r = 1; r < csv.rows.size(); ++r) {
    const CsvRow& row = csv.rows[r];
    if (!check_width(row, header.size(), header.size(), out.errors)) return out;
    std::string id = trimmed(row[0].text);
    if (id.empty()) {
      out.errors.add(row[0].mark, "", "missing id");
      continue;
    }
    Node entry{Node::Kind::mapping, "", false, text_mark(row[0]), {}, {}};
    for (std::size_t c = 1; c < row.size(); ++c) {
      if (trimmed(row[c].text).empty()) continue;  // "" too: exporters quote every cell
      Node value = read_value(row[c].text, text_mark(row[c]), out.errors);
      insert(entry, fields[c], std::move(value), text_mark(row[c]),
             join_path(join_path(section, id), trimmed(header[c].text)), out.errors);
    }
    if (const Node* first = root.find(id))
      out.errors.add(text_mark(row[0]), join_path(section, id),
                     "given twice (first at line " + std::to_string(first->mark.line) + ")");
    else
      insert(root, {id}, std::move(entry), text_mark(row[0]), join_path(section, id), out.errors);
  }
  out.root = std::move(root);
  return out;
}

}  // namespace scenarios
