// The appendix as one self-contained HTML5 page (cli/render/report.h): inline
// CSS with print rules for A4, accessible tables, and charts as inline SVG
// (stacked columns, tornado, fan) with <title> and <desc>. No script, no
// external request, no "http" anywhere (inline SVG needs no xmlns in HTML5).
// Deterministic: no dates or random ids, every number written with fmt at a
// fixed precision. Within a section: heading, paragraphs, charts, then tables,
// so that a chart sits next to the prose that introduces it.
#include "cli/render/markup.h"
#include "cli/render/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace cli::report {

namespace {

// ---- Text and numbers ------------------------------------------------------

std::string escape(std::string_view text) {
  return escape_markup(text);
}

// A coordinate to one decimal, never "-0.0".
std::string num(double x) {
  std::string s = fmt::format("{:.1f}", x);
  return s == "-0.0" ? "0.0" : s;
}

// Characters as the reader counts them (UTF-8 continuation bytes skipped).
std::size_t length(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// An estimate of the width of sans-serif text: there is no font metric here.
double text_width(std::string_view s, double font_size) {
  return 0.53 * font_size * static_cast<double>(length(s));
}

std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0')
    s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// "£1.25m", "£500k", "-£48k", "£0"; without `money` the same without "£".
std::string compact(double v, bool money) {
  double a = std::fabs(v);
  std::array<std::pair<double, const char*>, 3> units{{{1e9, "bn"}, {1e6, "m"}, {1e3, "k"}}};
  std::string body = trim_zeros(fmt::format("{:.2f}", a)), suffix;
  for (const auto& [size, name] : units) {
    if (a < size) continue;
    body = trim_zeros(fmt::format("{:.2f}", a / size));
    suffix = name;
    break;
  }
  bool zero = body == "0";
  return (v < 0 && !zero ? "-" : "") + std::string(money ? "£" : "") + body + suffix;
}

// Rounded to three significant figures, for labels at the ends of bars.
double three_figures(double v) {
  if (v == 0 || !std::isfinite(v)) return 0;
  double scale = std::pow(10.0, std::floor(std::log10(std::fabs(v))) - 2);
  return std::round(v / scale) * scale;
}

// ---- Axes --------------------------------------------------------------------

struct Axis {
  double lo = 0, hi = 1, step = 1;
};

// A step of 1, 2, 2.5 or 5 x 10^k giving about `target` intervals over lo..hi,
// and the range widened to whole steps.
Axis nice_axis(double lo, double hi, int target) {
  if (!(hi > lo)) hi = lo + std::max(1.0, std::fabs(lo));
  double raw = (hi - lo) / target;
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0}) {
    if (m * magnitude >= raw * (1 - 1e-9)) {
      step = m * magnitude;
      break;
    }
  }
  return {std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step, step};
}

std::vector<double> ticks(const Axis& a) {
  std::vector<double> out;
  long n = std::lround((a.hi - a.lo) / a.step);
  for (long i = 0; i <= n; ++i)
    out.push_back(a.lo + static_cast<double>(i) * a.step);
  return out;
}

// Maps a value on the axis to a coordinate between `from` and `to`.
struct Scale {
  Axis axis;
  double from = 0, to = 1;
  double operator()(double v) const {
    return from + (v - axis.lo) / (axis.hi - axis.lo) * (to - from);
  }
};

// The plot area inside the SVG.
struct Frame {
  double x = 0, y = 0, w = 0, h = 0;
};

bool money_axis(const Chart& c) {
  return c.value_axis.empty() || c.value_axis.find("£") != std::string::npos;
}

double value_at(const std::vector<double>& values, std::size_t i) {
  return i < values.size() && std::isfinite(values[i]) ? values[i] : 0.0;
}

// ---- SVG pieces ----------------------------------------------------------------

