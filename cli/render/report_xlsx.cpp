// The appendix as an XLSX workbook (cli/render/report.h), written with
// libxlsxwriter. One sheet per Section::sheet, in a fixed order; on each, the
// sections one after another down column A: the title in bold, the paragraphs
// one a row, the tables as Excel tables (numbers stored as numbers with £, %
// and count formats, totals in bold), then the charts. Every chart is a native
// Excel chart placed below the tables and drawn from a block of its data
// ("Chart data: TITLE") that is written on the same sheet, to the right of
// the tables and clear of the chart. Nothing depends on the clock or on
// addresses, so an identical Report and `created` give an identical file.
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "cli/render/markup.h"
#include "cli/render/report.h"

namespace cli::report {

namespace {

// Sheets with these names come first, in this order; any others follow in
// the order first met.
constexpr std::array<std::string_view, 7> kSheetOrder = {
    "Summary", "By year", "Contracts", "Variants", "Sensitivity", "Monte Carlo", "Assumptions"};

constexpr const char* kMoneyFormat = "£#,##0.00;[Red]-£#,##0.00";
constexpr const char* kMoneyAxisFormat = "£#,##0";
constexpr std::size_t kUnits = static_cast<std::size_t>(Unit::probability) + 1;

constexpr int kCharPixels = 7;        // a digit of the default font, Calibri 11
constexpr int kMinColumnPixels = 64;  // Excel's default column width
constexpr std::size_t kMaxColumnChars = 60;
constexpr int kRowPixels = 20;                  // Excel's default row height
constexpr double kChartScale[2] = {1.5, 1.25};  // of libxlsxwriter's 480 x 288 pixels
constexpr int kChartWidth = 720, kChartHeight = 360;
constexpr lxw_color_t kEnvelopeColor = 0xC00000;

// ---- Names -----------------------------------------------------------------

std::string lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool starts_char(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), starts_char));
}

// The first n characters (code points) of s.
std::string utf8_prefix(const std::string& s, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (starts_char(s[i]) && count++ == n) return s.substr(0, i);
  return s;
}

std::string trim_apostrophes(std::string s) {
  while (!s.empty() && s.front() == '\'')
    s.erase(0, 1);
  while (!s.empty() && s.back() == '\'')
    s.pop_back();
  return s;
}

// A name Excel accepts for a sheet, near `wanted`: none of []:*?/\, no
// apostrophe at either end, at most 31 characters, not "History" (reserved),
// and not in `taken` (lower-cased names; Excel ignores case).
std::string unique_sheet_name(const std::string& wanted, std::set<std::string>& taken) {
  std::string name;
  for (char c : wanted)
    name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  name = trim_apostrophes(utf8_prefix(name, 31));
  if (name.empty()) name = "Sheet";
  if (lower(name) == "history") name += '_';
  std::string candidate = name;
  for (int k = 2; taken.count(lower(candidate)) > 0; ++k)
    candidate = trim_apostrophes(utf8_prefix(name, 26)) + fmt::format(" ({})", k);
  taken.insert(lower(candidate));
  return candidate;
}

// Whether Excel would read a name as a cell reference (A1, XFD1048576, R1C1,
// R, C), which a table may not be called.
bool looks_like_reference(const std::string& name) {
  static const std::regex reference("[a-z]{1,3}[0-9]+|r[0-9]*(c[0-9]*)?|c[0-9]*");
  return std::regex_match(lower(name), reference);
}

// A name Excel accepts for a table, near `wanted`: letters, digits and
// underscores, starting with a letter, no cell reference, and not in `taken`
// (lower-cased names; table names are unique in a workbook, ignoring case).
std::string unique_table_name(const std::string& wanted, std::set<std::string>& taken) {
  std::string name;
  for (char c : wanted)
    name += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  if (name.empty()) name = "Table";
  if (!std::isalpha(static_cast<unsigned char>(name[0]))) name = "T_" + name;
  if (looks_like_reference(name)) name += '_';
  name.resize(std::min<std::size_t>(name.size(), 200));  // Excel allows 255
  std::string candidate = name;
  for (int k = 2; taken.count(lower(candidate)) > 0; ++k)
    candidate = fmt::format("{}_{}", name, k);
  taken.insert(lower(candidate));
  return candidate;
}

