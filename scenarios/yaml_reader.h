// YAML text to a Node tree, on libfyaml's event parser (YAML 1.2).
//
// Stricter than YAML where strictness protects figures: a key given twice in
// one mapping, a quoted string that does not close on its own line, an alias
// to the node that defines it, more than kMaxNodes nodes after alias
// expansion (an alias bomb) and nesting deeper than kMaxDepth are errors.
// Scalars stay text: numbers are read later, always as decimal ("010" is ten).
#pragma once

#include <optional>
#include <string_view>

#include "scenarios/diagnostic.h"
#include "scenarios/node.h"

namespace scenarios {

inline constexpr std::size_t kMaxNodes = 500000;
inline constexpr std::size_t kMaxDepth = 64;

// The root is absent on a syntax error, and a null node for an empty document.
using YamlResult = TreeResult;

// `first_line` and `first_column` place the text inside a larger source (a
// --set argument, a CSV cell); a file starts at 1:1.
YamlResult parse_yaml(std::string_view text, std::string_view source_name, int first_line = 1,
                      int first_column = 1);

}  // namespace scenarios
