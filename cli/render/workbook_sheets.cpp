// The live workbook's input and year sheets: About, Inputs, Contract years
// and Funding years (the totals are in workbook_totals.cpp).
#include "cli/render/workbook_sheets.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/render/markup.h"
#include "cli/render/workbook_round.h"
#include "model/exact.h"
#include "model/projection.h"

namespace cli::workbook {

namespace {

constexpr int kHeaderRow = 3, kFirstRow = 4;
// Contract years: A contract, B year, C starts, D uplift, E growth, F value,
// G taken, H cost; months from I. Funding years: A line, B year, C f,
// D change, E growth, F amount; months from G.
constexpr int kYearMonths = 8, kFundingMonths = 6;

__extension__ typedef __int128 Wide;

std::int64_t round_div(Wide num, std::int64_t den) {
  bool negative = num < 0;
  Wide a = negative ? -num : num;
  Wide q = a / den, r = a % den;
  if (2 * r >= den) ++q;
  return static_cast<std::int64_t>(negative ? -q : q);
}

// Excel's serial number of a month's first day.
double serial(model::Month m) {
  return static_cast<double>(model::days_from_epoch(model::first_day(m)) + 25569);
}

std::string money_text(std::int64_t pence) {
  return model::to_display_string(model::Money{pence}, true);
}

void text(lxw_worksheet* ws, int row, int col, const std::string& s, lxw_format* f) {
  worksheet_write_string(ws, row, col, xml_characters(s).c_str(), f);
}

void formula(lxw_worksheet* ws, int row, int col, const std::string& expr, lxw_format* f,
             double value) {
  worksheet_write_formula_num(ws, row, col, expr.c_str(), f, value);
}

const char* kind_text(const Input& in) {
  if (in.shapes) return "fixed: shapes the rows";
  switch (in.kind) {
    case InputKind::money:
      return "money (£)";
    case InputKind::rate:
      return "rate";
    case InputKind::share:
      return "share";
    case InputKind::whole:
      return "whole number";
    case InputKind::number:
      return "number";
  }
  return "";
}

int section_rank(const std::string& path) {
  static const char* kSections[] = {"assumptions", "envelope", "funding", "defaults", "contracts"};
  for (int i = 0; i < 5; ++i)
    if (path.rfind(kSections[i], 0) == 0) return i;
  return 5;
}

}  // namespace

std::string column_name(int col) {
  std::string out;
  for (++col; col > 0; col = (col - 1) / 26)
    out.insert(out.begin(), static_cast<char>('A' + (col - 1) % 26));
  return out;
}

std::string cell(int row, int col, bool absolute) {
  return absolute ? fmt::format("${}${}", column_name(col), row + 1)
                  : fmt::format("{}{}", column_name(col), row + 1);
}

Model::Model(const Source& source, lxw_workbook* wb, Formats formats)
    : src_(source),
      s_(source.scenario),
      wb_(wb),
      f_(formats),
      inputs_(read_inputs(source.tree, source.scenario)),
      evaluation_(source.scenario),
      horizon_(evaluation_.horizon()) {
  periods_ = &evaluation_.projection(src_.basis);
  years_ = &evaluation_.projection(model::Basis::financial_year);
}

double Model::value_of(const std::string& name) const {
  auto it = inputs_.by_name.find(name);
  if (it != inputs_.by_name.end()) return inputs_.cells[it->second].value;
  throw Refusal(fmt::format("no input cell named {} (an internal error)", name));
}

void Model::problem(const std::string& text) {
  if (problems_.size() < 5) problems_.push_back(text);
  ++problem_count_;
}

double Model::round2(double x, std::int64_t pence, const std::function<std::string()>& what) {
  double r = spreadsheet_round2(x);
  if (pence_of(r) != pence)
    problem(fmt::format(
        "{}: a spreadsheet's ROUND gives {} where envelope's exact decimal arithmetic gives {}: "
        "the exact amount lies within a spreadsheet's 15 significant digits of a half penny",
        what(), money_text(pence_of(r)), money_text(pence)));
  return r;
}

std::string Model::formula_name(const std::string& path) const {
  const Input* in = inputs_.find(path);
  if (!in) throw Refusal(fmt::format("{}: no input cell (an internal error)", path));
  return in->name;
}

// A contract field's cells: the contract's own, else those of defaults.
std::vector<std::string> Model::field(const model::Contract& c, const std::string& f) const {
  auto own = inputs_.field("contracts." + c.id + "." + f);
  return own.empty() ? inputs_.field("defaults." + f) : own;
}

std::string Model::years_taken_formula(const model::Contract& c) const {
  auto term = field(c, "term");
  if (term.size() != 1) throw Refusal(fmt::format("contracts.{}.term: no input cell", c.id));
  std::string out = term[0];
  if (c.extensions.empty()) return out;
  auto extensions = field(c, "extensions");
  auto exercise = field(c, "exercise");
  if (extensions.size() != c.extensions.size() || exercise.size() != 1)
    throw Refusal(
        fmt::format("contracts.{}: extensions or exercise not written as the "
                    "workbook reads them (an internal error)",
                    c.id));
  for (std::size_t i = 0; i < extensions.size(); ++i)
    out += fmt::format("+IF({}>={},{},0)", exercise[0], i + 1, extensions[i]);
  return out;
}

void Model::write() {
  lxw_worksheet* about = sheet("About");
  lxw_worksheet* inputs = sheet("Inputs");
  lxw_worksheet* years = sheet("Contract years");
  lxw_worksheet* funding = sheet("Funding years");
  lxw_worksheet* periods = sheet("Periods");
  lxw_worksheet* attribution = s_.funding.empty() ? nullptr : sheet("Attribution");
  lxw_worksheet* fy = sheet("Financial years");
  lxw_worksheet* metrics = sheet("Metrics");
  layout();
  write_about(about);
  write_inputs(inputs);
  write_contract_years(years);
  write_funding_years(funding);
  write_periods(periods);
  if (attribution) write_attribution(attribution);
  write_financial_years(fy);
  write_metrics(metrics);
  if (problem_count_ > 0) {
    std::string message = fmt::format(
        "the workbook cannot carry this scenario to the penny: in {} place{} a spreadsheet's "
        "double arithmetic would decide a half penny differently from envelope's exact "
        "decimal arithmetic (SPEC 3.1), so its recalculated figures would differ from `run`",
        problem_count_, problem_count_ == 1 ? "" : "s");
    for (const std::string& p : problems_)
      message += "\n  " + p;
    if (problem_count_ > static_cast<int>(problems_.size()))
      message += fmt::format("\n  ... and {} more", problem_count_ - problems_.size());
    message +=
        "\nWrite rates and shares as short decimals (0.035 or 3.5%, not an expression such as "
        "cpi + 0.005 whose double is 0.034999999999999996), or use `envelope run`.";
    throw Refusal(message);
  }
}

lxw_worksheet* Model::sheet(const char* name) {
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name);
  if (!ws) throw Refusal(fmt::format("cannot add the sheet '{}'", name));
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  return ws;
}

