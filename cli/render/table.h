// A table of labelled rows and text or amount cells, and its renderings:
// aligned terminal text (amounts right-aligned, negatives in red when colour
// is on), RFC 4180 CSV, and GitHub-flavoured Markdown.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/io.h"
#include "model/metrics.h"
#include "model/money.h"
#include "scenarios/writer.h"

namespace cli {

struct Cell {
  std::string text;       // as shown on a terminal or in Markdown
  std::string raw;        // as written to CSV (plain decimals for amounts)
  bool numeric = false;   // right-aligned
  bool negative = false;  // red on a terminal

  static Cell of(std::string text) { return Cell{text, text, false, false}; }
  static Cell amount(model::Money m);  // "1,010,966.25" / raw "1010966.25"
  static Cell count(long n);           // "2,000" / raw "2000"
};

// A count as human tables and messages write it, thousands separated: "100,000".
std::string count_text(long long n);
// Pounds as human tables and messages write them: "-12,131,595.00", to the penny.
std::string shown_pounds(double pounds);
// What a parameter's path names: a rate (uplift, change, discount_rate), an
// amount (annual, by_year), or another number.
enum class ParameterKind { rate, amount, number };
ParameterKind parameter_kind(const std::string& path);
// A rate as human tables write it, a percentage: 0.025 as "2.5%".
std::string rate_text(double rate);

// A parameter's value as a human table shows it, by what its path names: a
// rate (uplift, change, discount_rate) as a percentage ("2.5%"), a whole
// number (term, extensions, exercise) as a count, an amount (annual,
// by_year) in pounds; anything else as the number. CSV has the number in full.
Cell parameter_cell(const std::string& path, double value);

struct Row {
  std::string key;    // machine name (CSV first column), e.g. "cost.da_victims"
  std::string label;  // human label (terminal and Markdown first column)
  std::vector<Cell> cells;
  bool strong = false;  // a total: bold on a terminal and in Markdown
  int indent = 0;
};

struct Table {
  std::string name;  // what --table calls it, for CSV of a command with several tables
  std::string title;
  std::string key_header = "line";
  std::string label_header;
  std::vector<std::string> headers;      // one per cell column
  std::vector<std::string> csv_headers;  // when given, CSV's names for them
  std::vector<Row> rows;
};

// Aligned text; when `width` is not 0 and the table is wider, its cell
// columns wrap into blocks that fit, each repeating the row labels (the
// title once, above the first), as R prints a wide data frame.
std::string render_text(const Table& t, bool colour, std::size_t width = 0);
// CSV: the key column, then csv_headers, else each header in snake_case where
// it is words ("At low" -> at_low); a header that is a label (2019/20, a
// metric) as it is.
std::string render_csv(const Table& t);
std::string render_markdown(const Table& t);

// Tables in `format` (table, csv or md), one after another, a blank line
// between; as text, each fits `width` (0: no limit). With `table`, only the
// table of that name; CSV, which holds one table, writes the first when
// `table` is empty. A name that is none of theirs ends the command (exit 2),
// listing them.
std::string render(const std::vector<Table>& tables, Format format, bool colour,
                   std::size_t width = 0, const std::string& table = "");

// A metric's value as a cell: an amount, or a count (shortfall_years).
Cell value_cell(const model::MetricValue& v);
// The shortest text that reads back as the same double: 0.0100637969...
std::string number_text(double x);

// CSV fields are quoted by scenarios::csv_field.
using scenarios::csv_field;

}  // namespace cli