// A table's column headers, which Excel requires to be non-empty and unique
// (ignoring case): "Column N" for an empty one, " (2)" etc. for a repeat.
// Without headers, as many columns as the longest row.
std::vector<std::string> table_headers(const ReportTable& t) {
  std::size_t columns = t.headers.size();
  for (const auto& row : t.rows)
    columns = t.headers.empty() ? std::max(columns, row.size()) : columns;
  std::vector<std::string> headers;
  std::set<std::string> taken;
  for (std::size_t c = 0; c < columns; ++c) {
    std::string name = c < t.headers.size() && !t.headers[c].empty()
                           ? t.headers[c]
                           : fmt::format("Column {}", c + 1);
    std::string candidate = name;
    for (int k = 2; taken.count(lower(candidate)) > 0; ++k)
      candidate = fmt::format("{} ({})", name, k);
    taken.insert(lower(candidate));
    headers.push_back(candidate);
  }
  return headers;
}

// ---- Sheets in order ---------------------------------------------------------

struct SheetPlan {
  std::string name;  // as Excel shows it
  std::vector<const Section*> sections;
};

std::size_t sheet_rank(const std::string& name) {
  return static_cast<std::size_t>(std::find(kSheetOrder.begin(), kSheetOrder.end(), name) -
                                  kSheetOrder.begin());
}

// The distinct Section::sheet values in the order their sheets are written.
std::vector<std::string> sheet_order(const Report& r) {
  std::vector<std::string> names;
  for (const Section& s : r.sections)
    if (std::find(names.begin(), names.end(), s.sheet) == names.end()) names.push_back(s.sheet);
  std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return sheet_rank(a) < sheet_rank(b);
  });
  return names;
}

std::vector<SheetPlan> plan_sheets(const Report& r) {
  std::vector<SheetPlan> plans;
  std::set<std::string> taken;
  for (const std::string& wanted : sheet_order(r)) {
    SheetPlan plan{unique_sheet_name(wanted, taken), {}};
    for (const Section& s : r.sections)
      if (s.sheet == wanted) plan.sections.push_back(&s);
    plans.push_back(std::move(plan));
  }
  return plans;
}

// ---- The workbook and its formats --------------------------------------------

struct Formats {
  std::array<std::array<lxw_format*, 2>, kUnits> value{};  // by Unit, then plain / bold
  lxw_format* report_title = nullptr;
  lxw_format* title = nullptr;  // a section's
  lxw_format* bold = nullptr;   // captions, chart-data headings
};

// The number format of a unit; nullptr for General.
const char* number_format(Unit unit) {
  switch (unit) {
    case Unit::money:
      return kMoneyFormat;
    case Unit::count:
      return "0";
    case Unit::rate:
      return "0.00%";
    case Unit::probability:
      return "0.0%";
    case Unit::text:
    case Unit::number:
      return nullptr;
  }
  return nullptr;
}

lxw_format* bold_format(lxw_workbook* wb, double size) {
  lxw_format* format = workbook_add_format(wb);
  format_set_bold(format);
  if (size > 0) format_set_font_size(format, size);
  return format;
}

Formats make_formats(lxw_workbook* wb) {
  Formats f;
  for (std::size_t unit = 0; unit < kUnits; ++unit)
    for (std::size_t strong = 0; strong < 2; ++strong) {
      lxw_format* format = workbook_add_format(wb);
      if (const char* code = number_format(static_cast<Unit>(unit)))
        format_set_num_format(format, code);
      if (strong == 1) format_set_bold(format);
      f.value[unit][strong] = format;
    }
  f.report_title = bold_format(wb, 15);
  f.title = bold_format(wb, 13);
  f.bold = bold_format(wb, 0);
  return f;
}