void Model::finish_sheet(lxw_worksheet* ws, int header_row, int frozen_cols, int last_col) {
  worksheet_freeze_panes(ws, header_row + 1, frozen_cols);
  worksheet_repeat_rows(ws, header_row, header_row);
  worksheet_set_footer(ws, "&L&A&RPage &P of &N");
  (void)last_col;
}

void Model::layout() {
  int row = kFirstRow;
  for (const model::Contract& c : s_.contracts) {
    int n = c.years_with(static_cast<int>(c.extensions.size()));
    contract_rows_.push_back({row, n});
    row += n;
  }
  row = kFirstRow;
  int fys = static_cast<int>(years_->periods.size());
  for (std::size_t line = 0; line <= s_.funding.size(); ++line) {
    funding_rows_.push_back({row, fys});
    row += fys;
  }
  layout_totals();
}

void Model::month_headers(lxw_worksheet* ws, int row, int first_col) {
  for (model::Month m = horizon_.first; m <= horizon_.last; ++m)
    text(ws, row, month_col(first_col, m), model::month_label(m), f_.header);
  worksheet_set_column(ws, first_col, month_col(first_col, horizon_.last), 12, nullptr);
}

void Model::write_about(lxw_worksheet* ws) {
  worksheet_set_column(ws, 0, 0, 110, f_.wrap);
  std::string by = std::string(model::basis_name(src_.basis));
  int row = 0;
  text(ws, row++, 0, s_.name + ": a live model", f_.title);
  row++;
  std::vector<std::string> lines = {
      fmt::format("Written by envelope {} from {}{}. The horizon runs from {} to {}; the Periods "
                  "sheet is by {}.",
                  ENVELOPE_VERSION, src_.file,
                  src_.variant.empty() ? "" : ", variant " + src_.variant,
                  model::to_string(model::first_day(horizon_.first)),
                  model::to_string(model::last_day(horizon_.last)), by),
      "Every figure envelope's `run` shows is a formula here, over the inputs: the workbook "
      "recalculates to the same figures, to the penny. The values stored with the formulas "
      "are envelope's own, so a viewer that does not recalculate shows them too.",
      "HOW TO USE IT",
      "Change a cell shown in blue on yellow on the Inputs sheet: every figure that depends on "
      "it follows. Each input cell has a defined name made from its scenario path, with '.' "
      "(and '/' or '-') replaced by '_': assumptions_uplift, contracts_da_victims_annual, "
      "funding_public_health_change. Find one with the Name Box or the Name Manager; formulas "
      "use the names, so they read like the scenario.",
      "An expression of the scenario (580000 * (1 - pcc_cut)) is a formula over the assumption "
      "cells. A field the file leaves out that a what-if often changes has a cell with its "
      "neutral value, marked 'not in the file': a stream's change (0), an uplift (0), exercise "
      "(every extension), discount_rate (3.5%).",
      "Grey cells are fixed: the term and extensions of a contract, dates and the horizon shape "
      "the rows and columns of the sheets. To change them, change the scenario (or use --set) "
      "and write the workbook again. exercise can be changed here, from 0 to the number of "
      "extensions; the horizon stays as it is, as for a what-if in envelope.",
      "HOW IT COMPUTES (SPEC 3)",
      "Contract years: V0 = ROUND(annual, 2) and the value of year k is ROUND(V0 * PRODUCT(1 + "
      "uplift at each anniversary), 2), the product kept as the Growth column. Funding years: "
      "the same with each financial year's change, or by_year where it names the year.",
      "Each year's amount is split over its 12 months cumulatively: month m gets ROUND(V * "
      "(m+1)/12, 2) - ROUND(V * m/12, 2) (with apportion: days, elapsed days over the days of "
      "the year), so any run of months from the start of the year sums to the rounded pro-rata "
      "amount. Periods are sums of months.",
      "Attribution: a contract's cumulative cost C is shared, each stream but the last named "
      "getting ROUND(share * C, 2) cumulatively and the last the rest. npv discounts each "
      "financial year's cost by whole years and rounds the sum once.",
      "THE SHEETS",
      "Inputs: every number of the scenario. Contract years: each contract year's value, "
      "whether it is taken, and its months. Funding years: the envelope and each stream by "
      "financial year, and their months. Periods: every line of `envelope run --by " +
          by +
          "`. Attribution: cost attributed to each stream. Financial years: cost, envelope, "
          "funding, headroom and gap by financial year, and the discounting of npv. Metrics: "
          "every metric of `run`."};
  for (const std::string& line : lines) {
    bool heading = line == "HOW TO USE IT" || line.rfind("HOW IT", 0) == 0 || line == "THE SHEETS";
    if (heading) ++row;
    text(ws, row++, 0, line, heading ? f_.heading : f_.wrap);
  }
  worksheet_activate(ws);
}