// Okabe-Ito: told apart with the common colour-vision deficiencies, and the
// darker ones first so that they still differ when printed in grey.
constexpr std::array<const char*, 7> kPalette{"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                              "#56B4E9", "#D55E00", "#F0E442"};
constexpr const char* kInk = "#1b1b1b";
constexpr const char* kGrid = "#d9d9d9";
constexpr double kWidth = 760;
constexpr double kFont = 13;

const char* colour(std::size_t i) {
  return kPalette[i % kPalette.size()];
}

std::string text_at(double x, double y, std::string_view anchor, std::string_view text,
                    std::string_view extra = "") {
  return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\"{}>{}</text>\n", num(x), num(y),
                     anchor, extra, escape(text));
}

std::string rect(double x, double y, double w, double h, std::string_view fill) {
  return fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#fff\" "
      "stroke-width=\"0.75\"/>\n",
      num(x), num(y), num(std::max(w, 0.0)), num(std::max(h, 0.0)), fill);
}

std::string line(double x1, double y1, double x2, double y2, std::string_view stroke,
                 double width = 1) {
  return fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
      num(x1), num(y1), num(x2), num(y2), stroke, num(width));
}

std::string svg_open(const std::string& id, double height) {
  return fmt::format(
      "<svg viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-labelledby=\"{}-title {}-desc\" font-family=\"Arial, Helvetica, sans-serif\" "
      "font-size=\"{}\" fill=\"{}\">\n",
      num(kWidth), num(height), num(kWidth), num(height), id, id, num(kFont), kInk);
}

std::string svg_labels(const Chart& c, const std::string& id) {
  return fmt::format("<title id=\"{}-title\">{}</title>\n<desc id=\"{}-desc\">{}</desc>\n", id,
                     escape(c.title), id, escape(c.description));
}

// Horizontal gridlines with their labels at the left of the frame.
std::string value_grid_y(const Scale& y, const Frame& f, bool money) {
  std::string out;
  for (double t : ticks(y.axis)) {
    bool zero = std::fabs(t) < y.axis.step * 1e-6;
    out += line(f.x, y(t), f.x + f.w, y(t), zero ? kInk : kGrid, zero ? 1.25 : 1);
    out += text_at(f.x - 8, y(t) + 4.5, "end", compact(zero ? 0 : t, money));
  }
  return out;
}

// Vertical gridlines with their labels below the frame.
std::string value_grid_x(const Scale& x, const Frame& f, bool money) {
  std::string out;
  for (double t : ticks(x.axis)) {
    bool zero = std::fabs(t) < x.axis.step * 1e-6;
    out += line(x(t), f.y, x(t), f.y + f.h, zero ? "#8c8c8c" : kGrid);
    out += text_at(x(t), f.y + f.h + 18, "middle", compact(zero ? 0 : t, money));
  }
  return out;
}

double widest_tick(const Axis& a, bool money) {
  double w = 0;
  for (double t : ticks(a))
    w = std::max(w, text_width(compact(t, money), kFont));
  return w;
}

// ---- Legend --------------------------------------------------------------------

struct LegendItem {
  std::string name, colour;
  enum class Mark { box, line, dashed } mark = Mark::box;
  double opacity = 1;
};

double legend_cell(const std::vector<LegendItem>& items) {
  double w = 0;
  for (const LegendItem& item : items)
    w = std::max(w, 24 + text_width(item.name, kFont) + 24);
  return w;
}

// A swatch (box) or a stroke (line, dashed) with its baseline at y.
std::string legend_mark(const LegendItem& item, double x, double y) {
  if (item.mark == LegendItem::Mark::box)
    return fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"18\" height=\"12\" fill=\"{}\" fill-opacity=\"{}\"/>\n",
        num(x), num(y - 10), item.colour, num(item.opacity));
  return fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n",
      num(x), num(y - 4), num(x + 18), num(y - 4), item.colour,
      item.mark == LegendItem::Mark::dashed ? " stroke-dasharray=\"5 3\"" : "");
}

