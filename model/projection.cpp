#include "model/projection.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>

namespace model {

int Contract::years_with(int extensions_taken) const {
  assert(extensions_taken >= 0 && extensions_taken <= static_cast<int>(extensions.size()));
  return term + std::accumulate(extensions.begin(), extensions.begin() + extensions_taken, 0);
}

std::optional<Horizon> horizon_of(const Scenario& s) {
  std::optional<Month> first = s.start, last = s.end;
  if (first && last) {  // a what-if's horizon, pinned (SPEC 4)
    if (*last < *first) return std::nullopt;
    return Horizon{*first, *last};
  }
  for (const Contract& c : s.contracts) {
    if (!s.start) first = first ? std::min(*first, c.start) : c.start;
    Month end = c.start + 12 * whole_life_years(c, WholeLife::every_option) - 1;
    if (!s.end) last = last ? std::max(*last, end) : end;
  }
  if (!first || !last || *last < *first) return std::nullopt;
  return Horizon{*first, *last};
}

std::optional<std::string> horizon_problem(const Scenario& s) {
  return horizon_problem(horizon_of(s));
}

std::optional<std::string> horizon_problem(const std::optional<Horizon>& h) {
  if (!h) return "the horizon is empty";
  if (h->months() > kMaxHorizonMonths)
    return "the horizon is " + std::to_string(h->months()) + " months; at most " +
           std::to_string(kMaxHorizonMonths / 12) + " years (the limit)";
  return std::nullopt;
}

Money Compounding::exactly() const {
  return Money{compounded_exactly(base_.pence, rates_, step_)};
}

std::int64_t compounded_exactly(std::int64_t base, const RateSchedule& rates, int step) {
  return round_compounded_exactly(base, rates.rates, step);
}

Money contract_year_value(const Contract& c, int k) {
  Compounding value(c.annual, c.uplift);
  for (int j = 0; j < k; ++j)
    value.step();
  return value.value();
}

int whole_life_years(const Contract& c, WholeLife which) {
  switch (which) {
    case WholeLife::base_term:
      return c.term;
    case WholeLife::as_exercised:
      return c.years_taken();
    case WholeLife::every_option:
      return c.years_with(static_cast<int>(c.extensions.size()));
  }
  return c.term;
}

Money whole_life_value(const Contract& c, WholeLife which) {
  Compounding value(c.annual, c.uplift);
  Money total;
  for (int k = 0, years = whole_life_years(c, which); k < years; ++k) {
    if (k > 0) value.step();
    total += value.value();
  }
  return total;
}

WholeLifeValues whole_life_values(const Contract& c) {
  auto term = [&](WholeLife which) {
    return WholeLifeValues::Term{whole_life_years(c, which), whole_life_value(c, which)};
  };
  return {term(WholeLife::base_term), term(WholeLife::as_exercised), term(WholeLife::every_option)};
}

std::shared_ptr<const Layout> make_layout(const Horizon& h, Basis basis, int fiscal_year_start) {
  auto out = std::make_shared<Layout>();
  out->basis = basis;
  out->horizon = h;
  out->fiscal_year_start = fiscal_year_start;
  out->periods = periods_of(h, basis, fiscal_year_start);
  out->period_of.resize(h.months());
  out->months_left.resize(h.months());
  for (std::size_t p = 0; p < out->periods.size(); ++p)
    for (Month m = out->periods[p].first; m <= out->periods[p].last; ++m) {
      out->period_of[m - h.first] = static_cast<int>(p);
      out->months_left[m - h.first] = out->periods[p].last - m + 1;
    }
  return out;
}

namespace {

// round(value * k / 12), half away from zero, for 0 <= k <= 12: round_ratio
// with a constant divisor. floor((2m + 12) / 24) is m / 12 rounded half up,
// one division, which the compiler turns into a multiplication. An amount
// of 0 to 2^58 (every amount the fast paths give) takes one comparison.
[[gnu::noinline]] std::int64_t round_twelfths_signed(std::int64_t value, int k) {
  if (value <= -(std::int64_t{1} << 58) || value >= (std::int64_t{1} << 58))
    return round_ratio(value, k, 12);
  std::int64_t product = value * k;  // below 12 x 2^58 < 2^62 in size
  auto magnitude = static_cast<std::uint64_t>(product < 0 ? -product : product);
  auto quotient = static_cast<std::int64_t>((2 * magnitude + 12) / 24);
  return product < 0 ? -quotient : quotient;
}
inline std::int64_t round_twelfths(std::int64_t value, int k) {
  auto v = static_cast<std::uint64_t>(value);
  if (v >= (std::uint64_t{1} << 58)) return round_twelfths_signed(value, k);
  return static_cast<std::int64_t>((2 * v * static_cast<std::uint64_t>(k) + 12) / 24);
}

// The rounded share of `amount` for the first k months of its year (SPEC 3.1).
Money first_months(Money amount, Month year_start, int k, Apportion apportion) {
  if (k == 0) return Money{};
  if (k == 12) return amount;
  if (apportion == Apportion::months) return Money{round_twelfths(amount.pence, k)};
  return Money{
      round_ratio(amount.pence, days_into_year(year_start, k), days_into_year(year_start, 12))};
}

// The share of `amount` for months first..last of its year (months from
// its start): the share through `last` less the share before `first`.
Money months_share(Money amount, Month year_start, Month first, Month last, Apportion apportion) {
  return first_months(amount, year_start, last + 1 - year_start, apportion) -
         first_months(amount, year_start, first - year_start, apportion);
}

// The contract years k in [first, end) that lie wholly inside the horizon h,
// of `years` in all: h.first <= c.start + 12k and c.start + 12k + 11 <= h.last.
std::pair<int, int> years_inside(const Contract& c, int years, const Horizon& h) {
  int first = c.start >= h.first ? 0 : (h.first - c.start + 11) / 12;
  int end = h.last - 11 < c.start ? 0 : std::min(years, (h.last - 11 - c.start) / 12 + 1);
  return {first, end};
}

// Splits a yearly amount over its 12 months by cumulative rounding (SPEC 3.1)
// and adds the months first..last of it to the periods holding them, one
// run of months per period.
class Splitter {
 public:
  Splitter(const Layout& layout, Apportion apportion)
      : layout_(layout),
        apportion_(apportion),
        whole_years_(layout.basis != Basis::month && apportion == Apportion::months) {}

