#include "scenarios/overrides.h"

#include <algorithm>
#include <memory>

#include "model/suggest.h"
#include "scenarios/scenario_reader.h"
#include "scenarios/yaml_reader.h"

namespace scenarios {

namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    std::size_t dot = path.find('.', from);
    out.emplace_back(path.substr(from, dot - from));
    if (dot == std::string_view::npos) return out;
    from = dot + 1;
  }
}

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
  YamlResult parsed = parse_yaml(value, "--set", 1, static_cast<int>(equals) + 2);
  errors.append(parsed.errors);
  if (!parsed.root) return;
  if (parsed.root->is_null() && value.find_first_not_of(' ') == std::string_view::npos)
    return errors.add(at(equals + 1), path, "no value after '='");
  std::vector<std::string> segments = split_path(path);
  Node* node = &root;
  std::string walked;
  std::size_t offset = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& key = segments[i];
    Mark key_mark = at(offset);
    offset += key.size() + 1;
    std::string here = join_path(walked, key);
    if (key.empty()) return errors.add(key_mark, path, "empty path segment");
    if (node->is_null()) node->kind = Node::Kind::mapping, node->mark = key_mark;
    if (node->is_sequence()) {
      std::size_t index = 0;
      bool is_index = key.find_first_not_of("0123456789") == std::string::npos;
      if (is_index) index = std::stoul(key.substr(0, 9));
      if (!is_index || index >= node->items.size())
        return errors.add(
            key_mark, here,
            "no element " + key + " in a list of " + std::to_string(node->items.size()));
      node = &node->items[index];
    } else if (!node->is_mapping()) {
      return errors.add(key_mark, here, "'" + walked + "' holds a value, not fields");
    } else if (Node* found = node->find(key)) {
      node = found;
    } else if (i == 0 && std::find(section_names().begin(), section_names().end(), key) ==
                             section_names().end()) {
      return errors.add(
          key_mark, here,
          "unknown section '" + key + "'" + model::did_you_mean(key, section_names()));
    } else if (i == 1 && names_existing_entry(segments[0])) {
      return errors.add(
          key_mark, here,
          "no " + segments[0] + " entry '" + key + "'" + model::did_you_mean(key, keys_of(*node)));
    } else {
      node->entries.push_back(
          Entry{key, key_mark, Node{Node::Kind::null, "", false, key_mark, {}, {}}});
      node = &node->entries.back().value;
    }
    walked = here;
  }
  *node = std::move(*parsed.root);
}

}  // namespace scenarios
