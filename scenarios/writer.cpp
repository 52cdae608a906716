#include "scenarios/writer.h"

#include <cstdio>
#include <regex>
#include <string_view>

#include "scenarios/csv_scenario.h"

namespace scenarios {

namespace {

bool is_null_word(std::string_view t) {
  return t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL";
}

// The length of a character at t[i] that YAML may not hold as it is (not
// c-printable: DEL, U+0080 to U+009F but U+0085, U+FFFE, U+FFFF), or 0.
std::size_t not_printable_at(std::string_view t, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
  if (byte(i) == 0x7f) return 1;
  if (byte(i) == 0xC2 && i + 1 < t.size() && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F &&
      byte(i + 1) != 0x85)
    return 2;
  if (byte(i) == 0xEF && i + 2 < t.size() && byte(i + 1) == 0xBF && (byte(i + 2) & 0xFE) == 0xBE)
    return 3;
  return 0;
}

bool has_unprintable(std::string_view t) {
  for (std::size_t i = 0; i < t.size(); ++i)
    if (not_printable_at(t, i)) return true;
  return false;
}

// Whether a scalar can be written without quotes and read back as the same
// text, in flow context (inside [] or {}) or in block context.
bool plain_is_safe(std::string_view t, bool flow) {
  if (is_null_word(t) || t.front() == ' ' || t.back() == ' ') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(t.front()) != std::string_view::npos) {
    bool signed_number = t.front() == '-' && t.size() > 1 && t[1] != ' ';
    if (!signed_number) return false;
  }
  for (char c : t)
    if (c == '\n' || c == '\r' || c == '\t' || static_cast<unsigned char>(c) < 0x20) return false;
  if (has_unprintable(t)) return false;
  if (t.find(": ") != std::string_view::npos || t.find(" #") != std::string_view::npos ||
      t.back() == ':')
    return false;
  if (flow && t.find_first_of(",[]{}") != std::string_view::npos) return false;
  return true;
}

std::string double_quoted(std::string_view t) {
  std::string out = "\"";
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto c = static_cast<unsigned char>(t[i]);
    if (std::size_t n = not_printable_at(t, i)) {
      unsigned code = n == 1   ? 0x7f
                      : n == 2 ? static_cast<unsigned char>(t[i + 1])
                               : 0xFFFE + (static_cast<unsigned char>(t[i + 2]) & 1);
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", code);
      out += buf;
      i += n - 1;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// Whether another YAML reader (1.1 or 1.2) would take a plain scalar for
// something other than text: a boolean (yes, No, on, y), a number in any of
// YAML's forms (1e3, 0x1F, 0o17, 017, 1_000, 1:20, .inf, .NaN), or a date
// or time (2019-07-01). envelope reads such a name as text; they would not.
bool other_readers_take_as_non_text(std::string_view t) {
  static const std::regex kNonText(
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
      "|[-+]?(\\.[0-9_]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
      "|[-+]?0(x[0-9a-fA-F_]+|o[0-7_]+|b[01_]+)"
      "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
      "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
      "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"
      "|=|<<");
  return std::regex_match(t.begin(), t.end(), kNonText);
}

// `text`: the scalar is text to envelope (a name, a group, a key), so it is
// quoted where another reader would take it for something else.
std::string scalar(const Node& n, bool flow, bool text = false) {
  if (n.is_null()) return "null";
  bool plain = plain_is_safe(n.text, flow) && !(text && other_readers_take_as_non_text(n.text));
  return plain ? n.text : double_quoted(n.text);
}

// The fields whose values are text, however they look.
bool is_text_field(std::string_view key) {
  return key == "name" || key == "group" || key == "metric" || key == "variant" || key == "dist" ||
         key == "apportion";
}

std::string key_text(const std::string& key, bool flow = false) {
  return scalar(Node{Node::Kind::scalar, key, false, {}, {}, {}}, flow, true);
}

// A node as a YAML flow value: a, [a, b], {k: v}; `text` as for scalar().
std::string flow(const Node& n, bool text = false) {
  if (n.is_sequence()) {
    std::string out = "[";
    for (std::size_t i = 0; i < n.items.size(); ++i)
      out += (i ? ", " : "") + flow(n.items[i]);
    return out + "]";
  }
  if (n.is_mapping()) {
    std::string out = "{";
    for (std::size_t i = 0; i < n.entries.size(); ++i) {
      const Entry& e = n.entries[i];
      out += (i ? ", " : "") + key_text(e.key, true) + ": " + flow(e.value, is_text_field(e.key));
    }
    return out + "}";
  }
  return scalar(n, true, text);
}

void yaml_block(const Node& n, int indent, std::string& out) {
  std::string pad(indent, ' ');
  for (const Entry& e : n.entries) {
    const Node& v = e.value;
    out += pad + key_text(e.key) + ":";
    if (v.is_mapping() && !v.entries.empty()) {
      out += "\n";
      yaml_block(v, indent + 2, out);
    } else if (v.is_sequence() && !v.items.empty() && !v.items.front().is_scalar() &&
               !v.items.front().is_null()) {
      out += "\n";
      for (const Node& item : v.items)
        out += pad + "  - " + flow(item) + "\n";
    } else if (v.is_null()) {
      out += "\n";
    } else {
      out += " " + (v.is_scalar() ? scalar(v, false, is_text_field(e.key)) : flow(v)) + "\n";
    }
    if (indent == 0) out += "\n";
  }
}

// A value as a `path,value` cell reads it (read_value): as it stands when that
// reads back the same, else as YAML.
std::string cell(const Node& n) {
  if (n.is_null()) return "";
  if (!n.is_scalar()) return flow(n);
  const std::string& t = n.text;
  bool as_is = !is_null_word(t) && t.front() != ' ' && t.back() != ' ' && t.front() != '[' &&
               t.front() != '{' && t.front() != '"' && t.front() != '\'' &&
               t.find_first_of("\r\t") == std::string::npos;
  return as_is ? t : double_quoted(t);
}

// True when the keys so far end in an opaque key (see split_scenario_path):
// what is below is written as one value.
bool opaque(const std::vector<std::string>& keys) {
  return keys.size() == 3 &&
         ((keys[0] == "variants") || (keys[0] == "sensitivity" && keys[1] == "parameters"));
}

void csv_rows(const Node& n, std::vector<std::string>& keys, std::string& out) {
  if (n.is_mapping() && !n.entries.empty() && !opaque(keys)) {
    for (const Entry& e : n.entries) {
      keys.push_back(e.key);
      csv_rows(e.value, keys, out);
      keys.pop_back();
    }
    return;
  }
  std::string path;
  for (std::size_t i = 0; i < keys.size(); ++i)
    path += (i ? "." : "") + keys[i];
  out += csv_field(path) + "," + csv_field(cell(n)) + "\n";
}

}  // namespace

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string write_yaml(const Node& root) {
  std::string out;
  if (root.is_mapping()) yaml_block(root, 0, out);
  while (out.size() > 1 && out.ends_with("\n\n"))
    out.pop_back();
  return out;
}

std::string write_path_value_csv(const Node& root) {
  std::string out = "path,value\n";
  std::vector<std::string> keys;
  if (root.is_mapping())
    for (const Entry& e : root.entries) {
      keys.push_back(e.key);
      csv_rows(e.value, keys, out);
      keys.pop_back();
    }
  return out;
}

}  // namespace scenarios