// Items in a grid of equal columns, as many as fit across; returns the markup
// and sets `height`.
std::string legend(const std::vector<LegendItem>& items, double top, double& height) {
  std::string out = "<g class=\"legend\">\n";
  double cell = legend_cell(items), row = 22;
  std::size_t columns = std::max<std::size_t>(1, static_cast<std::size_t>((kWidth - 32) / cell));
  for (std::size_t i = 0; i < items.size(); ++i) {
    double x = 16 + cell * static_cast<double>(i % columns);
    double y = top + row * static_cast<double>(i / columns);
    out += legend_mark(items[i], x, y) + text_at(x + 24, y, "start", items[i].name);
  }
  height = row * static_cast<double>((items.size() + columns - 1) / columns);
  return out + "</g>\n";
}

// ---- Categories along the bottom ---------------------------------------------------

struct Bands {
  double x = 0, width = 0;
  std::size_t n = 0;
  double centre(std::size_t i) const { return x + width * (static_cast<double>(i) + 0.5); }
};

double widest(const std::vector<std::string>& labels, double font_size) {
  double w = 0;
  for (const std::string& s : labels)
    w = std::max(w, text_width(s, font_size));
  return w;
}

constexpr double kTurnedWidth = 120;

// Cut to about `width`, ending with an ellipsis when cut.
std::string shorten(const std::string& text, double width) {
  if (text_width(text, kFont) <= width) return text;
  std::string out;
  for (char c : text) {
    if ((c & 0xC0) != 0x80 && text_width(out + "…", kFont) > width) break;
    out += c;
  }
  return out + "…";
}

// Labels turn to 40 degrees when they do not fit their band.
bool turned(const std::vector<std::string>& labels, const Bands& b) {
  return widest(labels, kFont) > b.width - 6;
}

double category_label_height(const std::vector<std::string>& labels, const Bands& b) {
  if (!turned(labels, b)) return 26;
  return std::min(widest(labels, kFont), kTurnedWidth + 8) * 0.65 + 22;
}

std::string category_labels(const std::vector<std::string>& labels, const Bands& b, double y) {
  std::string out;
  bool turn = turned(labels, b);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    double x = b.centre(i);
    std::string rotate = fmt::format(" transform=\"rotate(-40 {} {})\"", num(x), num(y + 16));
    out += turn ? text_at(x, y + 16, "end", shorten(labels[i], kTurnedWidth), rotate)
                : text_at(x, y + 16, "middle", labels[i]);
  }
  return out;
}

std::string value_axis_title(const Chart& c, const Frame& f) {
  if (c.value_axis.empty()) return "";
  double x = 16, y = f.y + f.h / 2;
  std::string rotate = fmt::format(" transform=\"rotate(-90 {} {})\"", num(x), num(y));
  return text_at(x, y, "middle", c.value_axis, rotate);
}

// A line of one value per period: a dashed step across each band (the
// envelope), or a solid line through the band centres (the fan's median).
std::string period_line(const Series& s, const Bands& b, const Scale& y, bool steps,
                        std::string_view stroke = kInk) {
  std::string d;
  for (std::size_t i = 0; i < b.n; ++i) {
    double v = y(value_at(s.values, i)), left = b.x + b.width * static_cast<double>(i);
    if (steps)
      d += fmt::format("{}{} {} H{}", i == 0 ? "M" : " V", i == 0 ? num(left) : num(v),
                       i == 0 ? num(v) : "", num(left + b.width));
    else
      d += fmt::format("{}{} {}", i == 0 ? "M" : " L", num(b.centre(i)), num(v));
  }
  return fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n", d,
                     stroke, steps ? " stroke-dasharray=\"7 4\"" : "");
}

// ---- Common layout of the period charts (stacked columns, fan) ---------------------

struct PeriodLayout {
  Frame frame;
  Bands bands;
  Scale y;
  double legend_top = 0;
};

