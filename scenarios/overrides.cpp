#include "scenarios/overrides.h"

#include <algorithm>
#include <memory>

#include "model/suggest.h"
#include "scenarios/csv_scenario.h"
#include "scenarios/scenario_reader.h"
#include "scenarios/yaml_reader.h"

namespace scenarios {

namespace {

std::vector<std::string> keys_of(const Node& n) {
  std::vector<std::string> out;
  for (const Entry& e : n.entries)
    out.push_back(e.key);
  return out;
}

// Sections whose second segment names an entry that must already exist.
bool names_existing_entry(std::string_view section) {
  return section == "contracts" || section == "funding" || section == "assumptions";
}

// Fields whose value is a list: an element of an absent list cannot be set.
bool is_list_field(std::string_view path) {
  for (std::string_view field : {".extensions", ".uplift", ".change"})
    if (path.ends_with(field)) return true;
  return false;
}

// Walks `segments` from root, creating absent fields; the node the path names,
// or nullptr after adding an error. Mutates the tree it is given, so callers
// pass a copy and keep it only on success.
Node* locate(Node& root, const std::vector<std::string>& segments, const Mark& start,
             Diagnostics& errors) {
  Node* node = &root;
  std::string walked;
  Mark key_mark = start;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& key = segments[i];
    std::string here = join_path(walked, key);
    auto fail = [&](std::string message) {
      errors.add(key_mark, here, std::move(message));
      return nullptr;
    };
    if (key.empty()) {
      std::string whole;
      for (std::size_t j = 0; j < segments.size(); ++j)
        whole += (j ? "." : "") + segments[j];
      errors.add(key_mark, whole, "empty path segment");
      return nullptr;
    }
    if (node->is_null() && is_list_field(walked))
      return fail("'" + walked + "' is not written here (it may come from defaults); set the " +
                  "whole list, e.g. " + walked + "=[2, 2]");
    if (node->is_null()) node->kind = Node::Kind::mapping, node->mark = key_mark;
    if (node->is_sequence()) {
      bool is_index = key.size() < 9 && key.find_first_not_of("0123456789") == std::string::npos;
      std::size_t index = is_index ? std::stoul(key) : 0;
      if (!is_index || index >= node->items.size())
        return fail("no element " + key + " in a list of " + std::to_string(node->items.size()));
      node = &node->items[index];
    } else if (!node->is_mapping()) {
      return fail("'" + walked + "' holds a value, not fields");
    } else if (Node* found = node->find(key)) {
      node = found;
    } else if (i == 0 && std::find(section_names().begin(), section_names().end(), key) ==
                             section_names().end()) {
      return fail("unknown section '" + key + "'" + model::did_you_mean(key, section_names()));
    } else if (i == 1 && names_existing_entry(segments[0])) {
      return fail("no " + segments[0] + " entry '" + key + "'" +
                  model::did_you_mean(key, keys_of(*node)));
    } else {
      node->entries.push_back(
          Entry{key, key_mark, Node{Node::Kind::null, "", false, key_mark, {}, {}}});
      node = &node->entries.back().value;
    }
    walked = here;
    key_mark.column += static_cast<int>(key.size()) + 1;
  }
  return node;
}

}  // namespace

namespace {

struct PathError {
  std::size_t key;  // which key is wrong
  std::string message;
};

PathError unknown_key(const std::vector<std::string>& keys, std::size_t i,
                      const std::vector<std::string>& allowed) {
  return {i, "unknown key '" + keys[i] + "'" + model::did_you_mean(keys[i], allowed)};
}

// Checks keys[i...] against the fields an entry may have, and the one level of
// list index, by_year label or funded_by stream below some of them.
std::optional<PathError> check_fields(const std::vector<std::string>& keys, std::size_t i,
                                      const std::vector<std::string>& allowed) {
  if (keys.size() <= i) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), keys[i]) == allowed.end())
    return unknown_key(keys, i, allowed);
  const std::string& field = keys[i];
  bool list = field == "change" || field == "uplift" || field == "extensions";
  bool keyed = field == "by_year" || field == "funded_by";
  if (keys.size() == i + 1) return std::nullopt;
  if (!list && !keyed)
    return PathError{i + 1, "'" + field + "' holds one value; it has no '" + keys[i + 1] + "'"};
  if (keys.size() > i + 2)
    return PathError{i + 2,
                     "'" + keys[i + 1] + "' holds one value; it has no '" + keys[i + 2] + "'"};
  if (list && keys[i + 1] != "*" &&
      keys[i + 1].find_first_not_of("0123456789") != std::string::npos)
    return PathError{i + 1, "'" + field + "' is a list: name an element by its index, from 0"};
  return std::nullopt;
}

