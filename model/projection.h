// Projection of a scenario onto periods (SPEC 3): every amount is a sum of
// monthly pence, computed run by run with the cumulative-rounding split, so
// periods, lines and totals reconcile exactly.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "model/calendar.h"
#include "model/money.h"
#include "model/scenario.h"

namespace model {

// The periods of one horizon and basis, and the period holding each month:
// computed once and shared by every projection over that horizon.
struct Layout {
  Basis basis = Basis::financial_year;
  Horizon horizon;
  int fiscal_year_start = 4;
  std::vector<Period> periods;
  std::vector<int> period_of;  // [month - horizon.first]
};
std::shared_ptr<const Layout> make_layout(const Horizon& h, Basis basis, int fiscal_year_start);

// Amounts per period. Rows are indexed [period]; per-contract and per-stream
// vectors are indexed [contract][period] and [stream][period].
struct Projection {
  Basis basis = Basis::financial_year;
  Horizon horizon;
  std::shared_ptr<const Layout> layout;
  std::span<const Period> periods;  // layout->periods
  std::vector<std::vector<Money>> contract_cost;
  std::vector<std::vector<Money>> stream_funding;
  std::vector<std::vector<Money>> committed;  // cost attributed to each stream (SPEC 3.4)
  std::vector<Money> pooled;                  // cost of contracts with no funded_by
  std::vector<Money> cost, envelope, funding;

  Money headroom(std::size_t p) const { return envelope[p] - cost[p]; }
  Money gap(std::size_t p) const { return funding[p] - cost[p]; }

  // What each stream's row and the envelope (last) were computed from, so
  // that projecting into the same Projection again skips unchanged rows.
  struct FundingInputs {
    YearlyAmount amount;
    std::optional<Month> from, until;
    Apportion apportion = Apportion::months;
    bool operator==(const FundingInputs&) const = default;
  };
  std::vector<FundingInputs> funding_inputs;
};

// Precondition: the scenario satisfies the rules of model/scenario.h.
Projection project(const Scenario& s, const Horizon& h, Basis basis);
// The same into `out`, reusing its buffers: no allocation once `out` has held a
// projection of as many contracts, streams and periods. Without attribution,
// `committed` is left as it was (attribute_to_streams fills it later).
// Precondition as above, and layout->fiscal_year_start == s.fiscal_year_start.
void project(const Scenario& s, std::shared_ptr<const Layout> layout, Projection& out,
             bool with_attribution = true);
// Fills out.committed (SPEC 3.4) from a projection of `s` made without it.
void attribute_to_streams(const Scenario& s, Projection& out);

// Value of contract year k (0-based): round(annual * prod_{j=1..k}(1 + u_j)).
Money contract_year_value(const Contract& c, int k);
// Sum of contract_year_value over the first `years` contract years.
Money whole_life_value(const Contract& c, int years);

// Amount for financial year f (0-based from the horizon's first financial year).
Money yearly_amount(const YearlyAmount& a, int first_fy, int f);

}  // namespace model
