// A scenario tree written back as text, such that reading the text gives the
// same tree (the same keys in the same order, the same values as written:
// expressions stay expressions, "£1,347,955" stays as typed). Comments and
// the layout of the original are not kept.
#pragma once

#include <string>

#include "scenarios/node.h"

namespace scenarios {

// Block-style YAML: mappings indented by two spaces, lists of plain values in
// flow style ([2, 2]), lists holding mappings as "- {…}" items.
std::string write_yaml(const Node& root);

// `path,value` CSV (SPEC 2.2): one row per value; lists and the entries of
// sensitivity.parameters as YAML flow values; LF line ends, no byte-order mark.
std::string write_path_value_csv(const Node& root);

// One CSV field, in double quotes (inner quotes doubled) when it holds a comma,
// a quote or a line break.
std::string csv_field(const std::string& s);

}  // namespace scenarios
