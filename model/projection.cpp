#include "model/projection.h"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace model {

int Contract::years_with(int extensions_taken) const {
  assert(extensions_taken >= 0 && extensions_taken <= static_cast<int>(extensions.size()));
  return term + std::accumulate(extensions.begin(), extensions.begin() + extensions_taken, 0);
}

std::optional<Horizon> horizon_of(const Scenario& s) {
  std::optional<Month> first = s.start, last = s.end;
  for (const Contract& c : s.contracts) {
    if (!s.start) first = first ? std::min(*first, c.start) : c.start;
    Month end = c.start + 12 * c.years_taken() - 1;
    if (!s.end) last = last ? std::max(*last, end) : end;
  }
  if (!first || !last || *last < *first) return std::nullopt;
  return Horizon{*first, *last};
}

namespace {

double compound(const RateSchedule& rates, int steps) {
  double product = 1.0;
  for (int j = 1; j <= steps; ++j)
    product *= 1.0 + rates.at(j);
  return product;
}

}  // namespace

Money contract_year_value(const Contract& c, int k) {
  if (k == 0) return c.annual;
  return round_to_pence(static_cast<double>(c.annual.pence) * compound(c.uplift, k));
}

Money whole_life_value(const Contract& c, int years) {
  Money total;
  for (int k = 0; k < years; ++k)
    total += contract_year_value(c, k);
  return total;
}

Money yearly_amount(const YearlyAmount& a, int first_fy, int f) {
  for (const auto& [fy, amount] : a.by_year)
    if (fy == first_fy + f) return amount;
  if (f == 0) return a.annual;
  return round_to_pence(static_cast<double>(a.annual.pence) * compound(a.change, f));
}

namespace {

// Splits a yearly amount over its 12 months by cumulative rounding (SPEC 3.1)
// and adds the months first..last of it to the periods holding them.
class Splitter {
 public:
  Splitter(const Horizon& h, const std::vector<Period>& periods, Apportion apportion)
      : horizon_(h), periods_(periods), apportion_(apportion), period_of_(h.months()) {
    for (std::size_t p = 0; p < periods.size(); ++p)
      for (Month m = periods[p].first; m <= periods[p].last; ++m)
        period_of_[m - h.first] = int(p);
  }

  // Adds months [first, last] (clipped to the horizon) of the year starting at
  // `year_start` whose amount is `amount` into `out`, indexed by period.
  void add(Money amount, Month year_start, Month first, Month last, std::vector<Money>& out) const {
    first = std::max(first, horizon_.first);
    last = std::min(last, horizon_.last);
    while (first <= last) {
      const Period& period = periods_[period_of_[first - horizon_.first]];
      Month run_last = std::min(last, period.last);
      out[period_of_[first - horizon_.first]] +=
          cumulative(amount, year_start, run_last + 1 - year_start) -
          cumulative(amount, year_start, first - year_start);
      first = run_last + 1;
    }
  }

 private:
  // The rounded share of `amount` for the first k months of its year.
  Money cumulative(Money amount, Month year_start, int k) const {
    if (apportion_ == Apportion::months) return Money{round_ratio(amount.pence, k, 12)};
    return Money{
        round_ratio(amount.pence, days_into_year(year_start, k), days_into_year(year_start, 12))};
  }

  Horizon horizon_;
  const std::vector<Period>& periods_;
  Apportion apportion_;
  std::vector<int> period_of_;
};

std::vector<Money> contract_costs(const Contract& c, const Splitter& split, const Horizon& h,
                                  std::size_t periods) {
  std::vector<Money> out(periods);
  for (int k = 0, years = c.years_taken(); k < years; ++k) {
    Month year_start = c.start + 12 * k;
    if (year_start > h.last) break;
    if (year_start + 11 < h.first) continue;
    split.add(contract_year_value(c, k), year_start, year_start, year_start + 11, out);
  }
  return out;
}

std::vector<Money> yearly_amounts(const YearlyAmount& a, std::optional<Month> from,
                                  std::optional<Month> until, const Splitter& split,
                                  const Horizon& h, int fys, std::size_t periods) {
  std::vector<Money> out(periods);
  int first_fy = financial_year_of(h.first, fys);
  int last_fy = financial_year_of(h.last, fys);
  Month active_first = from.value_or(h.first), active_last = until.value_or(h.last);
  for (int fy = first_fy; fy <= last_fy; ++fy) {
    Month year_start = financial_year_start(fy, fys);
    Month first = std::max(year_start, active_first);
    Month last = std::min(year_start + 11, active_last);
    if (first > last) continue;
    split.add(yearly_amount(a, first_fy, fy - first_fy), year_start, first, last, out);
  }
  return out;
}

// Shares a contract's cumulative cost between its streams (SPEC 3.4).
void attribute(const Contract& c, const std::vector<Money>& cost,
               std::vector<std::vector<Money>>& committed) {
  Money cumulative;
  std::vector<Money> before(c.funded_by.size());
  for (std::size_t p = 0; p < cost.size(); ++p) {
    cumulative += cost[p];
    Money given;
    for (std::size_t i = 0; i < c.funded_by.size(); ++i) {
      const Share& share = c.funded_by[i];
      bool last = i + 1 == c.funded_by.size();
      Money now = last ? cumulative - given
                       : round_to_pence(share.share * static_cast<double>(cumulative.pence));
      given += now;
      committed[share.stream][p] += now - before[i];
      before[i] = now;
    }
  }
}

}  // namespace

Projection project(const Scenario& s, const Horizon& h, Basis basis) {
  Projection out;
  out.basis = basis;
  out.horizon = h;
  out.periods = periods_of(h, basis, s.fiscal_year_start);
  std::size_t n = out.periods.size();
  Splitter split(h, out.periods, s.apportion);
  out.cost.assign(n, Money{});
  out.funding.assign(n, Money{});
  out.pooled.assign(n, Money{});
  out.committed.assign(s.funding.size(), std::vector<Money>(n));
  for (const Contract& c : s.contracts) {
    out.contract_cost.push_back(contract_costs(c, split, h, n));
    const std::vector<Money>& cost = out.contract_cost.back();
    for (std::size_t p = 0; p < n; ++p)
      out.cost[p] += cost[p];
    if (c.funded_by.empty())
      for (std::size_t p = 0; p < n; ++p)
        out.pooled[p] += cost[p];
    else
      attribute(c, cost, out.committed);
  }
  for (const FundingStream& f : s.funding) {
    out.stream_funding.push_back(
        yearly_amounts(f.amount, f.from, f.until, split, h, s.fiscal_year_start, n));
    for (std::size_t p = 0; p < n; ++p)
      out.funding[p] += out.stream_funding.back()[p];
  }
  out.envelope =
      yearly_amounts(s.envelope, std::nullopt, std::nullopt, split, h, s.fiscal_year_start, n);
  return out;
}

}  // namespace model
