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
  return std::string(parent) + "." + std::string(child);
}

}  // namespace scenarios
