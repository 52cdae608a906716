// The live workbook's totals: Periods (every line of `run`), Attribution
// (SPEC 3.4), Financial years (what min_headroom, shortfall_years and npv
// look at) and Metrics.
#include <fmt/format.h>

#include <numeric>

#include "cli/render/markup.h"
#include "cli/render/projection_view.h"
#include "cli/render/workbook_round.h"
#include "cli/render/workbook_sheets.h"
#include "model/exact.h"

namespace cli::workbook {

namespace {

constexpr int kHeaderRow = 3, kFirstRow = 4;
constexpr int kYearMonths = 8, kFundingMonths = 6;  // as in workbook_sheets.cpp
constexpr int kPeriodCols = 2, kAttributionCols = 3;

void text(lxw_worksheet* ws, int row, int col, const std::string& s, lxw_format* f) {
  worksheet_write_string(ws, row, col, xml_characters(s).c_str(), f);
}

void formula(lxw_worksheet* ws, int row, int col, const std::string& expr, lxw_format* f,
             double value) {
  worksheet_write_formula_num(ws, row, col, expr.c_str(), f, value);
}

double pounds(std::int64_t pence) {
  return static_cast<double>(pence) / 100.0;
}

}  // namespace

// Rows of the Periods and Attribution sheets.
void Model::layout_totals() {
  int row = kFirstRow;
  for (std::size_t c = 0; c < s_.contracts.size(); ++c)
    contract_index_[s_.contracts[c].id] = c;
  for (const ProjectionLine& line : projection_lines(s_, *periods_))
    line_row_[line.key] = row++;
  if (s_.funding.empty()) return;
  row = kFirstRow + 1;  // under the heading
  cumulative_row_.assign(s_.contracts.size(), -1);
  for (std::size_t c = 0; c < s_.contracts.size(); ++c)
    if (!s_.contracts[c].funded_by.empty()) cumulative_row_[c] = row++;
  attribution_row_.assign(s_.contracts.size(), {});
  for (std::size_t c = 0; c < s_.contracts.size(); ++c)
    attribution_row_[c].assign(s_.contracts[c].funded_by.size(), -1);
  stream_block_.assign(s_.funding.size(), {0, 0});
  for (std::size_t f = 0; f < s_.funding.size(); ++f) {
    row += 2;  // a blank row and the heading
    stream_block_[f].first_row = row;
    for (std::size_t c = 0; c < s_.contracts.size(); ++c)
      for (std::size_t j = 0; j < s_.contracts[c].funded_by.size(); ++j)
        if (s_.contracts[c].funded_by[j].stream == static_cast<int>(f))
          attribution_row_[c][j] = row++;
    stream_block_[f].rows = row - stream_block_[f].first_row;
  }
  row += 2;
  pooled_block_.first_row = row;
  for (const model::Contract& c : s_.contracts)
    if (c.funded_by.empty()) ++row;
  pooled_block_.rows = row - pooled_block_.first_row;
}

std::string Model::years_sum(const model::Period& p, int first_row, int rows) const {
  return fmt::format("'Contract years'!{}:{}", cell(first_row, month_col(kYearMonths, p.first)),
                     cell(first_row + rows - 1, month_col(kYearMonths, p.last)));
}

std::string Model::funding_sum(const model::Period& p, int first_line, int lines) const {
  const Block& first = funding_rows_[first_line];
  const Block& last = funding_rows_[first_line + lines - 1];
  return fmt::format("'Funding years'!{}:{}",
                     cell(first.first_row, month_col(kFundingMonths, p.first)),
                     cell(last.first_row + last.rows - 1, month_col(kFundingMonths, p.last)));
}

void Model::write_periods(lxw_worksheet* ws) {
  const auto& periods = periods_->periods;
  int total_col = kPeriodCols + static_cast<int>(periods.size());
  text(
      ws, 0, 0,
      fmt::format("{}: every line of envelope run --by {}", s_.name, model::basis_name(src_.basis)),
      f_.title);
  text(ws, 1, 0, "Each amount is a sum of months (Contract years, Funding years, Attribution).",
       f_.text);
  text(ws, kHeaderRow, 0, "Line", f_.header);
  text(ws, kHeaderRow, 1, "", f_.header);
  for (std::size_t p = 0; p < periods.size(); ++p)
    text(ws, kHeaderRow, kPeriodCols + static_cast<int>(p), periods[p].label, f_.header);
  text(ws, kHeaderRow, total_col, "Total", f_.header);
  worksheet_set_column(ws, 0, 0, 30, nullptr);
  worksheet_set_column(ws, 1, 1, 30, nullptr);
  worksheet_set_column(ws, kPeriodCols, total_col, 15, nullptr);
  int contract_rows = contract_rows_.empty() ? 0
                                             : contract_rows_.back().first_row +
                                                   contract_rows_.back().rows - kFirstRow;
  int group_start = -1;
  for (const ProjectionLine& line : projection_lines(s_, *periods_)) {
    int row = line_row_.at(line.key);
    lxw_format* money = line.strong ? f_.money_bold : f_.money;
    text(ws, row, 0, line.key, line.strong ? f_.bold : f_.text);
    text(ws, row, 1, std::string(2 * line.indent, ' ') + line.label, f_.text);
    bool grouped = line.key.rfind("cost.", 0) == 0 && line.key.rfind("cost.group.", 0) != 0 &&
                   line.indent == 2;  // a contract listed under its group's subtotal
    if (grouped && group_start < 0) group_start = row;
    for (std::size_t p = 0; p < periods.size(); ++p) {
      int col = kPeriodCols + static_cast<int>(p);
      const model::Period& period = periods[p];
      std::string expr;
      const std::string& key = line.key;
      auto row_of = [&](const std::string& k) { return cell(line_row_.at(k), col); };
      if (key.rfind("cost.group.", 0) == 0) {
        expr = fmt::format("ROUND(SUM({}:{}),2)", cell(group_start, col), cell(row - 1, col));
      } else if (key.rfind("cost.", 0) == 0) {
        std::size_t c = contract_index_.at(key.substr(5));
        expr = fmt::format("ROUND(SUM({}),2)",
                           years_sum(period, contract_rows_[c].first_row, contract_rows_[c].rows));
      } else if (key == "cost") {
        expr = contract_rows > 0
                   ? fmt::format("ROUND(SUM({}),2)", years_sum(period, kFirstRow, contract_rows))
                   : "0";
      } else if (key == "envelope") {
        expr = fmt::format("ROUND(SUM({}),2)", funding_sum(period, 0, 1));
      } else if (key == "headroom") {
        expr = fmt::format("ROUND({}-{},2)", row_of("envelope"), row_of("cost"));
      } else if (key.rfind("funding.", 0) == 0) {
        std::size_t f = 0;
        while (s_.funding[f].id != key.substr(8))
          ++f;
        expr = fmt::format("ROUND(SUM({}),2)", funding_sum(period, static_cast<int>(f) + 1, 1));
      } else if (key == "funding") {
        expr = s_.funding.empty()
                   ? "0"
                   : fmt::format("ROUND(SUM({}),2)",
                                 funding_sum(period, 1, static_cast<int>(s_.funding.size())));
      } else if (key == "gap") {
        expr = fmt::format("ROUND({}-{},2)", row_of("funding"), row_of("cost"));
      } else if (key.rfind("committed.", 0) == 0 || key == "pooled") {
        const Block* block = &pooled_block_;
        if (key != "pooled") {
          std::size_t f = 0;
          while (s_.funding[f].id != key.substr(10))
            ++f;
          block = &stream_block_[f];
        }
        int acol = kAttributionCols + static_cast<int>(p);
        expr = block->rows == 0
                   ? "0"
                   : fmt::format("ROUND(SUM(Attribution!{}:{}),2)", cell(block->first_row, acol),
                                 cell(block->first_row + block->rows - 1, acol));
      } else if (key.rfind("balance.", 0) == 0) {
        std::string id = key.substr(8);
        expr = fmt::format("ROUND({}-{},2)", row_of("funding." + id), row_of("committed." + id));
      } else {
        throw Refusal(fmt::format("the line {} has no formula (an internal error)", key));
      }
      formula(ws, row, col, "=" + expr, money, pounds(line.amounts[p].pence));
    }
    if (line.key.rfind("cost.group.", 0) == 0) group_start = -1;
    model::Money total = std::accumulate(line.amounts.begin(), line.amounts.end(), model::Money{});
    formula(ws, row, total_col,
            fmt::format("=ROUND(SUM({}:{}),2)", cell(row, kPeriodCols), cell(row, total_col - 1)),
            f_.money_bold, pounds(total.pence));
  }
  finish_sheet(ws, kHeaderRow, 2, total_col);
}

void Model::write_attribution(lxw_worksheet* ws) {
  const auto& periods = periods_->periods;
  const auto& lines = line_row_;
  text(ws, 0, 0, "Attribution of each contract's cost to the streams that fund it (SPEC 3.4)",
       f_.title);
  text(ws, 1, 0,
       "Each stream but the last named gets ROUND(share * cumulative cost, 2) cumulatively; the "
       "last gets the rest. A period's amount is the difference of cumulative amounts.",
       f_.text);
  const char* headers[] = {"Contract", "Stream", "Share"};
  for (int c = 0; c < 3; ++c)
    text(ws, kHeaderRow, c, headers[c], f_.header);
  for (std::size_t p = 0; p < periods.size(); ++p)
    text(ws, kHeaderRow, kAttributionCols + static_cast<int>(p), periods[p].label, f_.header);
  worksheet_set_column(ws, 0, 1, 22, nullptr);
  worksheet_set_column(ws, 2, 2, 9, nullptr);
  worksheet_set_column(ws, kAttributionCols, kAttributionCols + periods.size(), 15, nullptr);
  std::vector<int> cost_row(s_.contracts.size());
  for (std::size_t c = 0; c < s_.contracts.size(); ++c)
    cost_row[c] = lines.at("cost." + s_.contracts[c].id);
  auto cost_cell = [&](std::size_t c, std::size_t p) {
    return "Periods!" + cell(cost_row[c], kPeriodCols + static_cast<int>(p));
  };
  // Cumulative cost from the horizon's first month, in pence, per contract and period.
  std::vector<std::vector<std::int64_t>> cumulative(s_.contracts.size());
  text(ws, kFirstRow, 0, "Cumulative cost from the horizon's first month", f_.heading);
  for (std::size_t c = 0; c < s_.contracts.size(); ++c) {
    int row = cumulative_row_[c];
    if (row < 0) continue;
    text(ws, row, 0, s_.contracts[c].id, f_.text);
    text(ws, row, 1, "(cumulative cost)", f_.text);
    std::int64_t sum = 0;
    for (std::size_t p = 0; p < periods.size(); ++p) {
      int col = kAttributionCols + static_cast<int>(p);
      sum += periods_->contract_cost[c][p].pence;
      cumulative[c].push_back(sum);
      std::string expr = p == 0
                             ? fmt::format("=ROUND({},2)", cost_cell(c, p))
                             : fmt::format("=ROUND({}+{},2)", cell(row, col - 1), cost_cell(c, p));
      formula(ws, row, col, expr, f_.money, pounds(sum));
    }
  }
  for (std::size_t f = 0; f < s_.funding.size(); ++f) {
    const std::string& id = s_.funding[f].id;
    text(ws, stream_block_[f].first_row - 1, 0, "Attributed to " + id, f_.heading);
    for (std::size_t c = 0; c < s_.contracts.size(); ++c) {
      const model::Contract& k = s_.contracts[c];
      for (std::size_t j = 0; j < k.funded_by.size(); ++j) {
        if (k.funded_by[j].stream != static_cast<int>(f)) continue;
        int row = attribution_row_[c][j];
        std::string path = "contracts." + k.id + ".funded_by." + id;
        if (!inputs_.find(path)) path = "defaults.funded_by." + id;
        std::string share = formula_name(path);
        double s = value_of(share);
        if (s != k.funded_by[j].share)
          throw Refusal(
              fmt::format("contracts.{}: the share of {} is not the cell {} (an "
                          "internal error)",
                          k.id, id, share));
        text(ws, row, 0, k.id, f_.text);
        text(ws, row, 1, id, f_.text);
        formula(ws, row, 2, "=" + share, f_.rate, s);
        bool last = j + 1 == k.funded_by.size();
        std::int64_t before = 0;
        for (std::size_t p = 0; p < periods.size(); ++p) {
          int col = kAttributionCols + static_cast<int>(p);
          std::string expr;
          std::int64_t amount;
          if (!last) {
            std::int64_t now = model::round_share(cumulative[c][p], k.funded_by[j].share);
            auto what = [&] {
              return fmt::format("contracts.{}: the share of {} in {}", k.id, id, periods[p].label);
            };
            round2(s * pounds(cumulative[c][p]), now, what);
            std::string share_cell = "$" + cell(row, 2);
            expr = fmt::format("=ROUND({}*{},2)", share_cell, cell(cumulative_row_[c], col));
            if (p > 0)
              expr += fmt::format("-ROUND({}*{},2)", share_cell, cell(cumulative_row_[c], col - 1));
            amount = now - before;
            before = now;
          } else {
            amount = periods_->contract_cost[c][p].pence;
            std::string others;
            for (std::size_t o = 0; o + 1 < k.funded_by.size(); ++o) {
              others += (o ? "+" : "") + cell(attribution_row_[c][o], col);
              std::int64_t now = model::round_share(cumulative[c][p], k.funded_by[o].share);
              std::int64_t then =
                  p == 0 ? 0 : model::round_share(cumulative[c][p - 1], k.funded_by[o].share);
              amount -= now - then;
            }
            expr = others.empty() ? "=" + cost_cell(c, p)
                                  : fmt::format("={}-({})", cost_cell(c, p), others);
          }
          formula(ws, row, col, expr, f_.money, pounds(amount));
        }
      }
    }
  }
  text(ws, pooled_block_.first_row - 1, 0, "Pooled (no funded_by)", f_.heading);
  int row = pooled_block_.first_row;
  for (std::size_t c = 0; c < s_.contracts.size(); ++c) {
    if (!s_.contracts[c].funded_by.empty()) continue;
    text(ws, row, 0, s_.contracts[c].id, f_.text);
    text(ws, row, 1, "(pooled)", f_.text);
    for (std::size_t p = 0; p < periods.size(); ++p)
      formula(ws, row, kAttributionCols + static_cast<int>(p), "=" + cost_cell(c, p), f_.money,
              pounds(periods_->contract_cost[c][p].pence));
    ++row;
  }
  finish_sheet(ws, kHeaderRow, 3, kAttributionCols + static_cast<int>(periods.size()));
}

void Model::write_financial_years(lxw_worksheet* ws) {
  const auto& periods = years_->periods;
  int n = static_cast<int>(periods.size()), total_col = kPeriodCols + n;
  text(ws, 0, 0, "Financial years: what min_headroom, shortfall_years and npv look at", f_.title);
  text(ws, 1, 0, "npv = ROUND(SUM(cost of year f / (1 + discount_rate)^f), 2), f = 0 undiscounted.",
       f_.text);
  text(ws, kHeaderRow, 0, "Line", f_.header);
  text(ws, kHeaderRow, 1, "", f_.header);
  for (int p = 0; p < n; ++p)
    text(ws, kHeaderRow, kPeriodCols + p, periods[p].label, f_.header);
  text(ws, kHeaderRow, total_col, "Total", f_.header);
  worksheet_set_column(ws, 0, 1, 24, nullptr);
  worksheet_set_column(ws, kPeriodCols, total_col, 15, nullptr);
  const char* keys[] = {"f",        "cost", "envelope",        "funding",
                        "headroom", "gap",  "discount_factor", "discounted_cost"};
  const char* labels[] = {"Year number f",
                          "Total cost",
                          "Envelope",
                          "Total funding",
                          "Headroom (envelope - cost)",
                          "Gap (funding - cost)",
                          "Discount factor 1/(1+r)^f",
                          "Discounted cost"};
  for (int i = 0; i < 8; ++i)
    fy_row_[keys[i]] = kFirstRow + i;
  int contract_rows = contract_rows_.empty() ? 0
                                             : contract_rows_.back().first_row +
                                                   contract_rows_.back().rows - kFirstRow;
  double rate = value_of(formula_name("assumptions.discount_rate"));
  if (rate != s_.discount_rate)
    throw Refusal("assumptions.discount_rate: not the cell (an internal error)");
  std::string rate_name = formula_name("assumptions.discount_rate");
  // Worked out column by column, written row by row (constant-memory mode).
  struct Cell {
    std::string expr;
    double value = 0;
  };
  std::vector<std::vector<Cell>> cells(8, std::vector<Cell>(n + 1));
  double npv_sum = 0;
  std::int64_t totals[5] = {};
  for (int p = 0; p < n; ++p) {
    int col = kPeriodCols + p;
    const model::Period& period = periods[p];
    std::int64_t cost = years_->cost[p].pence, env = years_->envelope[p].pence,
                 fund = years_->funding[p].pence;
    std::int64_t values[5] = {cost, env, fund, env - cost, fund - cost};
    auto at = [&](const char* k) { return cell(fy_row_.at(k), col); };
    cells[0][p] = {"", static_cast<double>(p)};
    std::string exprs[5] = {
        contract_rows > 0
            ? fmt::format("=ROUND(SUM({}),2)", years_sum(period, kFirstRow, contract_rows))
            : "=0",
        fmt::format("=ROUND(SUM({}),2)", funding_sum(period, 0, 1)),
        s_.funding.empty()
            ? "=0"
            : fmt::format("=ROUND(SUM({}),2)",
                          funding_sum(period, 1, static_cast<int>(s_.funding.size()))),
        fmt::format("=ROUND({}-{},2)", at("envelope"), at("cost")),
        fmt::format("=ROUND({}-{},2)", at("funding"), at("cost"))};
    for (int i = 0; i < 5; ++i) {
      cells[1 + i][p] = {exprs[i], pounds(values[i])};
      totals[i] += values[i];
    }
    double factor = 1.0 / std::pow(1.0 + rate, static_cast<double>(p));
    cells[6][p] = {fmt::format("=1/(1+{})^{}", rate_name, at("f")), factor};
    double discounted = pounds(cost) * factor;
    npv_sum += discounted;
    cells[7][p] = {fmt::format("={}*{}", at("cost"), at("discount_factor")), discounted};
  }
  for (int i = 0; i < 5; ++i)
    cells[1 + i][n] = {fmt::format("=ROUND(SUM({}:{}),2)", cell(kFirstRow + 1 + i, kPeriodCols),
                                   cell(kFirstRow + 1 + i, total_col - 1)),
                       pounds(totals[i])};
  cells[7][n] = {fmt::format("=SUM({}:{})", cell(kFirstRow + 7, kPeriodCols),
                             cell(kFirstRow + 7, total_col - 1)),
                 npv_sum};
  for (int i = 0; i < 8; ++i) {
    int row = kFirstRow + i;
    text(ws, row, 0, keys[i], f_.text);
    text(ws, row, 1, labels[i], f_.text);
    for (int p = 0; p <= n; ++p) {
      const Cell& c = cells[i][p];
      lxw_format* format = i == 0   ? f_.count
                           : i == 6 ? f_.factor
                           : p == n ? f_.money_bold
                                    : f_.money;
      if (i == 0 && p < n)
        worksheet_write_number(ws, row, kPeriodCols + p, c.value, format);
      else if (!c.expr.empty())
        formula(ws, row, kPeriodCols + p, c.expr, format, c.value);
    }
  }
  round2(npv_sum, evaluation_.npv().pence, [] { return std::string("npv"); });
  finish_sheet(ws, kHeaderRow, 2, total_col);
}

void Model::write_metrics(lxw_worksheet* ws) {
  text(ws, 0, 0, "Metrics: every horizon total of envelope run", f_.title);
  text(ws, kHeaderRow, 0, "Metric", f_.header);
  text(ws, kHeaderRow, 1, "Value", f_.header);
  worksheet_set_column(ws, 0, 0, 36, nullptr);
  worksheet_set_column(ws, 1, 1, 18, nullptr);
  int periods_total = kPeriodCols + static_cast<int>(periods_->periods.size());
  int fy_first = kPeriodCols, fy_last = kPeriodCols + static_cast<int>(years_->periods.size()) - 1;
  auto fy_range = [&](const char* key) {
    int r = fy_row_.at(key);
    return fmt::format("'Financial years'!{}:{}", cell(r, fy_first), cell(r, fy_last));
  };
  int row = kFirstRow;
  for (const std::string& name : model::all_metric_names(s_)) {
    auto q = std::get<model::MetricQuery>(model::parse_metric(name, s_));
    model::MetricValue v = *evaluation_.value(q);
    std::string expr;
    auto contract = [&](const std::string& prefix) -> int {
      if (name.rfind(prefix, 0) != 0) return -1;
      auto it = contract_index_.find(name.substr(prefix.size()));
      return it == contract_index_.end() ? -1 : static_cast<int>(it->second);
    };
    if (line_row_.count(name)) {
      expr = "=Periods!" + cell(line_row_.at(name), periods_total);
    } else if (name == "min_headroom" || name == "min_gap") {
      expr = fmt::format("=MIN({})", fy_range(name == "min_headroom" ? "headroom" : "gap"));
    } else if (name == "shortfall_years") {
      expr = fmt::format("=COUNTIF({},\"<0\")", fy_range("headroom"));
    } else if (name == "npv") {
      expr = fmt::format("=ROUND(SUM({}),2)", fy_range("discounted_cost"));
    } else if (name == "tcv" || name == "tcv_base" || name == "tcv_max") {
      int n = static_cast<int>(s_.contracts.size());
      expr = fmt::format("=ROUND(SUM({}:{}),2)", cell(row + 1, 1), cell(row + n, 1));
    } else if (int c = contract("tcv."); c >= 0) {
      const Block& b = contract_rows_[c];
      expr = fmt::format("=ROUND(SUM('Contract years'!{}:{}),2)", cell(b.first_row, 7),
                         cell(b.first_row + b.rows - 1, 7));
    } else if (int c = contract("tcv_base."); c >= 0) {
      const Block& b = contract_rows_[c];
      expr = fmt::format("=ROUND(SUM('Contract years'!{}:{}),2)", cell(b.first_row, 5),
                         cell(b.first_row + s_.contracts[c].term - 1, 5));
    } else if (int c = contract("tcv_max."); c >= 0) {
      const Block& b = contract_rows_[c];
      expr = fmt::format("=ROUND(SUM('Contract years'!{}:{}),2)", cell(b.first_row, 5),
                         cell(b.first_row + b.rows - 1, 5));
    } else {
      throw Refusal(fmt::format("the metric {} has no formula (an internal error)", name));
    }
    text(ws, row, 0, name, f_.text);
    if (v.is_count)
      formula(ws, row, 1, expr, f_.count, static_cast<double>(v.count));
    else
      formula(ws, row, 1, expr, f_.money, pounds(v.money.pence));
    ++row;
  }
  finish_sheet(ws, kHeaderRow, 1, 1);
}

}  // namespace cli::workbook