void Model::write_inputs(lxw_worksheet* ws) {
  worksheet_set_column(ws, 0, 0, 52, nullptr);
  worksheet_set_column(ws, 1, 1, 18, nullptr);
  worksheet_set_column(ws, 2, 2, 34, nullptr);
  worksheet_set_column(ws, 3, 3, 30, nullptr);
  text(ws, 0, 0, "Inputs", f_.title);
  text(ws, 1, 0,
       "Blue on yellow: an input, named after its path ('.' as '_'). Grey: fixed (re-run "
       "envelope to change).",
       f_.text);
  text(ws, kHeaderRow, 0, "Path (the cell's name: '.' as '_')", f_.header);
  text(ws, kHeaderRow, 1, "Value", f_.header);
  text(ws, kHeaderRow, 2, "Expression in the file", f_.header);
  text(ws, kHeaderRow, 3, "Kind", f_.header);
  int row = kFirstRow;
  auto fixed_row = [&](const std::string& label, const std::string& value) {
    text(ws, row, 0, label, f_.text);
    text(ws, row, 1, value, f_.fixed_text);
    text(ws, row++, 3, "fixed", f_.text);
  };
  text(ws, row++, 0, "Scenario", f_.heading);
  fixed_row("scenario.name", s_.name);
  fixed_row("scenario.start (horizon)", model::to_string(model::first_day(horizon_.first)));
  fixed_row("scenario.end (horizon)", model::to_string(model::last_day(horizon_.last)));
  fixed_row("scenario.fiscal_year_start", std::to_string(s_.fiscal_year_start));
  fixed_row("scenario.apportion", s_.apportion == model::Apportion::days ? "days" : "months");
  std::vector<std::size_t> order(inputs_.cells.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return section_rank(inputs_.cells[a].path) < section_rank(inputs_.cells[b].path);
  });
  std::vector<std::pair<std::string, std::string>> names;  // name, reference
  static const char* kTitles[] = {"Assumptions", "Envelope",  "Funding streams",
                                  "Defaults",    "Contracts", "Other"};
  int section = -1;
  for (std::size_t i : order) {
    const Input& in = inputs_.cells[i];
    int rank = section_rank(in.path);
    if (rank != section) {
      section = rank;
      ++row;
      text(ws, row++, 0, kTitles[rank], f_.heading);
    }
    text(ws, row, 0, in.path, f_.text);
    lxw_format* format = in.shapes ? f_.fixed : f_.input[static_cast<int>(in.kind)];
    if (in.formula.empty())
      worksheet_write_number(ws, row, 1, in.value, format);
    else
      formula(ws, row, 1, "=" + in.formula, format, in.value);
    if (!in.written.empty()) text(ws, row, 2, in.written, f_.text);
    text(ws, row, 3, in.added ? std::string(kind_text(in)) + ", not in the file" : kind_text(in),
         f_.text);
    names.emplace_back(in.name, "=Inputs!" + cell(row, 1, true));
    ++row;
  }
  // libxlsxwriter keeps names sorted, searching from the first: defined in
  // descending order, each goes in at the front, so 6,000 names cost nothing.
  auto lower = [](std::string t) {
    std::transform(t.begin(), t.end(), t.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return t;
  };
  std::sort(names.begin(), names.end(),
            [&](const auto& a, const auto& b) { return lower(a.first) > lower(b.first); });
  for (const auto& [name, ref] : names)
    if (workbook_define_name(wb_, name.c_str(), ref.c_str()) != LXW_NO_ERROR)
      throw Refusal(fmt::format("cannot name the input cell '{}'", name));
  finish_sheet(ws, kHeaderRow, 1, 3);
}

