// A cabinet-report appendix as data: sections of paragraphs, tables and
// charts, every amount kept exact in pence, so that each renderer (Markdown,
// HTML, XLSX) writes the same figures. `envelope report` builds one
// (cli/commands/report.cpp); the renderers below only lay it out.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "model/money.h"

namespace cli::report {

// What a value is, which decides how it is shown and stored:
//   text         as written;
//   money        pence, shown "£1,010,966.25" / "-£223,647.25" (always two
//                decimals), stored in XLSX as pounds with format £#,##0.00;
//   count        a whole number ("3");
//   rate         a fraction shown as a percentage, as every human table
//                writes a rate (rate_text: "2.5%");
//   number       a plain number, shortest round-trip text ("0.035");
//   probability  0..1, shown as a percentage to 1 decimal ("12.3%").
enum class Unit { text, money, count, rate, number, probability };

struct Value {
  Unit unit = Unit::text;
  std::string text;    // Unit::text
  model::Money money;  // Unit::money
  double number = 0;   // every other unit (a count is a whole number)

  static Value of_text(std::string t);
  static Value of_money(model::Money m);
  static Value of_count(long n);
  static Value of_rate(double r);
  static Value of_number(double x);
  static Value of_probability(double p);
  static Value empty() { return of_text(""); }
};

// The text a reader sees (Markdown, HTML): as described under Unit.
std::string display(const Value& v);
// True for every unit but text: right-aligned, stored as a number.
bool is_numeric(const Value& v);

struct ReportTable;
// A column is numeric (right-aligned) when every non-empty value in it is
// numeric and at least one is.
bool is_numeric_column(const ReportTable& t, std::size_t column);

struct ReportTable {
  std::string name;                  // machine name, letters and digits only (XLSX table name)
  std::string caption;               // shown above the table
  std::vector<std::string> headers;  // the first column is the row label
  std::vector<std::vector<Value>> rows;
  std::vector<bool> strong;  // per row: a total, shown in bold
};

// One named series of a chart, in pounds (or the unit the chart states).
struct Series {
  std::string name;
  std::vector<double> values;  // one per category
};

// A chart, with an accessible title and a one-sentence description.
//   stacked_columns  categories are periods; series one per contract (cost
//                    in pounds), stacked; `line` (the envelope) drawn across.
//   tornado          categories are parameters, largest swing first; series
//                    [0] is the metric at each parameter's low, [1] at its
//                    high; `base` the metric at base; bars run from base.
//   fan              categories are periods; series are p5, p25, p50, p75,
//                    p95 in that order: bands p5..p95 and p25..p75 around a
//                    p50 line.
struct Chart {
  enum class Kind { stacked_columns, tornado, fan };
  Kind kind = Kind::stacked_columns;
  std::string title, description;
  std::string value_axis;               // e.g. "£ per financial year"
  std::vector<std::string> categories;  // x-axis labels (tornado: bar labels)
  std::vector<Series> series;
  std::optional<Series> line;
  double base = 0;
};

struct Section {
  std::string id;                       // summary, assumptions, projection, contracts, variants,
                                        // tornado, montecarlo, checks, provenance
  std::string title;                    // heading
  std::string sheet;                    // XLSX sheet name: Summary, By year, Contracts, ...
  std::vector<std::string> paragraphs;  // plain text, no markup
  std::vector<ReportTable> tables;
  std::vector<Chart> charts;
};

struct Report {
  std::string title;
  std::vector<Section> sections;
};

// GitHub-flavoured Markdown: headings, paragraphs, pipe tables with numeric
// columns right-aligned. Ready for pandoc.
std::string render_markdown(const Report& r);

// One self-contained HTML5 page: inline CSS (with print rules for A4), tables
// with captions and header cells, charts as inline SVG with <title> and
// <desc>; no script and no external request.
std::string render_html(const Report& r);

// Writes the report as an XLSX workbook to `path`: one sheet per distinct
// Section::sheet in the order Summary, By year, Contracts, Variants,
// Sensitivity, Monte Carlo, Assumptions, then any others; tables as Excel
// tables with frozen header rows; numbers stored as numbers with £ formats;
// native charts, each drawn from a block of its data that the writer puts on
// the sheet beside the tables. `created` is the document's creation time (fixed, so that
// identical reports give identical files). An error message, or nullopt.
std::optional<std::string> write_xlsx(const Report& r, const std::string& path,
                                      std::time_t created);

}  // namespace cli::report
