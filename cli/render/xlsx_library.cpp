// libxlsxwriter, loaded when a workbook is first written rather than at
// every start: with libcrypto, libminizip and zlib behind it, linking it
// cost each process about 5.7 million instructions of symbol binding
// (`valgrind --tool=callgrind envelope --version`), more than reading and
// projecting the example. The functions below are the ones envelope calls,
// declared by <xlsxwriter.h> (so the compiler checks each signature) and
// defined here to call the library's own, looked up once, all together, at
// the first call (workbook_new or workbook_new_opt, before any file exists).
#include <dlfcn.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <string>

#include "cli/io.h"

namespace {

// clang-format off
#define ENVELOPE_XLSX_FUNCTIONS(X) \
  X(chart_add_series) \
  X(chart_axis_set_crossing_max) \
  X(chart_axis_set_label_position) \
  X(chart_axis_set_name) \
  X(chart_axis_set_num_format) \
  X(chart_axis_set_reverse) \
  X(chart_legend_set_position) \
  X(chart_series_set_categories) \
  X(chart_series_set_line) \
  X(chart_series_set_marker_type) \
  X(chart_series_set_name) \
  X(chart_series_set_name_range) \
  X(chart_series_set_values) \
  X(chart_set_series_gap) \
  X(chart_title_set_name) \
  X(format_set_align) \
  X(format_set_bg_color) \
  X(format_set_bold) \
  X(format_set_border) \
  X(format_set_border_color) \
  X(format_set_bottom) \
  X(format_set_font_color) \
  X(format_set_font_size) \
  X(format_set_num_format) \
  X(format_set_text_wrap) \
  X(lxw_rowcol_to_cell) \
  X(lxw_strerror) \
  X(lxw_workbook_free) \
  X(workbook_add_chart) \
  X(workbook_add_format) \
  X(workbook_add_worksheet) \
  X(workbook_close) \
  X(workbook_define_name) \
  X(workbook_new) \
  X(workbook_new_opt) \
  X(workbook_set_properties) \
  X(worksheet_activate) \
  X(worksheet_add_table) \
  X(worksheet_fit_to_pages) \
  X(worksheet_freeze_panes) \
  X(worksheet_insert_chart_opt) \
  X(worksheet_print_area) \
  X(worksheet_repeat_rows) \
  X(worksheet_set_column) \
  X(worksheet_set_column_pixels) \
  X(worksheet_set_footer) \
  X(worksheet_set_h_pagebreaks) \
  X(worksheet_set_landscape) \
  X(worksheet_set_paper) \
  X(worksheet_write_formula_num) \
  X(worksheet_write_number) \
  X(worksheet_write_string)
// clang-format on

// The library's soname (Debian's libxlsxwriter4), or ENVELOPE_XLSXWRITER to
// load another build of it.
const char* library_name() {
  const char* name = std::getenv("ENVELOPE_XLSXWRITER");
  return name && *name ? name : "libxlsxwriter.so.4";
}

struct Library {
#define ENVELOPE_XLSX_FIELD(name) decltype(&::name) name = nullptr;
  ENVELOPE_XLSX_FUNCTIONS(ENVELOPE_XLSX_FIELD)
#undef ENVELOPE_XLSX_FIELD
};

[[noreturn]] void unavailable(const std::string& why) {
  throw cli::Exit(cli::kExitBadInput,
                  "cannot write XLSX: " + why +
                      " (install the libxlsxwriter4 package, or set ENVELOPE_XLSXWRITER to the "
                      "library's path)");
}

Library load() {
  const char* name = library_name();
  void* handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* error = dlerror();
    unavailable(error ? error : std::string(name) + " does not load");
  }
  Library l;
#define ENVELOPE_XLSX_LOAD(name)                                      \
  l.name = reinterpret_cast<decltype(&::name)>(dlsym(handle, #name)); \
  if (!l.name) unavailable(std::string(library_name()) + " has no " #name);
  ENVELOPE_XLSX_FUNCTIONS(ENVELOPE_XLSX_LOAD)
#undef ENVELOPE_XLSX_LOAD
  return l;
}

// Loaded at the first call; a failure throws, and the next call tries again.
const Library& library() {
  static const Library loaded = load();
  return loaded;
}

}  // namespace

extern "C" {

lxw_chart_series* chart_add_series(lxw_chart* chart, const char* categories, const char* values) {
  return library().chart_add_series(chart, categories, values);
}

void chart_axis_set_crossing_max(lxw_chart_axis* axis) {
  return library().chart_axis_set_crossing_max(axis);
}

void chart_axis_set_label_position(lxw_chart_axis* axis, uint8_t position) {
  return library().chart_axis_set_label_position(axis, position);
}

void chart_axis_set_name(lxw_chart_axis* axis, const char* name) {
  return library().chart_axis_set_name(axis, name);
}

void chart_axis_set_num_format(lxw_chart_axis* axis, const char* num_format) {
  return library().chart_axis_set_num_format(axis, num_format);
}

void chart_axis_set_reverse(lxw_chart_axis* axis) {
  return library().chart_axis_set_reverse(axis);
}

void chart_legend_set_position(lxw_chart* chart, uint8_t position) {
  return library().chart_legend_set_position(chart, position);
}

void chart_series_set_categories(lxw_chart_series* series, const char* sheetname,
                                 lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
                                 lxw_col_t last_col) {
  return library().chart_series_set_categories(series, sheetname, first_row, first_col, last_row,
                                               last_col);
}

void chart_series_set_line(lxw_chart_series* series, lxw_chart_line* line) {
  return library().chart_series_set_line(series, line);
}

void chart_series_set_marker_type(lxw_chart_series* series, uint8_t type) {
  return library().chart_series_set_marker_type(series, type);
}

void chart_series_set_name(lxw_chart_series* series, const char* name) {
  return library().chart_series_set_name(series, name);
}

void chart_series_set_name_range(lxw_chart_series* series, const char* sheetname, lxw_row_t row,
                                 lxw_col_t col) {
  return library().chart_series_set_name_range(series, sheetname, row, col);
}

void chart_series_set_values(lxw_chart_series* series, const char* sheetname, lxw_row_t first_row,
                             lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col) {
  return library().chart_series_set_values(series, sheetname, first_row, first_col, last_row,
                                           last_col);
}

void chart_set_series_gap(lxw_chart* chart, uint16_t gap) {
  return library().chart_set_series_gap(chart, gap);
}

void chart_title_set_name(lxw_chart* chart, const char* name) {
  return library().chart_title_set_name(chart, name);
}

void format_set_align(lxw_format* format, uint8_t alignment) {
  return library().format_set_align(format, alignment);
}

void format_set_bg_color(lxw_format* format, lxw_color_t color) {
  return library().format_set_bg_color(format, color);
}

void format_set_bold(lxw_format* format) {
  return library().format_set_bold(format);
}

void format_set_border(lxw_format* format, uint8_t style) {
  return library().format_set_border(format, style);
}

void format_set_border_color(lxw_format* format, lxw_color_t color) {
  return library().format_set_border_color(format, color);
}

void format_set_bottom(lxw_format* format, uint8_t style) {
  return library().format_set_bottom(format, style);
}

void format_set_font_color(lxw_format* format, lxw_color_t color) {
  return library().format_set_font_color(format, color);
}

void format_set_font_size(lxw_format* format, double size) {
  return library().format_set_font_size(format, size);
}

void format_set_num_format(lxw_format* format, const char* num_format) {
  return library().format_set_num_format(format, num_format);
}

void format_set_text_wrap(lxw_format* format) {
  return library().format_set_text_wrap(format);
}

void lxw_rowcol_to_cell(char* cell_name, lxw_row_t row, lxw_col_t col) {
  return library().lxw_rowcol_to_cell(cell_name, row, col);
}

char* lxw_strerror(lxw_error error_num) {
  return library().lxw_strerror(error_num);
}

void lxw_workbook_free(lxw_workbook* workbook) {
  return library().lxw_workbook_free(workbook);
}

lxw_chart* workbook_add_chart(lxw_workbook* workbook, uint8_t chart_type) {
  return library().workbook_add_chart(workbook, chart_type);
}

lxw_format* workbook_add_format(lxw_workbook* workbook) {
  return library().workbook_add_format(workbook);
}

lxw_worksheet* workbook_add_worksheet(lxw_workbook* workbook, const char* sheetname) {
  return library().workbook_add_worksheet(workbook, sheetname);
}

lxw_error workbook_close(lxw_workbook* workbook) {
  return library().workbook_close(workbook);
}

lxw_error workbook_define_name(lxw_workbook* workbook, const char* name, const char* formula) {
  return library().workbook_define_name(workbook, name, formula);
}

lxw_workbook* workbook_new(const char* filename) {
  return library().workbook_new(filename);
}

lxw_workbook* workbook_new_opt(const char* filename, lxw_workbook_options* options) {
  return library().workbook_new_opt(filename, options);
}

lxw_error workbook_set_properties(lxw_workbook* workbook, lxw_doc_properties* properties) {
  return library().workbook_set_properties(workbook, properties);
}

void worksheet_activate(lxw_worksheet* worksheet) {
  return library().worksheet_activate(worksheet);
}

lxw_error worksheet_add_table(lxw_worksheet* worksheet, lxw_row_t first_row, lxw_col_t first_col,
                              lxw_row_t last_row, lxw_col_t last_col, lxw_table_options* options) {
  return library().worksheet_add_table(worksheet, first_row, first_col, last_row, last_col,
                                       options);
}

void worksheet_fit_to_pages(lxw_worksheet* worksheet, uint16_t width, uint16_t height) {
  return library().worksheet_fit_to_pages(worksheet, width, height);
}

void worksheet_freeze_panes(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t col) {
  return library().worksheet_freeze_panes(worksheet, row, col);
}

lxw_error worksheet_insert_chart_opt(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t col,
                                     lxw_chart* chart, lxw_chart_options* user_options) {
  return library().worksheet_insert_chart_opt(worksheet, row, col, chart, user_options);
}

lxw_error worksheet_print_area(lxw_worksheet* worksheet, lxw_row_t first_row, lxw_col_t first_col,
                               lxw_row_t last_row, lxw_col_t last_col) {
  return library().worksheet_print_area(worksheet, first_row, first_col, last_row, last_col);
}

lxw_error worksheet_repeat_rows(lxw_worksheet* worksheet, lxw_row_t first_row, lxw_row_t last_row) {
  return library().worksheet_repeat_rows(worksheet, first_row, last_row);
}

lxw_error worksheet_set_column(lxw_worksheet* worksheet, lxw_col_t first_col, lxw_col_t last_col,
                               double width, lxw_format* format) {
  return library().worksheet_set_column(worksheet, first_col, last_col, width, format);
}

lxw_error worksheet_set_column_pixels(lxw_worksheet* worksheet, lxw_col_t first_col,
                                      lxw_col_t last_col, uint32_t pixels, lxw_format* format) {
  return library().worksheet_set_column_pixels(worksheet, first_col, last_col, pixels, format);
}

lxw_error worksheet_set_footer(lxw_worksheet* worksheet, const char* string) {
  return library().worksheet_set_footer(worksheet, string);
}

lxw_error worksheet_set_h_pagebreaks(lxw_worksheet* worksheet, lxw_row_t breaks[]) {
  return library().worksheet_set_h_pagebreaks(worksheet, breaks);
}

void worksheet_set_landscape(lxw_worksheet* worksheet) {
  return library().worksheet_set_landscape(worksheet);
}

void worksheet_set_paper(lxw_worksheet* worksheet, uint8_t paper_type) {
  return library().worksheet_set_paper(worksheet, paper_type);
}

lxw_error worksheet_write_formula_num(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t col,
                                      const char* formula, lxw_format* format, double result) {
  return library().worksheet_write_formula_num(worksheet, row, col, formula, format, result);
}

lxw_error worksheet_write_number(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t col,
                                 double number, lxw_format* format) {
  return library().worksheet_write_number(worksheet, row, col, number, format);
}

lxw_error worksheet_write_string(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t col,
                                 const char* string, lxw_format* format) {
  return library().worksheet_write_string(worksheet, row, col, string, format);
}

}  // extern "C"