// ---------------------------------------------------------------------------
// Contract years

void Model::write_contract_years(lxw_worksheet* ws) {
  text(ws, 0, 0, "Contract years: each year's value, whether it is taken, and its months",
       f_.title);
  text(ws, 1, 0,
       "Value = ROUND(V0 * Growth, 2), Growth = PRODUCT(1 + uplift at each anniversary). Cost = "
       "Value if the year is taken (term + the extensions exercised). Months: the cumulative "
       "split of the cost.",
       f_.text);
  const char* headers[] = {"Contract", "Year",  "Starts", "Uplift at anniversary",
                           "Growth",   "Value", "Taken",  "Cost as exercised"};
  for (int c = 0; c < 8; ++c)
    text(ws, kHeaderRow, c, headers[c], f_.header);
  worksheet_set_column(ws, 0, 0, 22, nullptr);
  worksheet_set_column(ws, 1, 1, 6, nullptr);
  worksheet_set_column(ws, 2, 2, 12, nullptr);
  worksheet_set_column(ws, 3, 4, 12, nullptr);
  worksheet_set_column(ws, 5, 5, 16, nullptr);
  worksheet_set_column(ws, 6, 6, 7, nullptr);
  worksheet_set_column(ws, 7, 7, 16, nullptr);
  month_headers(ws, kHeaderRow, kYearMonths);
  int row = kFirstRow;
  for (std::size_t c = 0; c < s_.contracts.size(); ++c)
    write_contract(ws, c, row);
  finish_sheet(ws, kHeaderRow, 2, month_col(kYearMonths, horizon_.last));
}