// A column chart whose envelope line is drawn by draw_line_over_columns().
struct Overlay {
  lxw_chart* line;
  void (*write_columns)(lxw_chart*);
};

std::map<const lxw_chart*, Overlay>& overlays() {
  thread_local std::map<const lxw_chart*, Overlay> charts;
  return charts;
}

struct Book {
  lxw_workbook* wb = nullptr;
  Formats formats;
  std::set<std::string> table_names{};       // lower-cased
  std::vector<const lxw_chart*> overlaid{};  // this book's entries in overlays()
  std::string error{};                       // the first failure, if any

  ~Book() {
    for (const lxw_chart* chart : overlaid)
      overlays().erase(chart);
  }
};

void check(Book& b, lxw_error e, const std::string& what) {
  if (e != LXW_NO_ERROR && b.error.empty()) b.error = fmt::format("{}: {}", what, lxw_strerror(e));
}

void fail(Book& b, const std::string& what) {
  if (b.error.empty()) b.error = what;
}

// ---- Cells ---------------------------------------------------------------------

struct Sheet {
  Book& book;
  lxw_worksheet* ws;
  std::string name;
  std::vector<int> widths{};  // pixels, per column
  lxw_col_t data_col = 0;     // where chart data blocks go
  lxw_row_t row = 0;          // the next free row
  bool frozen = false;
  std::vector<lxw_row_t> chart_rows{};  // where each chart starts: a page break above it
};

std::string where(const Sheet& s, lxw_row_t row, lxw_col_t col) {
  char cell[LXW_MAX_CELL_NAME_LENGTH];
  lxw_rowcol_to_cell(cell, row, col);
  return fmt::format("sheet '{}', cell {}", s.name, cell);
}

int text_pixels(std::string_view text) {
  return static_cast<int>(std::min(utf8_length(text), kMaxColumnChars)) * kCharPixels + 12;
}

void widen(std::vector<int>& widths, std::size_t col, int pixels) {
  if (widths.size() <= col) widths.resize(col + 1, kMinColumnPixels);
  widths[col] = std::max(widths[col], pixels);
}

void write_text(Sheet& s, lxw_row_t row, lxw_col_t col, const std::string& text,
                lxw_format* format) {
  if (text.empty()) return;
  std::string safe = xml_characters(text);  // a vertical tab would break the sheet's XML
  check(s.book, worksheet_write_string(s.ws, row, col, safe.c_str(), format), where(s, row, col));
}

// A number, or an empty cell when it has no value Excel can store (NaN, ±inf).
void write_number(Sheet& s, lxw_row_t row, lxw_col_t col, double x, lxw_format* format) {
  if (!std::isfinite(x)) return;
  check(s.book, worksheet_write_number(s.ws, row, col, x, format), where(s, row, col));
}

void write_value(Sheet& s, lxw_row_t row, lxw_col_t col, const Value& v, bool strong) {
  lxw_format* format = s.book.formats.value[static_cast<std::size_t>(v.unit)][strong ? 1 : 0];
  if (v.unit == Unit::money)
    write_number(s, row, col, static_cast<double>(v.money.pence) / 100.0, format);
  else if (v.unit != Unit::text && std::isfinite(v.number))
    write_number(s, row, col, v.number, format);
  else
    write_text(s, row, col, v.unit == Unit::text ? v.text : display(v), format);
}

// ---- Tables --------------------------------------------------------------------

// Widens the columns to a table's headers (with room for the filter button)
// and to the text of its values; returns its number of columns.
std::size_t widen_for_table(std::vector<int>& widths, const ReportTable& t) {
  std::vector<std::string> headers = table_headers(t);
  for (std::size_t c = 0; c < headers.size(); ++c)
    widen(widths, c, text_pixels(headers[c]) + 20);
  for (const auto& row : t.rows)
    for (std::size_t c = 0; c < headers.size() && c < row.size(); ++c)
      widen(widths, c, text_pixels(display(row[c])) + 4);
  return headers.size();
}

