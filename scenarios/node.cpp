#include "scenarios/node.h"

namespace scenarios {

const Node* Node::find(std::string_view key) const {
  for (const Entry& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

Node* Node::find(std::string_view key) {
  for (Entry& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

std::string describe(const Node& n) {
  switch (n.kind) {
    case Node::Kind::null:
      return "nothing";
    case Node::Kind::scalar:
      return "\"" + n.text + "\"";
    case Node::Kind::sequence:
      return "a list";
    case Node::Kind::mapping:
      return "a mapping";
  }
  return "";
}

std::string join_path(std::string_view parent, std::string_view child) {
  if (parent.empty()) return std::string(child);
  std::string path;
  path.reserve(parent.size() + 1 + child.size());
  path.append(parent).append(1, '.').append(child);
  return path;
}

}  // namespace scenarios
