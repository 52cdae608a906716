#include "scenarios/overrides.h"

#include <algorithm>
#include <memory>

#include "model/suggest.h"
#include "scenarios/scenario_reader.h"
#include "scenarios/csv_scenario.h"
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

void apply_override(Node& root, std::string_view assignment, Diagnostics& errors) {
  auto source = std::make_shared<const std::string>("--set");
  auto at = [&](std::size_t offset) { return Mark{source, 1, static_cast<int>(offset) + 1}; };
  std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    errors.add(at(0), "", "expected PATH=VALUE, got \"" + std::string(assignment) + "\"");
    return;
  }
  std::string path(assignment.substr(0, equals));
  std::string_view value = assignment.substr(equals + 1);
  if (value.find_first_not_of(' ') == std::string_view::npos)
    return errors.add(at(equals + 1), path, "no value after '='");
  std::size_t errors_before = errors.size();
  Node parsed = read_value(value, at(equals + 1), errors);
  if (errors.size() > errors_before) return;
  Node changed = root;
  if (Node* target = locate(changed, split_scenario_path(path), at(0), errors)) {
    *target = std::move(parsed);
    root = std::move(changed);
  }
}
}  // namespace scenarios