  // Whether whole years inside the horizon split as add_year() does.
  bool whole_years() const { return whole_years_; }
  // The share of `amount` for months first..last of its year.
  Money months_share(Money amount, Month year_start, Month first, Month last) const {
    return model::months_share(amount, year_start, first, last, apportion_);
  }
  // Whether the periods are financial years (the one a financial year inside the horizon fills).
  bool financial_years() const { return layout_.basis == Basis::financial_year; }
  // The period holding a month inside the horizon, and the months from it to
  // that period's end.
  std::pair<int, int> place(Month m) const {
    auto i = static_cast<std::size_t>(m - layout_.horizon.first);
    return {layout_.period_of[i], layout_.months_left[i]};
  }

  // add() of a whole year [year_start, year_start + 11]: the common case of
  // every contract year, kept short. A year inside the horizon meets at most
  // two periods of twelve months (whatever the basis but months), and its
  // first k months go to the first, round(amount * k / 12) of it.
  void add_year(Money amount, Month year_start, std::vector<Money>& out) const {
    const Horizon& h = layout_.horizon;
    if (!whole_years_ || year_start < h.first || year_start + 11 > h.last)
      return add(amount, year_start, year_start, year_start + 11, out);
    auto i = static_cast<std::size_t>(year_start - h.first);
    int p = layout_.period_of[i], k = layout_.months_left[i];
    if (k >= 12) {
      out[p] += amount;
      return;
    }
    Money head{round_twelfths(amount.pence, k)};
    out[p] += head;
    out[p + 1] += amount - head;
  }