void add_table(Sheet& s, const ReportTable& t, std::vector<std::string>& headers, lxw_row_t first,
               lxw_row_t last) {
  std::string name = unique_table_name(t.name, s.book.table_names);
  std::vector<lxw_table_column> columns(headers.size());
  std::vector<lxw_table_column*> pointers;
  for (std::size_t c = 0; c < headers.size(); ++c) {
    columns[c].header = headers[c].data();
    pointers.push_back(&columns[c]);
  }
  pointers.push_back(nullptr);
  lxw_table_options options{};
  options.name = name.data();
  options.columns = pointers.data();
  auto last_col = static_cast<lxw_col_t>(headers.size() - 1);
  check(s.book, worksheet_add_table(s.ws, first, 0, last, last_col, &options),
        fmt::format("sheet '{}', table {}", s.name, name));
}

// The caption in bold, then the table (header row and body), then a blank row.
// The header row of a sheet's first table is frozen.
void write_table(Sheet& s, const ReportTable& t) {
  std::vector<std::string> headers = table_headers(t);
  if (headers.empty()) return;
  write_text(s, s.row, 0, t.caption, s.book.formats.bold);
  s.row += t.caption.empty() ? 0 : 1;
  lxw_row_t header = s.row;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    bool strong = r < t.strong.size() && t.strong[r];
    for (std::size_t c = 0; c < headers.size() && c < t.rows[r].size(); ++c)
      write_value(s, header + 1 + r, c, t.rows[r][c], strong);
  }
  auto body = static_cast<lxw_row_t>(std::max<std::size_t>(t.rows.size(), 1));  // Excel needs one
  add_table(s, t, headers, header, header + body);
  if (!s.frozen) worksheet_freeze_panes(s.ws, header + 1, 0);
  s.frozen = true;
  s.row = header + body + 2;
}

// ---- Chart data ------------------------------------------------------------------

// Where a chart's data lies: the categories down one column, each data column
// to its right under its name.
struct Block {
  lxw_row_t names = 0, first = 0, last = 0;  // the names row; the first and last category rows
  lxw_col_t labels = 0;                      // the categories; data column j is labels + 1 + j
  lxw_row_t end = 0;                         // the row after the block
};

bool money_chart(const Chart& c) {
  return c.value_axis.find("£") != std::string::npos;
}

// A series' change from base; in a £ chart, to the penny (as the cells show).
Series change_from_base(const Series& s, double base, bool money) {
  Series change{s.name + " vs base", {}};
  for (double x : s.values)
    change.values.push_back(money ? std::round((x - base) * 100) / 100 : x - base);
  return change;
}

// The columns written: the series; then the envelope (stacked columns) or
// each series' change from base (tornado).
std::vector<Series> data_columns(const Chart& c) {
  std::vector<Series> columns = c.series;
  if (c.kind == Chart::Kind::stacked_columns && c.line) columns.push_back(*c.line);
  if (c.kind == Chart::Kind::tornado)
    for (const Series& s : c.series)
      columns.push_back(change_from_base(s, c.base, money_chart(c)));
  return columns;
}

// The text Excel shows for a chart value, to size its column.
std::string shown(double x, bool money) {
  if (money && model::fits_in_pence(x * 100))
    return display(Value::of_money(model::round_to_pence(x * 100)));
  return display(Value::of_number(x));
}

