// A scenario with every number resolved: what the projection computes from.
// Built by scenarios/ after validation; the preconditions below hold there.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/calendar.h"
#include "model/money.h"

namespace model {

// Rates that apply at successive steps (anniversaries, financial years).
// Step i (1-based) uses rates[i-1]; steps past the end repeat the last rate;
// no rates means 0 at every step.
struct RateSchedule {
  std::vector<double> rates;
  double at(int step) const {
    if (rates.empty()) return 0.0;
    return rates[std::min<std::size_t>(step, rates.size()) - 1];
  }
  bool operator==(const RateSchedule&) const = default;
};

enum class Apportion { months, days };

// An amount per financial year: by_year where it names the year, else
// annual compounded by `change` (SPEC 3.3).
struct YearlyAmount {
  Money annual;
  RateSchedule change;
  std::vector<std::pair<int, Money>> by_year;  // financial year (starting calendar year) -> amount
  bool operator==(const YearlyAmount&) const = default;
};

struct FundingStream {
  std::string id, name;
  YearlyAmount amount;
  std::optional<Month> from, until;  // months outside count zero
};

struct Share {
  int stream = 0;  // index into Scenario::funding
  double share = 0;
};

struct Contract {
  std::string id, name, group;  // group may be empty
  Month start = 0;
  Money annual;  // value of contract year 1; > 0
  int term = 1;  // >= 1
  std::vector<int> extensions;
  int exercise = 0;  // 0..extensions.size()
  RateSchedule uplift;
  std::vector<Share> funded_by;  // empty: pooled; else shares sum to 1, in the order written

  int years_taken() const { return years_with(exercise); }
  int years_with(int extensions_taken) const;
};

struct Scenario {
  std::string name;
  std::optional<Month> start, end;  // horizon; defaults from the contracts
  int fiscal_year_start = 4;
  Apportion apportion = Apportion::months;
  double discount_rate = 0.035;
  YearlyAmount envelope;
  std::vector<FundingStream> funding;
  std::vector<Contract> contracts;
};

// The longest horizon a scenario may have: 100 years of months.
inline constexpr int kMaxHorizonMonths = 1200;

// The horizon: start (default the earliest contract start) to end (default the
// last month of the latest contract as exercised). nullopt when there is no
// contract and no explicit start and end, or when end precedes start.
std::optional<Horizon> horizon_of(const Scenario& s);

// SPEC 4: every what-if of a scenario is projected over the base scenario's
// horizon, so that its figures compare like with like. Sets the what-if's
// start and end to `base`'s, except one that the what-if sets itself.
inline void keep_horizon(Scenario& what_if, const Horizon& base, bool own_start = false,
                         bool own_end = false) {
  if (!own_start) what_if.start = base.first;
  if (!own_end) what_if.end = base.last;
}

// Why the scenario cannot be projected as it stands (an empty horizon, or one
// longer than kMaxHorizonMonths), or nullopt when it can: for scenarios changed
// after validation (what-if, Monte Carlo).
std::optional<std::string> horizon_problem(const Scenario& s);
// The same for a horizon already worked out (horizon_of(s)).
std::optional<std::string> horizon_problem(const std::optional<Horizon>& h);

}  // namespace model
