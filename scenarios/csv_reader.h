// CSV as RFC 4180 and spreadsheets write it: quoted fields holding commas,
// doubled quotes and line breaks; CRLF or LF; a UTF-8 byte-order mark; a
// final line break or none. Blank lines (and rows of nothing but empty
// cells) are skipped. Every cell keeps the line and column where it starts,
// so that errors in its value can point into the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/diagnostic.h"

namespace scenarios {

struct CsvCell {
  std::string text;  // unquoted, doubled quotes undone
  Mark mark;         // where the cell starts (its opening quote, when quoted)
  bool quoted = false;
};

using CsvRow = std::vector<CsvCell>;

struct CsvResult {
  std::vector<CsvRow> rows;  // absent cells are not padded: callers check widths
  Diagnostics errors;        // unterminated quote, text after a closing quote, NUL bytes
};

CsvResult parse_csv(std::string_view text, std::string_view source_name);

// The offset of the first byte that is not part of valid UTF-8, or npos
// (the YAML reader checks with it too).
std::size_t invalid_utf8(std::string_view s);

}  // namespace scenarios