void write_data_column(Sheet& s, const Block& b, std::size_t j, const Series& series, bool money) {
  auto col = static_cast<lxw_col_t>(b.labels + 1 + j);
  lxw_format* format = s.book.formats.value[static_cast<std::size_t>(Unit::money)][0];
  write_text(s, b.names, col, series.name, s.book.formats.bold);
  widen(s.widths, col, text_pixels(series.name) + 8);
  for (lxw_row_t row = b.first; row <= b.last && row - b.first < series.values.size(); ++row) {
    double x = series.values[row - b.first];
    if (money) x = std::round(x * 100) / 100;  // to the penny, as shown
    write_number(s, row, col, x, money ? format : nullptr);
    widen(s.widths, col, text_pixels(shown(x, money)) + 4);
  }
}

void write_categories(Sheet& s, const Block& b, const Chart& c) {
  const char* heading = c.kind == Chart::Kind::tornado ? "Parameter" : "Period";
  write_text(s, b.names, b.labels, heading, s.book.formats.bold);
  widen(s.widths, b.labels, text_pixels(heading) + 8);
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    write_text(s, b.first + i, b.labels, c.categories[i], nullptr);
    widen(s.widths, b.labels, text_pixels(c.categories[i]));
  }
}

// Writes the block a chart is drawn from at `top`, in the sheet's data column:
// a heading, then the categories and data columns; for a tornado, the base.
Block write_chart_data(Sheet& s, const Chart& c, lxw_row_t top) {
  auto n = static_cast<lxw_row_t>(c.categories.size());
  Block b{top + 1, top + 2, top + 1 + n, s.data_col, top + 2 + n};
  bool money = money_chart(c);
  write_text(s, top, b.labels, "Chart data: " + c.title, s.book.formats.bold);
  write_categories(s, b, c);
  std::vector<Series> columns = data_columns(c);
  for (std::size_t j = 0; j < columns.size(); ++j)
    write_data_column(s, b, j, columns[j], money);
  if (c.kind == Chart::Kind::tornado) {
    write_text(s, b.end, b.labels, "Base", s.book.formats.bold);
    write_number(s, b.end++, b.labels + 1, c.base,
                 money ? s.book.formats.value[static_cast<std::size_t>(Unit::money)][0] : nullptr);
  }
  return b;
}

// ---- Charts --------------------------------------------------------------------

// A series drawn from data column j of the block, named by its heading cell.
lxw_chart_series* add_series(Sheet& s, lxw_chart* chart, const Block& b, std::size_t j) {
  lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
  if (series == nullptr) return nullptr;
  auto col = static_cast<lxw_col_t>(b.labels + 1 + j);
  const char* sheet = s.name.c_str();  // libxlsxwriter quotes it in the formulas
  chart_series_set_categories(series, sheet, b.first, b.labels, b.last, b.labels);
  chart_series_set_values(series, sheet, b.first, col, b.last, col);
  chart_series_set_name_range(series, sheet, b.names, col);
  return series;
}

// The category axis of a chart: for bars, libxlsxwriter's y_axis (vertical),
// otherwise its x_axis. The other is the value axis.
lxw_chart_axis* category_axis(lxw_chart* chart) {
  return chart->type == LXW_CHART_BAR ? chart->y_axis : chart->x_axis;
}

lxw_chart_axis* value_axis(lxw_chart* chart) {
  return chart->type == LXW_CHART_BAR ? chart->x_axis : chart->y_axis;
}

void label_chart(lxw_chart* chart, const Chart& c, const char* categories,
                 const std::string& values) {
  std::string title = xml_characters(c.title);
  if (!title.empty()) chart_title_set_name(chart, title.c_str());
  chart_axis_set_name(category_axis(chart), categories);
  if (!values.empty()) chart_axis_set_name(value_axis(chart), values.c_str());
  chart_axis_set_num_format(value_axis(chart), money_chart(c) ? kMoneyAxisFormat : "General");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
}

lxw_chart_line line_style(lxw_color_t color, float width, uint8_t dash_type) {
  lxw_chart_line line{};
  line.color = color;
  line.width = width;
  line.dash_type = dash_type;
  return line;
}