  // Adds months [first, last] (clipped to the horizon) of the year starting at
  // `year_start` whose amount is `amount` into `out`, indexed by period.
  void add(Money amount, Month year_start, Month first, Month last, std::vector<Money>& out) const {
    const Horizon& h = layout_.horizon;
    if (layout_.basis != Basis::month && first == year_start && last == year_start + 11 &&
        first >= h.first && last <= h.last)
      return add_whole_year(amount, year_start, out);
    first = std::max(first, h.first);
    last = std::min(last, h.last);
    if (first > last) return;
    Money before = first_months(amount, year_start, first - year_start, apportion_);
    while (first <= last) {
      int period = layout_.period_of[first - h.first];
      Month run_last = std::min(last, layout_.periods[period].last);
      Money through = first_months(amount, year_start, run_last + 1 - year_start, apportion_);
      out[period] += through - before;
      before = through;
      first = run_last + 1;
    }
  }

 private:
  // A whole year inside the horizon meets at most two periods of twelve
  // months: the same sums as the general case, found without its search.
  void add_whole_year(Money amount, Month year_start, std::vector<Money>& out) const {
    std::size_t i = static_cast<std::size_t>(year_start - layout_.horizon.first);
    int p = layout_.period_of[i], k = layout_.months_left[i];
    if (k >= 12) {
      out[p] += amount;
      return;
    }
    Money head = first_months(amount, year_start, k, apportion_);
    out[p] += head;
    out[p + 1] += amount - head;
  }

