// The CSV forms of a scenario (SPEC 2.2), read to the same tree as YAML.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenarios/csv_reader.h"
#include "scenarios/node.h"

namespace scenarios {

// One value as written in a CSV cell or after `--set PATH=`: text starting
// with [ or { is a YAML flow list or mapping, text starting with a quote a
// YAML quoted string, when it ends with the closing ], } or quote or never
// closes; anything else (`"Quoted" lot`) is taken as it stands (trimmed), so that
// names holding ": " and expressions need no quoting; empty, ~ and null are
// null. `mark` is where the text starts.
Node read_value(std::string_view text, const Mark& mark, Diagnostics& errors);

// A scenario path split into keys. Dots separate keys, except that under
// variants.NAME and sensitivity.parameters the rest of the path is one key
// (those keys are themselves paths: variants.no_ext.defaults.exercise).
std::vector<std::string> split_scenario_path(std::string_view path);

// A scenario as `path,value` rows (an optional third column `note` is ignored).
TreeResult parse_path_value_csv(std::string_view text, std::string_view source_name);

// A table of entries (contracts or funding streams): header row of field
// names, first column `id`, dotted headers for nested fields
// (funded_by.core), one entry per row; an empty cell leaves the field out.
// `section` prefixes the paths in messages ("contracts").
TreeResult parse_csv_table(std::string_view text, std::string_view source_name,
                           std::string_view section = "");

// True when text looks like a `path,value` scenario (its first line is that header).
bool looks_like_path_value_csv(std::string_view text);

}  // namespace scenarios
