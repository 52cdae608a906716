// The sheets of the live workbook (cli/render/workbook_xlsx.h), written one
// after another, rows in order (libxlsxwriter's constant-memory mode). Every
// ROUND written is first worked out as the spreadsheet will compute it
// (workbook_round.h) and compared with envelope's own penny; a difference
// is a Refusal naming the figure.
#pragma once

#include <xlsxwriter.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cli/render/workbook_inputs.h"
#include "cli/render/workbook_xlsx.h"
#include "model/metrics.h"

namespace cli::workbook {

inline constexpr const char* kMoneyFormat = "£#,##0.00";
inline constexpr const char* kRateFormat = "0.00##%";

struct Formats {
  lxw_format *title, *heading, *header, *text, *wrap, *bold, *money, *money_bold, *factor, *rate,
      *count, *date;
  lxw_format* input[5];  // by InputKind
  lxw_format *fixed, *fixed_text, *fixed_date;
};

// "A", "B", ..., "XFD" for columns 0, 1, ...
std::string column_name(int col);
// "C5" for row 4, column 2 (both from 0); with `absolute`, "$C$5".
std::string cell(int row, int col, bool absolute = false);

class Model {
 public:
  Model(const Source& source, lxw_workbook* wb, Formats formats);
  // Writes every sheet; throws Refusal after the sheets when any ROUND
  // would not give envelope's penny.
  void write();

 private:
  // Where each contract's years, and each funding line's years, are.
  struct Block {
    int first_row = 0, rows = 0;
  };
  lxw_worksheet* sheet(const char* name);
  void layout();
  void layout_totals();
  // A rectangle of the Contract years sheet (rows of contracts) or of the
  // Funding years sheet (`lines` lines from `first_line`, 0 the envelope)
  // over the months of period p.
  std::string years_sum(const model::Period& p, int first_row, int rows) const;
  std::string funding_sum(const model::Period& p, int first_line, int lines) const;
  void write_about(lxw_worksheet* ws);
  void write_inputs(lxw_worksheet* ws);
  void write_contract_years(lxw_worksheet* ws);
  void write_contract(lxw_worksheet* ws, std::size_t c, int& row);
  void write_funding_years(lxw_worksheet* ws);
  void write_funding_line(lxw_worksheet* ws, int line, int& row);
  void write_periods(lxw_worksheet* ws);
  void write_attribution(lxw_worksheet* ws);
  void write_financial_years(lxw_worksheet* ws);
  void write_metrics(lxw_worksheet* ws);
  void month_headers(lxw_worksheet* ws, int row, int first_col);
  void finish_sheet(lxw_worksheet* ws, int header_row, int frozen_cols, int last_col);

  // ROUND(x, 2) as the spreadsheet computes it, checked against envelope's pence.
  double round2(double x, std::int64_t pence, const std::function<std::string()>& what);
  // The split of a yearly amount (row `row`, column `amount_col`) over the
  // month `i` (0..11) of its year, starting at `year_start`; writes the cell
  // and returns its pence. `value` is the amount as the spreadsheet holds it;
  // `check`: compare its ROUNDs with envelope's (not when the amount differs already).
  std::int64_t write_split(lxw_worksheet* ws, int row, int col, int amount_col, double value,
                           std::int64_t pence, model::Month year_start, int i,
                           const std::function<std::string()>& what, bool check);
  int month_col(int first_col, model::Month m) const { return first_col + (m - horizon_.first); }
  std::string formula_name(const std::string& path) const;
  double value_of(const std::string& name) const;
  std::vector<std::string> field(const model::Contract& c, const std::string& f) const;
  std::string years_taken_formula(const model::Contract& c) const;
  void problem(const std::string& text);

  const Source& src_;
  const model::Scenario& s_;
  lxw_workbook* wb_;
  Formats f_;
  Inputs inputs_;
  model::Evaluation evaluation_;
  model::Horizon horizon_;
  const model::Projection* periods_ = nullptr;         // by src_.basis
  const model::Projection* years_ = nullptr;           // by financial year
  std::vector<Block> contract_rows_, funding_rows_;    // funding_rows_[0] is the envelope
  std::map<std::string, std::size_t> contract_index_;  // id -> index
  std::map<std::string, int> line_row_;                // Periods sheet: line key -> row
  std::vector<std::vector<int>> attribution_row_;      // [contract][share] -> Attribution row
  std::vector<int> cumulative_row_;                    // [contract] -> Attribution row, or -1
  std::map<std::string, int> fy_row_;                  // Financial years sheet rows
  std::vector<Block> stream_block_;                    // Attribution rows of each stream
  Block pooled_block_;
  std::vector<std::string> problems_;
  int problem_count_ = 0;
};

}  // namespace cli::workbook