void Model::write_contract(lxw_worksheet* ws, std::size_t index, int& row) {
  const model::Contract& c = s_.contracts[index];
  std::string id = "contracts." + c.id;
  auto annual = field(c, "annual");
  auto uplift = field(c, "uplift");
  if (annual.size() != 1 || uplift.empty())
    throw Refusal(
        fmt::format("{}: annual or uplift not written as the workbook reads them "
                    "(an internal error)",
                    id));
  const Block& block = contract_rows_[index];
  std::string taken_years = years_taken_formula(c);
  double annual_value = value_of(annual[0]);
  double growth = 1, v0 = 0;
  for (int k = 0; k < block.rows; ++k, ++row) {
    model::Month start = c.start + 12 * k;
    text(ws, row, 0, c.id, f_.text);
    worksheet_write_number(ws, row, 1, k + 1, f_.count);
    worksheet_write_number(ws, row, 2, serial(start), f_.date);
    std::int64_t exact = model::contract_year_value(c, k).pence;
    auto what = [&] {
      return fmt::format("{} contract year {} (from {})", id, k + 1, model::month_label(start));
    };
    double value;
    if (k == 0) {
      worksheet_write_number(ws, row, 4, 1, f_.factor);
      value = v0 = round2(annual_value, exact, what);
      formula(ws, row, 5, fmt::format("=ROUND({},2)", annual[0]), f_.money, value);
    } else {
      std::size_t j = std::min<std::size_t>(k, uplift.size()) - 1;
      double u = value_of(uplift[j]);
      if (u != c.uplift.at(k))
        throw Refusal(
            fmt::format("{}: the uplift at anniversary {} is not the cell {} (an "
                        "internal error)",
                        id, k, uplift[j]));
      formula(ws, row, 3, "=" + uplift[j], f_.rate, u);
      growth *= 1 + u;
      formula(ws, row, 4, fmt::format("={}*(1+{})", cell(row - 1, 4), cell(row, 3)), f_.factor,
              growth);
      value = round2(v0 * growth, exact, what);
      formula(ws, row, 5,
              fmt::format("=ROUND({}*{},2)", cell(block.first_row, 5, true), cell(row, 4)),
              f_.money, value);
    }
    bool taken = k < c.years_taken();
    formula(ws, row, 6, fmt::format("=IF({}<={},1,0)", cell(row, 1), taken_years), f_.count,
            taken ? 1 : 0);
    double cost = taken ? value : 0;
    std::int64_t cost_pence = taken ? exact : 0;
    formula(ws, row, 7, fmt::format("={}*{}", cell(row, 5), cell(row, 6)), f_.money, cost);
    bool checked = pence_of(value) == exact;  // else the months only repeat that difference
    for (int i = 0; i < 12; ++i) {
      model::Month m = start + i;
      if (!horizon_.contains(m)) continue;
      write_split(ws, row, month_col(kYearMonths, m), 7, cost, cost_pence, start, i, what, checked);
    }
  }
}

std::int64_t Model::write_split(lxw_worksheet* ws, int row, int col, int amount_col, double value,
                                std::int64_t pence, model::Month year_start, int i,
                                const std::function<std::string()>& what, bool check) {
  bool days = s_.apportion == model::Apportion::days;
  long n = days ? model::days_into_year(year_start, 12) : 12;
  long d0 = days ? model::days_into_year(year_start, i) : i;
  long d1 = days ? model::days_into_year(year_start, i + 1) : i + 1;
  std::int64_t c0 = round_div(static_cast<Wide>(pence) * d0, n);
  std::int64_t c1 = round_div(static_cast<Wide>(pence) * d1, n);
  auto month_what = [&] {
    return fmt::format("{}, month {}", what(), model::month_label(year_start + i));
  };
  if (check) round2(value * static_cast<double>(d1) / static_cast<double>(n), c1, month_what);
  std::string amount = "$" + cell(row, amount_col);
  std::string f = fmt::format("=ROUND({}*{}/{},2)", amount, d1, n);
  if (d0 > 0) {
    if (check) round2(value * static_cast<double>(d0) / static_cast<double>(n), c0, month_what);
    f += fmt::format("-ROUND({}*{}/{},2)", amount, d0, n);
  }
  formula(ws, row, col, f, f_.money, static_cast<double>(c1 - c0) / 100.0);
  return c1 - c0;
}

// ---------------------------------------------------------------------------
// Funding years