PeriodLayout period_layout(const Chart& c, const Axis& axis) {
  PeriodLayout l;
  double left = 30 + widest_tick(axis, money_axis(c)) + 10;
  l.frame = {left, 16, kWidth - left - 16, 300};
  l.bands = {l.frame.x,
             l.frame.w / static_cast<double>(std::max<std::size_t>(c.categories.size(), 1)),
             c.categories.size()};
  l.y = {axis, l.frame.y + l.frame.h, l.frame.y};
  l.legend_top = l.frame.y + l.frame.h + category_label_height(c.categories, l.bands) + 16;
  return l;
}

// Everything but the marks: grid, axis title, category labels, legend, framing.
std::string period_chart(const Chart& c, const std::string& id, const PeriodLayout& l,
                         const std::vector<LegendItem>& items, const std::string& marks) {
  double legend_height = 0;
  std::string key = legend(items, l.legend_top, legend_height);
  std::string out = svg_open(id, l.legend_top + legend_height) + svg_labels(c, id);
  out += value_grid_y(l.y, l.frame, money_axis(c)) + value_axis_title(c, l.frame);
  out += marks + category_labels(c.categories, l.bands, l.frame.y + l.frame.h);
  out += line(l.frame.x, l.frame.y + l.frame.h, l.frame.x + l.frame.w, l.frame.y + l.frame.h, kInk);
  return out + key + "</svg>\n";
}

LegendItem line_item(const Chart& c) {
  return {c.line->name.empty() ? "Envelope" : c.line->name, kInk, LegendItem::Mark::dashed};
}

// ---- Stacked columns -----------------------------------------------------------------

// The lowest and highest stack tops, counting the line.
std::pair<double, double> stacked_range(const Chart& c) {
  double lo = 0, hi = 0;
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    double up = 0, down = 0;
    for (const Series& s : c.series)
      (value_at(s.values, i) >= 0 ? up : down) += value_at(s.values, i);
    if (c.line) up = std::max(up, value_at(c.line->values, i));
    if (c.line) down = std::min(down, value_at(c.line->values, i));
    hi = std::max(hi, up), lo = std::min(lo, down);
  }
  return {lo, hi};
}

// Positive values stack up from zero, negative ones down.
std::string columns(const Chart& c, const PeriodLayout& l) {
  std::string out;
  double bar = l.bands.width * 0.62;
  for (std::size_t i = 0; i < l.bands.n; ++i) {
    double up = 0, down = 0, x = l.bands.centre(i) - bar / 2;
    for (std::size_t k = 0; k < c.series.size(); ++k) {
      double v = value_at(c.series[k].values, i);
      double& base = v >= 0 ? up : down;
      double y0 = l.y(base), y1 = l.y(base + v);
      out += rect(x, std::min(y0, y1), bar, std::fabs(y1 - y0), colour(k));
      base += v;
    }
  }
  return out;
}

std::string stacked_columns_svg(const Chart& c, const std::string& id) {
  auto [lo, hi] = stacked_range(c);
  PeriodLayout l = period_layout(c, nice_axis(lo, hi, 6));
  std::vector<LegendItem> items;
  for (std::size_t k = 0; k < c.series.size(); ++k)
    items.push_back({c.series[k].name, colour(k)});
  std::string marks = columns(c, l);
  if (c.line) marks += period_line(*c.line, l.bands, l.y, true), items.push_back(line_item(c));
  return period_chart(c, id, l, items, marks);
}

// ---- Fan ----------------------------------------------------------------------------

constexpr const char* kFan = "#0072B2";
constexpr const char* kMedian = "#003f73";