// libxlsxwriter 1.1.4 has no chart_combine() (combined charts are an open
// request upstream, jmcnamara/libxlsxwriter#89), so the envelope line is
// combined with the columns the way XlsxWriter's Chart.combine() does it. A
// chart writes its plot area by calling its write_chart_type hook, which
// writes <c:barChart>, and then writing its axes; the columns' hook is wrapped
// so that a line chart (built with the public API, never inserted) writes its
// <c:lineChart> right after, on the columns' axes, numbering its series after
// theirs. Excel and LibreOffice read that as a combo chart. The library caches
// cell values only for inserted charts, so the line carries its cell range
// without a cache, and readers take the values from the cells.
void write_columns_then_line(lxw_chart* columns) {
  auto it = overlays().find(columns);
  if (it == overlays().end()) return;  // cannot happen: only charts in overlays() have this hook
  auto [line, write_columns] = it->second;
  write_columns(columns);
  line->file = columns->file;
  line->axis_id_1 = columns->axis_id_1;
  line->axis_id_2 = columns->axis_id_2;
  line->series_index = columns->series_index;
  line->write_chart_type(line);
  line->file = nullptr;
}

void draw_line_over_columns(Sheet& s, lxw_chart* columns, const Block& b, std::size_t j,
                            const Series& envelope) {
  lxw_chart* line = workbook_add_chart(s.book.wb, LXW_CHART_LINE);
  lxw_chart_series* series = line ? chart_add_series(line, nullptr, nullptr) : nullptr;
  if (series == nullptr) return fail(s.book, "cannot add the envelope line: out of memory");
  auto col = static_cast<lxw_col_t>(b.labels + 1 + j);
  chart_series_set_values(series, s.name.c_str(), b.first, col, b.last, col);
  std::string name = xml_characters(envelope.name);
  chart_series_set_name(series, name.c_str());
  lxw_chart_line style = line_style(kEnvelopeColor, 2.25f, LXW_CHART_LINE_DASH_DASH);
  chart_series_set_line(series, &style);
  chart_series_set_marker_type(series, LXW_CHART_MARKER_NONE);
  overlays()[columns] = {line, columns->write_chart_type};
  s.book.overlaid.push_back(columns);
  columns->write_chart_type = write_columns_then_line;
}

// One stacked series per contract, the envelope drawn across as a line.
lxw_chart* stacked_chart(Sheet& s, const Chart& c, const Block& b) {
  lxw_chart* chart = workbook_add_chart(s.book.wb, LXW_CHART_COLUMN_STACKED);
  if (chart == nullptr) return nullptr;
  for (std::size_t j = 0; j < c.series.size(); ++j)
    add_series(s, chart, b, j);
  chart_set_series_gap(chart, 50);
  label_chart(chart, c, "Period", c.value_axis);
  if (c.line) draw_line_over_columns(s, chart, b, c.series.size(), *c.line);
  return chart;
}

// The tornado as clustered bars of each parameter's change from base (the
// "vs base" columns): a bar left of the axis lowers the metric, right of it
// raises it, so the axis itself is the base and the swings read off directly.
// The two bars of a parameter (at its low and at its high) sit side by side
// rather than overlapping, so neither hides the other when both move the
// metric the same way; the first (largest) swing is at the top, and the
// parameter names stay at the left edge, clear of the bars.
lxw_chart* tornado_chart(Sheet& s, const Chart& c, const Block& b) {
  lxw_chart* chart = workbook_add_chart(s.book.wb, LXW_CHART_BAR);
  if (chart == nullptr) return nullptr;
  for (std::size_t j = 0; j < c.series.size(); ++j)
    add_series(s, chart, b, c.series.size() + j);
  chart_set_series_gap(chart, 60);
  chart_axis_set_reverse(category_axis(chart));
  chart_axis_set_crossing_max(category_axis(chart));  // keeps the value axis at the bottom
  chart_axis_set_label_position(category_axis(chart), LXW_CHART_AXIS_LABEL_POSITION_LOW);
  std::string axis =
      c.value_axis.empty() ? "Change from base" : "Change from base, " + c.value_axis;
  label_chart(chart, c, "Parameter", axis);
  return chart;
}

