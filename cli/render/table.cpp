#include "cli/render/table.h"

#include "cli/render/markup.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <string_view>

#include "model/exact.h"
#include "scenarios/writer.h"

namespace cli {

namespace {

std::string grouped(model::Money m) {
  std::string s = model::to_display_string(m, true);  // "-£1,234.50"
  auto pound = s.find("£");
  return s.erase(pound, std::string("£").size());
}

// Display width in characters (UTF-8 aware enough for £ and names).
std::size_t width(const std::string& s) {
  std::size_t w = 0;
  for (unsigned char c : s)
    w += (c & 0xC0) != 0x80;
  return w;
}

std::string pad(const std::string& s, std::size_t w, bool right) {
  std::string fill(w > width(s) ? w - width(s) : 0, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

Cell Cell::amount(model::Money m) {
  return Cell{grouped(m), model::to_decimal_string(m), true, m.pence < 0};
}

std::string shown_pounds(double pounds) {
  return grouped(model::money_from_pounds(pounds));
}

ParameterKind parameter_kind(const std::string& path) {
  std::string field = path.substr(path.rfind('.') + 1);
  field = field.substr(0, field.find('['));
  if (field == "uplift" || field == "change" || field == "discount_rate")
    return ParameterKind::rate;
  if (field == "annual" || path.find(".by_year.") != std::string::npos)
    return ParameterKind::amount;
  return ParameterKind::number;
}

std::string rate_text(double rate) {
  return fmt::format("{:.6g}%", rate * 100);
}

Cell parameter_cell(const std::string& path, double value) {
  std::string raw = fmt::format("{}", value);
  std::string shown = raw;
  switch (parameter_kind(path)) {
    case ParameterKind::rate:
      shown = rate_text(value);
      break;
    case ParameterKind::amount:
      shown = shown_pounds(value);
      break;
    default:
      break;
  }
  return Cell{shown, raw, true, value < 0};
}

std::string count_text(long long n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && digits[i - 1] != '-' && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

Cell Cell::count(long n) {
  return Cell{count_text(n), std::to_string(n), true, false};
}

namespace {

std::string render_block(const Table& t, bool colour);

// Columns [first, last) of t, without its title.
Table columns_of(const Table& t, std::size_t first, std::size_t last) {
  Table block;
  block.label_header = t.label_header;
  block.headers.assign(t.headers.begin() + first, t.headers.begin() + last);
  for (const Row& r : t.rows) {
    Row row{r.key, r.label, {}, r.strong, r.indent};
    for (std::size_t c = first; c < last && c < r.cells.size(); ++c)
      row.cells.push_back(r.cells[c]);
    block.rows.push_back(std::move(row));
  }
  return block;
}

std::vector<std::size_t> column_widths(const Table& t) {
  std::vector<std::size_t> widths(t.headers.size() + 1, 0);
  widths[0] = width(t.label_header);
  for (const Row& r : t.rows)
    widths[0] = std::max(widths[0], width(r.label) + 2 * r.indent);
  for (std::size_t c = 0; c < t.headers.size(); ++c) {
    widths[c + 1] = width(t.headers[c]);
    for (const Row& r : t.rows)
      if (c < r.cells.size()) widths[c + 1] = std::max(widths[c + 1], width(r.cells[c].text));
  }
  return widths;
}

}  // namespace

std::string render_text(const Table& t, bool colour, std::size_t limit) {
  std::vector<std::size_t> widths = column_widths(t);
  std::size_t total = widths[0];
  for (std::size_t c = 1; c < widths.size(); ++c)
    total += 2 + widths[c];
  if (limit == 0 || total <= limit || t.headers.size() < 2) return render_block(t, colour);
  std::string out;
  if (!t.title.empty()) out += (colour ? "\x1b[1m" + t.title + "\x1b[0m" : t.title) + "\n";
  for (std::size_t first = 0; first < t.headers.size();) {
    std::size_t last = first + 1, used = widths[0] + 2 + widths[first + 1];
    while (last < t.headers.size() && used + 2 + widths[last + 1] <= limit)
      used += 2 + widths[++last];
    if (first > 0) out += "\n";
    out += render_block(columns_of(t, first, last), colour);
    first = last;
  }
  return out;
}

namespace {

std::string render_block(const Table& t, bool colour) {
  std::vector<std::size_t> widths = column_widths(t);
  std::string out;
  if (!t.title.empty()) out += (colour ? "\x1b[1m" + t.title + "\x1b[0m" : t.title) + "\n";
  std::string line = pad(t.label_header, widths[0], false);
  for (std::size_t c = 0; c < t.headers.size(); ++c)
    line += "  " + pad(t.headers[c], widths[c + 1], true);
  out += line + "\n";
  for (const Row& r : t.rows) {
    std::string text = pad(std::string(2 * r.indent, ' ') + r.label, widths[0], false);
    if (colour && r.strong) text = "\x1b[1m" + text + "\x1b[0m";
    for (std::size_t c = 0; c < r.cells.size() && c < t.headers.size(); ++c) {
      const Cell& cell = r.cells[c];
      std::string shown = pad(cell.text, widths[c + 1], cell.numeric);
      if (colour && cell.negative)
        shown = "\x1b[31m" + shown + "\x1b[0m";
      else if (colour && r.strong)
        shown = "\x1b[1m" + shown + "\x1b[0m";
      text += "  " + shown;
    }
    while (!text.empty() && text.back() == ' ')
      text.pop_back();
    out += text + "\n";
  }
  return out;
}

// A text cell as a spreadsheet shows it rather than runs it (OWASP's CSV
// injection): one that begins with = + - @, a tab or a carriage return and
// is not a number gets a leading apostrophe, which Excel and LibreOffice
// read as "this is text". Numbers, negative ones included, are as they are.
std::string spreadsheet_text(const std::string& text) {
  static const std::regex kNumber("[-+]?[0-9][0-9,]*(\\.[0-9]*)?([eE][-+]?[0-9]+)?%?");
  if (text.empty() || std::string_view("=+-@\t\r").find(text.front()) == std::string_view::npos)
    return text;
  return std::regex_match(text, kNumber) ? text : "'" + text;
}

}  // namespace

// "At low" -> "at_low"; a label (2019/20, Y2, cost.x, a variant's name) as it is.
std::string csv_header(const std::string& h) {
  static const std::regex kWords("[A-Z][a-z]*( [A-Za-z][A-Za-z0-9_]*)*|[a-z]+( [A-Za-z0-9_]+)+");
  if (!std::regex_match(h, kWords)) return h;
  std::string out;
  for (char c : h)
    out += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string render_csv(const Table& t) {
  std::string out = csv_field(t.key_header);
  for (std::size_t c = 0; c < t.headers.size(); ++c)
    out += "," + csv_field(spreadsheet_text(c < t.csv_headers.size() ? t.csv_headers[c]
                                                                     : csv_header(t.headers[c])));
  out += "\n";
  for (const Row& r : t.rows) {
    out += csv_field(spreadsheet_text(r.key));
    for (const Cell& c : r.cells)
      out += "," + csv_field(c.numeric ? c.raw : spreadsheet_text(c.raw));
    out += "\n";
  }
  return out;
}

std::string render_markdown(const Table& t) {
  std::string out;
  if (!t.title.empty()) out += "### " + escape_markdown(t.title) + "\n\n";
  out += "| " + escape_markdown(t.label_header) + " |";
  for (const std::string& h : t.headers)
    out += " " + escape_markdown(h) + " |";
  out += "\n| :--- |";
  for (std::size_t c = 0; c < t.headers.size(); ++c) {
    bool numeric = !t.rows.empty() && c < t.rows[0].cells.size() && t.rows[0].cells[c].numeric;
    out += numeric ? " ---: |" : " :--- |";
  }
  out += "\n";
  for (const Row& r : t.rows) {
    std::string label = escape_markdown(r.label);
    auto strong = [&](const std::string& s) {
      return r.strong && !s.empty() ? "**" + s + "**" : s;
    };
    out += "| " + strong(label) + " |";
    for (const Cell& c : r.cells)
      out += " " + strong(escape_markdown(c.text)) + " |";
    out += "\n";
  }
  return out;
}

std::string render(const std::vector<Table>& all, Format format, bool colour, std::size_t width,
                   const std::string& table) {
  std::vector<Table> tables;
  std::string names;
  for (const Table& t : all) {
    if (t.name == table) tables.push_back(t);
    names += (names.empty() ? "" : ", ") + t.name;
  }
  if (table.empty()) tables = all;
  if (tables.empty())
    fail_usage(fmt::format("--table {}: no such table; write one of {}", table, names));
  if (format == Format::csv) return render_csv(tables.front());
  std::string out;
  for (const Table& t : tables) {
    if (!out.empty()) out += "\n";
    out += format == Format::markdown ? render_markdown(t) : render_text(t, colour, width);
  }
  return out;
}

Cell value_cell(const model::MetricValue& v) {
  return v.is_count ? Cell::count(v.count) : Cell::amount(v.money);
}

std::string number_text(double x) {
  return fmt::format("{}", x);
}

}  // namespace cli
