#include "cli/render/workbook_xlsx.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <map>

#include "cli/render/markup.h"
#include "cli/render/projection_view.h"
#include "cli/render/workbook_round.h"
#include "cli/render/workbook_sheets.h"
#include "model/exact.h"
#include "model/metrics.h"
#include "model/projection.h"

namespace cli::workbook {

namespace {

Formats make_formats(lxw_workbook* wb) {
  auto add = [wb](const char* number_format, bool bold = false) {
    lxw_format* f = workbook_add_format(wb);
    if (number_format) format_set_num_format(f, number_format);
    if (bold) format_set_bold(f);
    return f;
  };
  auto input = [wb](const char* number_format, bool fixed) {
    lxw_format* f = workbook_add_format(wb);
    format_set_num_format(f, number_format);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xBFBFBF);
    if (fixed) {
      format_set_bg_color(f, 0xEDEDED);
    } else {
      format_set_bg_color(f, 0xFFF2CC);
      format_set_font_color(f, 0x0000FF);
    }
    return f;
  };
  Formats f;
  f.title = add(nullptr, true);
  format_set_font_size(f.title, 15);
  f.heading = add(nullptr, true);
  format_set_font_size(f.heading, 12);
  f.header = add(nullptr, true);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
  f.text = add(nullptr);
  f.wrap = add(nullptr);
  format_set_text_wrap(f.wrap);
  format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
  f.bold = add(nullptr, true);
  f.money = add(kMoneyFormat);
  f.money_bold = add(kMoneyFormat, true);
  f.factor = add("0.000000000");
  f.rate = add(kRateFormat);
  f.count = add("0");
  f.date = add("d mmm yyyy");
  f.input[static_cast<int>(InputKind::money)] = input(kMoneyFormat, false);
  f.input[static_cast<int>(InputKind::rate)] = input(kRateFormat, false);
  f.input[static_cast<int>(InputKind::share)] = input(kRateFormat, false);
  f.input[static_cast<int>(InputKind::whole)] = input("0", false);
  f.input[static_cast<int>(InputKind::number)] = input("General", false);
  f.fixed = input("0", true);
  f.fixed_text = input("@", true);
  f.fixed_date = input("d mmm yyyy", true);
  return f;
}

std::string close(lxw_workbook* wb) {
  errno = 0;
  lxw_error e = workbook_close(wb);
  if (e == LXW_NO_ERROR) return "";
  if (errno == 0) return lxw_strerror(e);
  return fmt::format("{} ({})", lxw_strerror(e), std::strerror(errno));
}

}  // namespace

std::optional<std::string> write_workbook(const Source& source, const std::string& path) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows are written in order, and there may be many
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) return fmt::format("cannot write {}", path);
  std::string title = xml_characters(source.scenario.name);
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.created = source.created;
  workbook_set_properties(wb, &properties);
  try {
    Model model(source, wb, make_formats(wb));
    model.write();
  } catch (...) {
    lxw_workbook_free(wb);
    throw;
  }
  std::string error = close(wb);
  if (!error.empty()) return fmt::format("cannot write {}: {}", path, error);
  return std::nullopt;
}

}  // namespace cli::workbook
