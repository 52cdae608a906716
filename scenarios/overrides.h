// --set PATH=VALUE (SPEC 2.3): one leaf of the tree replaced after reading.
#pragma once

#include <string>
#include <string_view>

#include "scenarios/diagnostic.h"
#include "scenarios/node.h"

namespace scenarios {

// Applies "PATH=VALUE" to the tree. VALUE is read as a YAML flow value. The
// path's sections, contracts, streams and assumptions must exist (a missing
// field of an existing entry is created, and checked by validation); an error
// is located in the argument, with source name "--set", or from `start` (an
// ad hoc --variant's assignment, placed inside its argument).
void apply_override(Node& root, std::string_view assignment, Diagnostics& errors);
void apply_override(Node& root, std::string_view assignment, Diagnostics& errors,
                    const Mark& start);

// The same with the value already read; errors in the path are located from `path_mark`.
void apply_value(Node& root, const std::string& path, const Node& value, const Mark& path_mark,
                 Diagnostics& errors);

}  // namespace scenarios