std::pair<double, double> fan_range(const Chart& c) {
  double lo = INFINITY, hi = -INFINITY;
  auto widen = [&](const Series& s) {
    for (std::size_t i = 0; i < c.categories.size(); ++i)
      lo = std::min(lo, value_at(s.values, i)), hi = std::max(hi, value_at(s.values, i));
  };
  for (const Series& s : c.series)
    widen(s);
  if (c.line) widen(*c.line);
  if (!std::isfinite(lo)) return {0, 1};
  // A margin either side, but not across zero: amounts that never go below
  // zero keep zero as the floor of the axis.
  double pad = (hi - lo) * 0.05;
  return {lo >= 0 ? std::max(0.0, lo - pad) : lo - pad,
          hi <= 0 ? std::min(0.0, hi + pad) : hi + pad};
}

// The area between two series, as one closed polygon.
std::string band(const Series& lower, const Series& upper, const PeriodLayout& l, double opacity) {
  std::string points;
  for (std::size_t i = 0; i < l.bands.n; ++i)
    points += fmt::format("{},{} ", num(l.bands.centre(i)), num(l.y(value_at(upper.values, i))));
  for (std::size_t i = l.bands.n; i-- > 0;)
    points += fmt::format("{},{} ", num(l.bands.centre(i)), num(l.y(value_at(lower.values, i))));
  points.pop_back();
  return fmt::format("<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"{}\"/>\n", points, kFan,
                     num(opacity));
}

std::string median(const Series& s, const PeriodLayout& l) {
  std::string out = period_line(s, l.bands, l.y, false, kMedian);
  for (std::size_t i = 0; i < l.bands.n; ++i)
    out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\"/>\n",
                       num(l.bands.centre(i)), num(l.y(value_at(s.values, i))), kMedian);
  return out;
}

std::string band_name(const Series& lower, const Series& upper) {
  return fmt::format("{} to {}", lower.name, upper.name);
}

std::string fan_svg(const Chart& c, const std::string& id) {
  if (c.series.size() < 5) return stacked_columns_svg(c, id);  // not a fan: show the data
  auto [lo, hi] = fan_range(c);
  PeriodLayout l = period_layout(c, nice_axis(lo, hi, 6));
  const auto& s = c.series;
  std::string marks = band(s[0], s[4], l, 0.2) + band(s[1], s[3], l, 0.45) + median(s[2], l);
  std::vector<LegendItem> items{{band_name(s[0], s[4]), kFan, LegendItem::Mark::box, 0.2},
                                {band_name(s[1], s[3]), kFan, LegendItem::Mark::box, 0.45},
                                {s[2].name, kMedian, LegendItem::Mark::line}};
  if (c.line) marks += period_line(*c.line, l.bands, l.y, true), items.push_back(line_item(c));
  return period_chart(c, id, l, items, marks);
}

// ---- Tornado ----------------------------------------------------------------------

constexpr const char* kLow = "#0072B2";
constexpr const char* kHigh = "#D55E00";
constexpr double kRow = 46;
constexpr double kLabelWidth = 230;

// Words wrapped to lines no wider than `width`, at most two (the second cut short).
std::vector<std::string> wrap(const std::string& text, double width) {
  std::vector<std::string> lines{""};
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find(' ', start), text.size());
    std::string word = text.substr(start, end - start);
    std::string joined = lines.back().empty() ? word : lines.back() + " " + word;
    if (text_width(joined, kFont) <= width || lines.back().empty())
      lines.back() = joined;
    else
      lines.push_back(word);
    start = end + 1;
  }
  if (lines.size() > 2) lines.resize(2), lines[1] += " …";
  return lines;
}

std::string parameter_label(const std::string& text, double x, double y) {
  std::vector<std::string> lines = wrap(text, kLabelWidth);
  std::string out;
  double first = y + 4.5 - 8 * static_cast<double>(lines.size() - 1);
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += text_at(x, first + 16 * static_cast<double>(i), "end", lines[i]);
  return out;
}

double base_of(const Chart& c) {
  return std::isfinite(c.base) ? c.base : 0.0;
}