// Percentile j of n as a line: the median dark and thick, the quartiles
// lighter, the outer percentiles light and dashed, so the lines read as a fan.
void style_percentile(lxw_chart_series* series, std::size_t j, std::size_t n) {
  const lxw_chart_line styles[] = {line_style(0x9DC3E6, 1.25f, LXW_CHART_LINE_DASH_DASH),
                                   line_style(0x2E75B6, 1.75f, LXW_CHART_LINE_DASH_SOLID),
                                   line_style(0x1F3864, 2.75f, LXW_CHART_LINE_DASH_SOLID)};
  lxw_chart_line style = styles[std::min<std::size_t>(std::min(j, n - 1 - j), 2)];
  chart_series_set_line(series, &style);
  chart_series_set_marker_type(series, LXW_CHART_MARKER_NONE);
}

lxw_chart* fan_chart(Sheet& s, const Chart& c, const Block& b) {
  lxw_chart* chart = workbook_add_chart(s.book.wb, LXW_CHART_LINE);
  if (chart == nullptr) return nullptr;
  for (std::size_t j = 0; j < c.series.size(); ++j)
    if (lxw_chart_series* series = add_series(s, chart, b, j))
      style_percentile(series, j, c.series.size());
  label_chart(chart, c, "Period", c.value_axis);
  return chart;
}

lxw_chart* make_chart(Sheet& s, const Chart& c, const Block& b) {
  switch (c.kind) {
    case Chart::Kind::stacked_columns:
      return stacked_chart(s, c, b);
    case Chart::Kind::tornado:
      return tornado_chart(s, c, b);
    case Chart::Kind::fan:
      return fan_chart(s, c, b);
  }
  return nullptr;
}

// The chart at column A of row `top`, its description as alternative text.
void insert_chart(Sheet& s, lxw_chart* chart, const Chart& c, lxw_row_t top) {
  std::string description = c.description;
  lxw_chart_options options{};
  options.x_scale = kChartScale[0];
  options.y_scale = kChartScale[1];
  if (!description.empty()) options.description = description.data();
  check(s.book, worksheet_insert_chart_opt(s.ws, top, 0, chart, &options),
        fmt::format("sheet '{}', chart '{}'", s.name, c.title));
}

// The chart's data block to the right, the chart below the tables; the next
// free row is below both.
void write_chart(Sheet& s, const Chart& c) {
  if (c.categories.empty() || c.series.empty()) return;
  lxw_row_t top = s.row;
  Block b = write_chart_data(s, c, top);
  lxw_chart* chart = make_chart(s, c, b);
  if (chart == nullptr) return fail(s.book, "cannot add a chart: out of memory");
  insert_chart(s, chart, c, top);
  if (top > 0) s.chart_rows.push_back(top);
  s.row = std::max<lxw_row_t>(top + kChartHeight / kRowPixels + 2, b.end + 1);
}

// ---- Sheets ----------------------------------------------------------------------

// The first column clear of the widest table (with a column to spare) and of
// a chart placed at column A, given the widths the tables need.
lxw_col_t chart_data_column(const std::vector<int>& widths, std::size_t table_columns) {
  std::size_t col = 0;
  int x = 0;
  while (col <= table_columns || x < kChartWidth + kCharPixels) {
    x += col < widths.size() ? widths[col] : kMinColumnPixels;
    ++col;
  }
  return static_cast<lxw_col_t>(col);
}

void plan_columns(Sheet& s, const SheetPlan& plan) {
  std::size_t table_columns = 0;
  for (const Section* section : plan.sections)
    for (const ReportTable& t : section->tables)
      table_columns = std::max(table_columns, widen_for_table(s.widths, t));
  s.data_col = chart_data_column(s.widths, table_columns);
}