void Model::write_funding_years(lxw_worksheet* ws) {
  text(ws, 0, 0, "Funding years: the envelope and each stream by financial year, and their months",
       f_.title);
  text(ws, 1, 0,
       "Amount = by_year where it names the year, else ROUND(ROUND(annual, 2) * Growth, 2), "
       "Growth = PRODUCT(1 + change at the start of each year). Months outside the horizon or "
       "from/until count zero.",
       f_.text);
  const char* headers[] = {"Line", "Financial year", "f", "Change at start", "Growth", "Amount"};
  for (int c = 0; c < 6; ++c)
    text(ws, kHeaderRow, c, headers[c], f_.header);
  worksheet_set_column(ws, 0, 0, 22, nullptr);
  worksheet_set_column(ws, 1, 4, 12, nullptr);
  worksheet_set_column(ws, 5, 5, 16, nullptr);
  month_headers(ws, kHeaderRow, kFundingMonths);
  int row = kFirstRow;
  for (int line = 0; line <= static_cast<int>(s_.funding.size()); ++line)
    write_funding_line(ws, line, row);
  finish_sheet(ws, kHeaderRow, 2, month_col(kFundingMonths, horizon_.last));
}

void Model::write_funding_line(lxw_worksheet* ws, int line, int& row) {
  const model::FundingStream* stream = line == 0 ? nullptr : &s_.funding[line - 1];
  std::string prefix = stream ? "funding." + stream->id : "envelope";
  const model::YearlyAmount& amount = stream ? stream->amount : s_.envelope;
  std::string annual = formula_name(prefix + ".annual");
  double annual_value = value_of(annual);
  auto change = inputs_.field(prefix + ".change");
  std::map<int, const Input*> by_year;
  std::string by_prefix = prefix + ".by_year.";
  for (const Input& in : inputs_.cells)
    if (in.path.rfind(by_prefix, 0) == 0)
      if (auto fy = model::parse_financial_year_label(in.path.substr(by_prefix.size()),
                                                      s_.fiscal_year_start))
        by_year[*fy] = &in;
  model::Compounding compounding(amount.annual, amount.change);
  double a0 = 0, growth = 1;
  for (std::size_t f = 0; f < years_->periods.size(); ++f, ++row) {
    const model::Period& period = years_->periods[f];
    int fy = model::financial_year_of(period.first, s_.fiscal_year_start);
    model::Month fy_start = model::financial_year_start(fy, s_.fiscal_year_start);
    if (f > 0) compounding.step();
    text(ws, row, 0, stream ? stream->id : "envelope", f_.text);
    text(ws, row, 1, period.label, f_.text);
    worksheet_write_number(ws, row, 2, static_cast<double>(f), f_.count);
    auto what = [&] { return fmt::format("{} in {}", prefix, period.label); };
    std::int64_t base = amount.annual.pence;
    if (f == 0) {
      worksheet_write_number(ws, row, 4, 1, f_.factor);
      a0 = round2(annual_value, base, what);
    } else {
      std::size_t j = std::min<std::size_t>(f, change.size()) - 1;
      double c = value_of(change[j]);
      if (c != amount.change.at(static_cast<int>(f)))
        throw Refusal(fmt::format("{}: the change in {} is not the cell {} (an internal error)",
                                  prefix, period.label, change[j]));
      formula(ws, row, 3, "=" + change[j], f_.rate, c);
      growth *= 1 + c;
      formula(ws, row, 4, fmt::format("={}*(1+{})", cell(row - 1, 4), cell(row, 3)), f_.factor,
              growth);
    }
    std::int64_t exact;
    double value;
    std::string expr;
    auto named = by_year.find(fy);
    if (named != by_year.end()) {
      auto it = std::find_if(amount.by_year.begin(), amount.by_year.end(),
                             [fy](const auto& p) { return p.first == fy; });
      exact = it == amount.by_year.end() ? 0 : it->second.pence;
      value = round2(named->second->value, exact, what);
      expr = fmt::format("=ROUND({},2)", named->second->name);
    } else {
      exact = compounding.value().pence;
      value = round2(a0 * growth, exact, what);
      expr = f == 0 ? fmt::format("=ROUND({},2)", annual)
                    : fmt::format("=ROUND(ROUND({},2)*{},2)", annual, cell(row, 4));
    }
    formula(ws, row, 5, expr, f_.money, value);
    for (int i = 0; i < 12; ++i) {
      model::Month m = fy_start + i;
      if (!horizon_.contains(m)) continue;
      if (stream && stream->from && m < *stream->from) continue;
      if (stream && stream->until && m > *stream->until) continue;
      write_split(ws, row, month_col(kFundingMonths, m), 5, value, exact, fy_start, i, what,
                  pence_of(value) == exact);
    }
  }
}

}  // namespace cli::workbook