// Whether the keys name a field the scenario format has (it may be absent
// from the file); the analysis sections are not checked here.
std::optional<PathError> check_format(const std::vector<std::string>& keys) {
  const std::string& section = keys[0];
  if (std::find(section_names().begin(), section_names().end(), section) == section_names().end())
    return PathError{
        0, "unknown section '" + section + "'" + model::did_you_mean(section, section_names())};
  if (section == "scenario") return check_fields(keys, 1, scenario_fields());
  if (section == "envelope") return check_fields(keys, 1, envelope_fields());
  if (section == "defaults") return check_fields(keys, 1, contract_fields());
  if (section == "contracts") return check_fields(keys, 2, contract_fields());
  if (section == "funding") return check_fields(keys, 2, stream_fields());
  if (section == "assumptions" && keys.size() > 2)
    return PathError{2, "an assumption holds one value; it has no '" + keys[2] + "'"};
  return std::nullopt;
}

// Every path that `keys` names, with each "*" replaced by each key of the
// mapping at that place in the tree.
std::optional<PathError> expand(const Node& root, const std::vector<std::string>& keys,
                                std::vector<std::vector<std::string>>& out) {
  std::vector<std::vector<std::string>> done = {{}};
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::vector<std::vector<std::string>> next;
    for (const auto& prefix : done) {
      if (keys[i] != "*") {
        next.push_back(prefix), next.back().push_back(keys[i]);
        continue;
      }
      const Node* node = &root;
      for (const std::string& k : prefix)
        node = node ? node->find(k) : nullptr;
      if (!node || !node->is_mapping() || node->entries.empty())
        return PathError{i, "'*' stands for each entry of a mapping, and there is none here"};
      for (const Entry& e : node->entries)
        next.push_back(prefix), next.back().push_back(e.key);
    }
    done = std::move(next);
  }
  out = std::move(done);
  return std::nullopt;
}

std::size_t offset_of(const std::vector<std::string>& keys, std::size_t i) {
  std::size_t offset = 0;
  for (std::size_t j = 0; j < i && j < keys.size(); ++j)
    offset += keys[j].size() + 1;
  return offset;
}

}  // namespace

void apply_value(Node& root, const std::string& path, const Node& value, const Mark& path_mark,
                 Diagnostics& errors) {
  auto at = [&](std::size_t offset) {
    Mark m = path_mark;
    m.column += static_cast<int>(offset);
    return m;
  };
  std::vector<std::string> keys = split_scenario_path(path);
  std::vector<std::vector<std::string>> targets;
  std::optional<PathError> bad;
  if (std::find(keys.begin(), keys.end(), "") == keys.end()) bad = check_format(keys);
  if (!bad) bad = expand(root, keys, targets);
  if (bad) return errors.add(at(offset_of(keys, bad->key)), path, bad->message);
  Node changed = root;
  for (const auto& target : targets) {
    Node* node = locate(changed, target, at(0), errors);
    if (!node) return;
    *node = value;
  }
  root = std::move(changed);
}

void apply_override(Node& root, std::string_view assignment, Diagnostics& errors) {
  apply_override(root, assignment, errors, Mark{source_name("--set"), 1, 1});
}

void apply_override(Node& root, std::string_view assignment, Diagnostics& errors,
                    const Mark& start) {
  std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    errors.add(start, "", "expected PATH=VALUE, got \"" + std::string(assignment) + "\"");
    return;
  }
  std::string path(assignment.substr(0, equals));
  while (!path.empty() && path.back() == ' ')
    path.pop_back();  // "assumptions.uplift = 0.02", as a spreadsheet habit types it
  std::string_view value = assignment.substr(equals + 1);
  Mark value_mark = start;
  value_mark.column += static_cast<int>(equals) + 1;
  if (value.find_first_not_of(' ') == std::string_view::npos)
    return errors.add(value_mark, path, "no value after '='");
  std::size_t errors_before = errors.size();
  Node parsed = read_value(value, value_mark, errors);
  if (errors.size() > errors_before) return;
  apply_value(root, path, parsed, start, errors);
}

}  // namespace scenarios