std::pair<double, double> tornado_range(const Chart& c) {
  double lo = base_of(c), hi = base_of(c);
  for (const Series& s : c.series)
    for (std::size_t i = 0; i < c.categories.size(); ++i)
      lo = std::min(lo, value_at(s.values, i)), hi = std::max(hi, value_at(s.values, i));
  double pad = (hi - lo) * 0.14;  // room for the labels at the bar ends
  return {lo - pad, hi + pad};
}

// One bar from the base to `v`, with its value at the far end.
std::string swing_bar(const Scale& x, double base, double v, double y, double h,
                      std::string_view fill, bool money) {
  if (v == base) return "";
  double x0 = x(base), x1 = x(v);
  std::string out = rect(std::min(x0, x1), y, std::fabs(x1 - x0), h, fill);
  bool right = x1 > x0;
  return out + text_at(x1 + (right ? 5 : -5), y + h / 2 + 4.5, right ? "start" : "end",
                       compact(three_figures(v), money), " font-size=\"12\"");
}

// Low and high in one row when they run opposite ways, in two half rows otherwise.
std::string tornado_row(const Chart& c, const Scale& x, std::size_t i, double top) {
  double low = value_at(c.series[0].values, i);
  double base = base_of(c);
  double high = c.series.size() > 1 ? value_at(c.series[1].values, i) : base;
  bool same_side = (low - base) * (high - base) > 0;
  double h = kRow - 18, y = top + 9;
  bool money = money_axis(c);
  if (!same_side)
    return swing_bar(x, base, low, y, h, kLow, money) +
           swing_bar(x, base, high, y, h, kHigh, money);
  return swing_bar(x, base, low, y, h / 2, kLow, money) +
         swing_bar(x, base, high, y + h / 2, h / 2, kHigh, money);
}

std::vector<LegendItem> tornado_legend(const Chart& c) {
  std::vector<LegendItem> items;
  const char* fallback[] = {"At low value", "At high value"};
  for (std::size_t k = 0; k < std::min<std::size_t>(c.series.size(), 2); ++k)
    items.push_back({c.series[k].name.empty() ? fallback[k] : c.series[k].name, k ? kHigh : kLow});
  std::string base = "Base: " + compact(three_figures(base_of(c)), money_axis(c));
  items.push_back({base, kInk, LegendItem::Mark::line});
  return items;
}

std::string tornado_svg(const Chart& c, const std::string& id) {
  auto [lo, hi] = tornado_range(c);
  double rows = static_cast<double>(c.categories.size());
  Frame f{kLabelWidth + 24, 12, kWidth - kLabelWidth - 24 - 20, kRow * rows};
  Scale x{nice_axis(lo, hi, 5), f.x, f.x + f.w};
  double legend_top = f.y + f.h + (c.value_axis.empty() ? 34 : 54) + 14, legend_height = 0;
  std::string key = legend(tornado_legend(c), legend_top, legend_height);
  std::string out = svg_open(id, legend_top + legend_height) + svg_labels(c, id);
  out += value_grid_x(x, f, money_axis(c));
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    double top = f.y + kRow * static_cast<double>(i);
    out += parameter_label(c.categories[i], f.x - 10, top + kRow / 2) + tornado_row(c, x, i, top);
  }
  out += line(x(base_of(c)), f.y - 4, x(base_of(c)), f.y + f.h + 4, kInk, 2);
  if (!c.value_axis.empty()) out += text_at(f.x + f.w / 2, f.y + f.h + 42, "middle", c.value_axis);
  return out + key + "</svg>\n";
}

// ---- Charts in the page ----------------------------------------------------------------

std::string chart_svg(const Chart& c, const std::string& id) {
  switch (c.kind) {
    case Chart::Kind::stacked_columns:
      return stacked_columns_svg(c, id);
    case Chart::Kind::tornado:
      return tornado_svg(c, id);
    case Chart::Kind::fan:
      return fan_svg(c, id);
  }
  return "";
}

