// The scenario tree as read from text, before validation: mappings keep their
// order, every node knows where it was written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/diagnostic.h"

namespace scenarios {

struct Entry;

struct Node {
  enum class Kind { null, scalar, sequence, mapping };
  Kind kind = Kind::null;
  std::string text;     // scalar text
  bool quoted = false;  // a quoted scalar is never null
  Mark mark;
  std::vector<Node> items;     // sequence
  std::vector<Entry> entries;  // mapping, in the order written

  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_mapping() const { return kind == Kind::mapping; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_null() const { return kind == Kind::null; }
  // The entry's value for `key`, or nullptr.
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
};

struct Entry {
  std::string key;
  Mark key_mark;
  Node value;
};

// A tree read from text: absent on an error that stops reading.
struct TreeResult {
  std::optional<Node> root;
  Diagnostics errors;
};

// How a node reads in a message: "five", a mapping, a list.
std::string describe(const Node& n);

// Joins a dotted path: join_path("contracts", "x") == "contracts.x".
std::string join_path(std::string_view parent, std::string_view child);

}  // namespace scenarios