  const Layout& layout_;
  Apportion apportion_;
  bool whole_years_;  // whole years split as add_year() does
};

// An amount out of range while computing `what` becomes an error naming it.
[[noreturn]] void out_of_range_in(const std::string& what, const std::out_of_range& e) {
  if (dynamic_cast<const LocatedAmountError*>(&e)) throw;
  throw LocatedAmountError(what + ": " + e.what());
}

void contract_costs_year_by_year(const Contract& c, const Splitter& split, const Horizon& h,
                                 std::vector<Money>& out) {
  Compounding value(c.annual, c.uplift);
  int k = 0;
  try {  // around the loop, not in it: the loop stays as tight as without it
    for (int years = c.years_taken(); k < years; ++k) {
      if (k > 0) value.step();
      Month year_start = c.start + 12 * k;
      if (year_start > h.last) break;
      if (year_start + 11 < h.first) continue;  // a contract already running
      split.add_year(value.value(), year_start, out);
    }
  } catch (const std::out_of_range& e) {
    Month year_start = c.start + 12 * k;
    out_of_range_in("contracts." + c.id + ": contract year " + std::to_string(k + 1) + " (" +
                        month_label(year_start) + " to " + month_label(year_start + 11) + ")",
                    e);
  }
}

// The contract years wholly inside the horizon, when they split as
// Splitter::add_year does, in one loop that knows where each goes: year k
// from `first` meets periods p0 + (k - first) and the next, its first m
// months in the former (twelve-month periods: the same m every year), so
// that no year looks its periods up or checks the horizon. The years at the
// horizon's edges go year by year. An amount out of range is found again
// year by year, which names the year.
void contract_costs(const Contract& c, const Splitter& split, const Horizon& h,
                    std::vector<Money>& out) {
  int years = c.years_taken();
  auto [first, end] = years_inside(c, years, h);
  if (!split.whole_years() || first >= end) return contract_costs_year_by_year(c, split, h, out);
  auto [p0, m] = split.place(c.start + 12 * first);
  try {
    Compounding value(c.annual, c.uplift);
    auto edges = [&](int from, int to) {  // years partly inside, or outside
      value.each(from, to, [&](int k, std::int64_t amount) {
        Month year_start = c.start + 12 * k;
        if (year_start <= h.last && year_start + 11 >= h.first)
          split.add_year(Money{amount}, year_start, out);
      });
    };
    if (first > 0) edges(0, first);
    Money* row = out.data() + p0;  // year k's first period: row[k - first]
    if (m >= 12)
      value.each(first, end,
                 [row, first](int k, std::int64_t amount) { row[k - first] += Money{amount}; });
    else
      value.each(first, end, [row, first, m = m](int k, std::int64_t amount) {
        Money head{round_twelfths(amount, m)};
        row[k - first] += head;
        row[k - first + 1] += Money{amount} - head;
      });
    if (end < years) edges(end, years);
  } catch (const std::out_of_range&) {
    std::vector<Money> scratch(out.size());
    contract_costs_year_by_year(c, split, h, scratch);  // throws, naming the year
    throw;
  }
}

// `stream` names the line in errors: a funding stream's id, or empty for the envelope.
void yearly_amounts_year_by_year(const YearlyAmount& a, std::optional<Month> from,
                                 std::optional<Month> until, const Splitter& split,
                                 const Horizon& h, int fys, std::string_view stream,
                                 std::vector<Money>& out) {
  int first_fy = financial_year_of(h.first, fys);
  int last_fy = financial_year_of(h.last, fys);
  Month active_first = from.value_or(h.first), active_last = until.value_or(h.last);
  Compounding compounded(a.annual, a.change);
  for (int fy = first_fy; fy <= last_fy; ++fy) {
    if (fy > first_fy) compounded.step();  // a year by_year names still counts a step
    Month year_start = financial_year_start(fy, fys);
    Month first = std::max(year_start, active_first);
    Month last = std::min(year_start + 11, active_last);
    if (first > last) continue;
    auto named = std::find_if(a.by_year.begin(), a.by_year.end(),
                              [fy](const auto& entry) { return entry.first == fy; });
    try {
      Money amount = named != a.by_year.end() ? named->second : compounded.value();
      split.add(amount, year_start, first, last, out);
    } catch (const std::out_of_range& e) {
      std::string name = stream.empty() ? "envelope" : "funding." + std::string(stream);
      out_of_range_in(name + ": financial year " + financial_year_label(fy, fys), e);
    }
  }
}

// The same, the years' amounts computed in runs (Compounding::each) when
// no year is named by_year: the years from/until and the horizon leave are
// one run. An amount out of range is found again year by year, which names
// the year.
void yearly_amounts(const YearlyAmount& a, std::optional<Month> from, std::optional<Month> until,
                    const Splitter& split, const Horizon& h, int fys, std::string_view stream,
                    std::vector<Money>& out) {
  if (!a.by_year.empty())
    return yearly_amounts_year_by_year(a, from, until, split, h, fys, stream, out);
  int first_fy = financial_year_of(h.first, fys);
  Month active_first = std::max(from.value_or(h.first), h.first);
  Month active_last = std::min(until.value_or(h.last), h.last);
  if (active_first > active_last) return;
  int low = financial_year_of(active_first, fys), high = financial_year_of(active_last, fys);
  try {
    Compounding compounded(a.annual, a.change);
    const int k_low = low - first_fy, k_high = high - first_fy;  // steps; each year 12 months on
    const Month low_start = financial_year_start(low, fys);
    auto start_of = [&](int k) { return low_start + 12 * (k - k_low); };
    // The years wholly active, [whole, end). On financial years, year k is
    // period k, and a year that from/until or the horizon cuts falls in it.
    int whole = start_of(k_low) >= active_first ? k_low : k_low + 1;
    int end = start_of(k_high) + 11 <= active_last ? k_high + 1 : k_high;
    bool financial_years = split.financial_years();
    compounded.each(k_low, k_high + 1, [&](int k, std::int64_t pence) {
      Money amount{pence};
      Month year_start = start_of(k);
      if (k >= whole && k < end) {
        if (financial_years)
          out[k] += amount;
        else
          split.add_year(amount, year_start, out);
        return;
      }
      Month first = std::max(year_start, active_first),
            last = std::min(year_start + 11, active_last);
      if (financial_years)
        out[k] += split.months_share(amount, year_start, first, last);
      else
        split.add(amount, year_start, first, last, out);
    });
  } catch (const std::out_of_range&) {
    std::vector<Money> scratch(out.size());
    yearly_amounts_year_by_year(a, from, until, split, h, fys, stream, scratch);  // names the year
    throw;
  }
}

// total[p] += row[p] for every period; a sum out of range names the line and period.
void add_row(std::vector<Money>& total, const std::vector<Money>& row, const Layout& layout,
             const char* line) {
  bool overflow = false;
  for (std::size_t p = 0; p < row.size(); ++p)
    overflow |= __builtin_add_overflow(total[p].pence, row[p].pence, &total[p].pence);
  if (!overflow) return;
  for (std::size_t p = 0; p < row.size(); ++p) {  // which period: the first that cannot hold
    std::int64_t before;
    if (__builtin_sub_overflow(total[p].pence, row[p].pence, &before) ||
        __builtin_add_overflow(before, row[p].pence, &before))
      try {
        throw_money_overflow();
      } catch (const std::out_of_range& e) {
        out_of_range_in(std::string(line) + " in " + layout.periods[p].label, e);
      }
  }
  throw_money_overflow();
}

// Shares a contract's cumulative cost between its streams (SPEC 3.4).
void attribute(const Contract& c, const std::vector<Money>& cost,
               std::vector<std::vector<Money>>& committed) {
  constexpr std::size_t kOnStack = 16;
  Money on_stack[kOnStack];
  std::vector<Money> spill;
  std::size_t n = c.funded_by.size();
  Money* before = n <= kOnStack ? on_stack : (spill.resize(n), spill.data());
  std::fill(before, before + n, Money{});
  // Before a contract's first cost and after its last, the cumulative cost
  // and so every stream's share of it stand still: nothing to attribute.
  std::size_t first = 0, end = cost.size();
  while (first < end && cost[first] == Money{})
    ++first;
  while (end > first && cost[end - 1] == Money{})
    --end;
  Money cumulative;
  for (std::size_t p = first; p < end; ++p) {
    cumulative += cost[p];
    Money given;
    for (std::size_t i = 0; i < n; ++i) {
      const Share& share = c.funded_by[i];
      bool last = i + 1 == n;
      Money now = last ? cumulative - given : Money{round_share(cumulative.pence, share.share)};
      given += now;
      committed[share.stream][p] += now - before[i];
      before[i] = now;
    }
  }
}

// Sets `rows` to `count` rows of `n` zeros, keeping the memory it has.
void zero_rows(std::vector<std::vector<Money>>& rows, std::size_t count, std::size_t n) {
  rows.resize(count);
  for (auto& row : rows)
    row.assign(n, Money{});
}

// Every contract's cost into out.cost and out.pooled: with `rows`, by way of
// each contract's own line; without, straight into the totals.
void contract_lines(const Scenario& s, const Splitter& split, Projection& out, bool rows) {
  const Layout& layout = *out.layout;
  std::size_t n = out.periods.size();
  out.cost.assign(n, Money{});
  out.pooled.assign(n, Money{});
  if (!rows) {
    for (const Contract& c : s.contracts)
      contract_costs(c, split, layout.horizon, c.funded_by.empty() ? out.pooled : out.cost);
    add_row(out.cost, out.pooled, layout, "total cost");
    return;
  }
  zero_rows(out.contract_cost, s.contracts.size(), n);
  for (std::size_t i = 0; i < s.contracts.size(); ++i) {
    const Contract& c = s.contracts[i];
    std::vector<Money>& cost = out.contract_cost[i];
    contract_costs(c, split, layout.horizon, cost);
    add_row(out.cost, cost, layout, "total cost");
    if (c.funded_by.empty()) add_row(out.pooled, cost, layout, "pooled cost");
  }
}

}  // namespace

void project(const Scenario& s, std::shared_ptr<const Layout> layout, Projection& out,
             Lines lines) {
  assert(layout->fiscal_year_start == s.fiscal_year_start);
  out.basis = layout->basis;
  out.horizon = layout->horizon;
  out.layout = std::move(layout);
  out.periods = out.layout->periods;
  Splitter split(*out.layout, s.apportion);
  bool rows = lines >= Lines::contracts;
  try {
    contract_lines(s, split, out, rows);
  } catch (const std::out_of_range&) {
    // A sum out of range: the contracts' lines say which contract, or which total.
    if (rows) throw;
    contract_lines(s, split, out, true);
  }
  if (lines == Lines::attributed) attribute_to_streams(s, out);
  if (lines >= Lines::totals) project_funding(s, out);
}

void project_funding(const Scenario& s, Projection& out) {
  const Layout& layout = *out.layout;
  const Horizon& h = layout.horizon;
  std::size_t n = out.periods.size();
  // Rows computed before over the same layout are kept while their inputs hold.
  bool same_layout =
      out.funding_layout == out.layout && out.stream_funding.size() == s.funding.size();
  out.funding_layout = out.layout;
  Splitter split(layout, s.apportion);
  out.funding.assign(n, Money{});
  out.funding_inputs.resize(s.funding.size() + 1);
  auto row = [&](std::size_t i, const YearlyAmount& amount, std::optional<Month> from,
                 std::optional<Month> until, std::vector<Money>& into) {
    Projection::FundingInputs& before = out.funding_inputs[i];
    if (same_layout && into.size() == n && before.amount == amount && before.from == from &&
        before.until == until && before.apportion == s.apportion)
      return;
    into.assign(n, Money{});
    yearly_amounts(amount, from, until, split, h, s.fiscal_year_start,
                   i < s.funding.size() ? std::string_view(s.funding[i].id) : std::string_view(),
                   into);
    before.amount = amount;  // assigning keeps the vectors' memory
    before.from = from, before.until = until, before.apportion = s.apportion;
  };
  out.stream_funding.resize(s.funding.size());
  for (std::size_t i = 0; i < s.funding.size(); ++i) {
    const FundingStream& f = s.funding[i];
    row(i, f.amount, f.from, f.until, out.stream_funding[i]);
    add_row(out.funding, out.stream_funding[i], layout, "total funding");
  }
  row(s.funding.size(), s.envelope, std::nullopt, std::nullopt, out.envelope);
}

Money horizon_cost(const Scenario& s, const Horizon& h) {
  Money total;
  for (const Contract& c : s.contracts) {
    int years = c.years_taken();
    Compounding value(c.annual, c.uplift);
    auto part = [&](int k, std::int64_t pence) {  // the months of year k inside the horizon
      Month year_start = c.start + 12 * k;
      Month first = std::max(year_start, h.first), last = std::min(year_start + 11, h.last);
      if (first > last) return;
      Money amount{pence};
      total += months_share(amount, year_start, first, last, s.apportion);
    };
    auto [first, end] = years_inside(c, years, h);  // each of these counts whole
    if (first >= end) {
      value.each(0, years, part);
      continue;
    }
    bool overflow = false;
    if (first == 0 && end == years) {  // every year inside (most contracts)
      total += Money{Compounding::total(c.annual, c.uplift, years, overflow)};
      if (overflow) throw_money_overflow();
      continue;
    }
    if (first > 0) value.each(0, first, part);
    std::int64_t inside = 0;
    value.each(first, end, [&](int, std::int64_t pence) {
      overflow |= __builtin_add_overflow(inside, pence, &inside);
    });
    if (overflow) throw_money_overflow();
    total += Money{inside};
    if (end < years) value.each(end, years, part);
  }
  return total;
}

void attribute_to_streams(const Scenario& s, Projection& out) {
  zero_rows(out.committed, s.funding.size(), out.periods.size());
  for (std::size_t i = 0; i < s.contracts.size(); ++i) {
    if (s.contracts[i].funded_by.empty()) continue;
    try {
      attribute(s.contracts[i], out.contract_cost[i], out.committed);
    } catch (const std::out_of_range& e) {
      out_of_range_in("contracts." + s.contracts[i].id + ": its cost shared between streams", e);
    }
  }
}

namespace {

std::vector<Money> difference(const std::vector<Money>& a, const std::vector<Money>& b) {
  std::vector<Money> out(a.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    out[i] = a[i] - b[i];
  return out;
}

}  // namespace

std::vector<Money> Projection::headroom_line() const {
  return difference(envelope, cost);
}

std::vector<Money> Projection::gap_line() const {
  return difference(funding, cost);
}

std::vector<Money> Projection::balance_line(std::size_t stream) const {
  return difference(stream_funding[stream], committed[stream]);
}

std::vector<Money> group_cost_line(const Scenario& s, const Projection& p,
                                   const std::string& group) {
  std::vector<Money> out(p.periods.size());
  for (std::size_t c = 0; c < s.contracts.size(); ++c)
    if (s.contracts[c].group == group)
      for (std::size_t i = 0; i < out.size(); ++i)
        out[i] += p.contract_cost[c][i];
  return out;
}

Projection project(const Scenario& s, const Horizon& h, Basis basis) {
  Projection out;
  project(s, make_layout(h, basis, s.fiscal_year_start), out);
  return out;
}

}  // namespace model