// The visible caption repeats the SVG title; the SVG carries title and desc for
// assistive technology. A chart without data says so instead.
std::string chart_html(const Chart& c, const std::string& id) {
  std::string out = "<figure class=\"chart\">\n<figcaption>" + escape(c.title) + "</figcaption>\n";
  if (c.categories.empty() || c.series.empty())
    out += "<p>" + escape(c.description) + (c.description.empty() ? "" : " ") +
           "(No data to chart.)</p>\n";
  else
    out += chart_svg(c, id);
  return out + "</figure>\n";
}

// ---- Tables -----------------------------------------------------------------------------

// Width in characters as printed: the longest text of each column (row
// labels wrap, so theirs counts up to 24).
std::size_t table_characters(const ReportTable& t) {
  std::size_t total = 0;
  for (std::size_t c = 0; c < t.headers.size(); ++c) {
    std::size_t w = c == 0 ? 0 : length(t.headers[c]);
    for (const auto& row : t.rows)
      if (c < row.size()) w = std::max(w, length(display(row[c])));
    total += c == 0 ? std::min<std::size_t>(w, 24) : w;
  }
  return total;
}

// "wide" prints smaller; "landscape" also goes on a landscape A4 page, for
// tables such as the projection by year that cannot fit across portrait at a
// readable size (about 110 and 150 characters at 7.5pt).
enum class Width { normal, wide, landscape };

Width table_width(const ReportTable& t) {
  std::size_t chars = table_characters(t) + 2 * t.headers.size();
  if (chars > 150) return Width::landscape;
  if (chars > 85 || t.headers.size() > 8) return Width::wide;
  return Width::normal;
}

std::string header_row(const ReportTable& t) {
  if (t.headers.empty()) return "";
  std::string out = "<thead>\n<tr>";
  for (std::size_t c = 0; c < t.headers.size(); ++c)
    out +=
        fmt::format("<th scope=\"col\"{}>{}</th>",
                    c > 0 && is_numeric_column(t, c) ? " class=\"num\"" : "", escape(t.headers[c]));
  return out + "</tr>\n</thead>\n";
}

// A date, "2019-07-01" or "1 July 2019": never wrapped at its hyphens or spaces.
bool is_date(const std::string& text) {
  static const std::regex kDate("[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2} [A-Z][a-z]+ [0-9]{4}");
  return std::regex_match(text, kDate);
}

std::string cell(const Value& v, bool label) {
  bool negative = v.unit == Unit::money && v.money.pence < 0;
  std::string cls = is_numeric(v) ? (negative ? " class=\"num neg\"" : " class=\"num\"")
                    : v.unit == Unit::text && is_date(v.text) ? " class=\"date\""
                                                              : "";
  if (label) return fmt::format("<th scope=\"row\"{}>{}</th>", cls, escape(display(v)));
  return fmt::format("<td{}>{}</td>", cls, escape(display(v)));
}

std::string body_rows(const ReportTable& t) {
  std::string out = "<tbody>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    bool strong = r < t.strong.size() && t.strong[r];
    out += strong ? "<tr class=\"total\">" : "<tr>";
    for (std::size_t c = 0; c < t.headers.size(); ++c)
      out += cell(c < t.rows[r].size() ? t.rows[r][c] : Value::empty(), c == 0);
    out += "</tr>\n";
  }
  return out + "</tbody>\n";
}

std::string table_html(const ReportTable& t, const std::string& fallback_caption) {
  std::string caption = t.caption.empty() ? fallback_caption : t.caption;
  Width w = table_width(t);
  return fmt::format(
      "<div class=\"table-wrap{}\">\n<table{}>\n<caption>{}</caption>\n{}{}</table>\n</div>\n",
      w == Width::landscape ? " landscape" : "", w == Width::normal ? "" : " class=\"wide\"",
      escape(caption), header_row(t), body_rows(t));
}

// ---- Page --------------------------------------------------------------------------------