void write_section(Sheet& s, const Section& section) {
  write_text(s, s.row++, 0, section.title, s.book.formats.title);
  for (const std::string& p : section.paragraphs)
    write_text(s, s.row++, 0, p, nullptr);
  ++s.row;
  for (const ReportTable& t : section.tables)
    write_table(s, t);
  for (const Chart& c : section.charts)
    write_chart(s, c);
}

void set_widths(Sheet& s) {
  for (std::size_t c = 0; c < s.widths.size(); ++c)
    if (s.widths[c] != kMinColumnPixels)
      check(s.book,
            worksheet_set_column_pixels(s.ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                        static_cast<uint32_t>(s.widths[c]), nullptr),
            fmt::format("sheet '{}', column widths", s.name));
}

// Printing: A4 landscape, every sheet scaled to one page wide, the print
// area the tables and charts (not the charts' data blocks beside them), and
// each chart on a page of its own start, so that none is split.
void set_printing(Sheet& s) {
  worksheet_fit_to_pages(s.ws, 1, 0);
  lxw_col_t last = s.data_col > 0 ? static_cast<lxw_col_t>(s.data_col - 2) : 0;
  if (s.row > 0)
    check(s.book, worksheet_print_area(s.ws, 0, 0, s.row - 1, last),
          fmt::format("sheet '{}', print area", s.name));
  if (s.chart_rows.empty()) return;
  std::vector<lxw_row_t> breaks = s.chart_rows;
  breaks.push_back(0);  // the list's end
  check(s.book, worksheet_set_h_pagebreaks(s.ws, breaks.data()),
        fmt::format("sheet '{}', page breaks", s.name));
}

// A sheet and its sections; `title` (the report's, on the first sheet only)
// goes above them.
void write_sheet(Book& b, const SheetPlan& plan, const std::string& title) {
  lxw_worksheet* ws = workbook_add_worksheet(b.wb, plan.name.c_str());
  if (ws == nullptr) return fail(b, fmt::format("cannot add sheet '{}'", plan.name));
  Sheet s{b, ws, plan.name};
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_landscape(ws);
  plan_columns(s, plan);
  if (!title.empty()) {
    write_text(s, 0, 0, title, b.formats.report_title);
    s.row = 2;
  }
  for (const Section* section : plan.sections)
    write_section(s, *section);
  set_widths(s);
  set_printing(s);
}

void set_properties(Book& b, const Report& r, std::time_t created) {
  std::string title = xml_characters(r.title);
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.created = created;
  check(b, workbook_set_properties(b.wb, &properties), "document properties");
}

// Writes the file; an error message, or empty. Frees the workbook.
std::string close(Book& b) {
  if (!b.error.empty()) {
    lxw_workbook_free(b.wb);
    return b.error;
  }
  errno = 0;
  lxw_error e = workbook_close(b.wb);
  if (e == LXW_NO_ERROR) return "";
  if (errno == 0) return lxw_strerror(e);
  if (e == LXW_ERROR_CREATING_XLSX_FILE) return std::strerror(errno);
  return fmt::format("{} ({})", lxw_strerror(e), std::strerror(errno));
}

}  // namespace

std::optional<std::string> write_xlsx(const Report& r, const std::string& path,
                                      std::time_t created) {
  // The default options: tables and chart caches need the cells kept in memory.
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return fmt::format("cannot write {}: out of memory", path);
  Book book{wb, make_formats(wb)};
  set_properties(book, r, created);
  std::vector<SheetPlan> plans = plan_sheets(r);
  for (std::size_t i = 0; i < plans.size(); ++i)
    write_sheet(book, plans[i], i == 0 ? r.title : "");
  std::string error = close(book);
  if (!error.empty()) return fmt::format("cannot write {}: {}", path, error);
  return std::nullopt;
}

}  // namespace cli::report