constexpr const char* kStyle = R"(
body { font-family: Arial, "Helvetica Neue", Helvetica, "Liberation Sans", sans-serif;
  font-size: 16px; line-height: 1.45; color: #1b1b1b; background: #fff;
  max-width: 78rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1.25rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 2px solid #1b1b1b; }
p { margin: 0 0 .75rem; max-width: 48rem; }
figure.chart { margin: 1.25rem 0 1.5rem; }
figure.chart figcaption { font-weight: bold; margin-bottom: .5rem; }
figure.chart svg { display: block; width: 100%; max-width: 48rem; height: auto; }
.table-wrap { overflow-x: auto; margin: 0 0 1.5rem; }
table { border-collapse: collapse; font-size: .9rem; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 0 0 .4rem; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid #c8c8c8; text-align: left;
  vertical-align: top; }
thead th { border-bottom: 2px solid #1b1b1b; vertical-align: bottom; }
tbody th { font-weight: normal; }
tbody tr:nth-child(even) { background: #f3f5f7; }
.num, .date { white-space: nowrap; }
.num { text-align: right; }
.table-wrap table.wide tbody th, .table-wrap table.wide thead th:first-child {
  position: sticky; left: 0; background: #fff; }
.table-wrap table.wide td:last-child, .table-wrap table.wide thead th:last-child {
  position: sticky; right: 0; background: #fff; box-shadow: -1px 0 0 #c8c8c8; }
.table-wrap table.wide tbody tr:nth-child(even) th,
.table-wrap table.wide tbody tr:nth-child(even) td:last-child { background: #f3f5f7; }
.neg { color: #a4000f; }
tr.total th, tr.total td { font-weight: bold; border-top: 2px solid #1b1b1b; }
table.wide { font-size: .8rem; }
table.wide th, table.wide td { padding: .25rem .4rem; }
table.wide tbody th { min-width: 13rem; }
@page { size: A4; margin: 15mm; }
@page landscape { size: A4 landscape; margin: 15mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10pt; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 17pt; }
  h2 { font-size: 13pt; margin-top: 16pt; }
  /* A heading, and the paragraphs under it, stay with what follows them. */
  .opening { break-inside: avoid; page-break-inside: avoid; }
  h2, h2 ~ p, caption { break-after: avoid; page-break-after: avoid; }
  p { max-width: none; }
  figure.chart, .table-wrap, table { break-inside: avoid; page-break-inside: avoid; }
  figure.chart svg { max-width: 100%; }
  .table-wrap { overflow: visible; }
  .table-wrap.landscape { page: landscape; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 9pt; }
  table.wide { font-size: 7.5pt; }
  table.wide th, table.wide td { padding: 2pt 3pt; }
  table.wide tbody th { min-width: 0; }
}
)";

// A section: its heading and paragraphs are printed on one page with the
// chart or table that follows them (div.opening), never left at a page's foot.
std::string section_html(const Section& s, std::size_t index) {
  std::vector<std::string> blocks;
  for (std::size_t c = 0; c < s.charts.size(); ++c)
    blocks.push_back(chart_html(s.charts[c], fmt::format("chart-{}-{}", index + 1, c + 1)));
  for (const ReportTable& t : s.tables)
    blocks.push_back(table_html(t, s.title));
  std::string out = "<section>\n<div class=\"opening\">\n<h2>" + escape(s.title) + "</h2>\n";
  for (const std::string& p : s.paragraphs)
    out += "<p>" + escape(p) + "</p>\n";
  for (std::size_t b = 0; b < blocks.size(); ++b)
    out += blocks[b] + (b == 0 ? "</div>\n" : "");
  if (blocks.empty()) out += "</div>\n";
  return out + "</section>\n";
}

}  // namespace

std::string render_html(const Report& r) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escape(r.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n";
  out += "<body>\n<main>\n<h1>" + escape(r.title) + "</h1>\n";
  for (std::size_t i = 0; i < r.sections.size(); ++i)
    out += section_html(r.sections[i], i);
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace cli::report
