// Projection of a scenario onto periods (SPEC 3): every amount is a sum of
// monthly pence, computed run by run with the cumulative-rounding split, so
// periods, lines and totals reconcile exactly.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "model/calendar.h"
#include "model/exact.h"
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
  std::vector<int> period_of;    // [month - horizon.first]
  std::vector<int> months_left;  // [month - horizon.first]: months from it to its period's end
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
  // The same for every period, and a stream's funding less its committed cost.
  std::vector<Money> headroom_line() const;
  std::vector<Money> gap_line() const;
  std::vector<Money> balance_line(std::size_t stream) const;

  // What each stream's row and the envelope (last) were computed from, so
  // that projecting into the same Projection again skips unchanged rows.
  struct FundingInputs {
    YearlyAmount amount;
    std::optional<Month> from, until;
    Apportion apportion = Apportion::months;
    bool operator==(const FundingInputs&) const = default;
  };
  std::vector<FundingInputs> funding_inputs;
  std::shared_ptr<const Layout> funding_layout;  // what those rows were projected over
};

// Which lines a projection fills: the total cost (and pooled); also the
// other totals (funding per stream, envelope); also each contract's cost;
// and also each stream's committed cost (SPEC 3.4), which needs the
// contracts' lines.
enum class Lines { cost, totals, contracts, attributed };

// Precondition: the scenario satisfies the rules of model/scenario.h.
Projection project(const Scenario& s, const Horizon& h, Basis basis);
// The same into `out`, reusing its buffers: no allocation once `out` has held a
// projection of as many contracts, streams and periods. The lines `lines`
// leaves out are left as they were.
// Precondition as above, and layout->fiscal_year_start == s.fiscal_year_start.
void project(const Scenario& s, std::shared_ptr<const Layout> layout, Projection& out,
             Lines lines = Lines::attributed);
// Fills the funding lines and the envelope (what Lines::totals adds to
// Lines::cost) of a projection of `s` over out.layout.
void project_funding(const Scenario& s, Projection& out);
// Fills out.committed (SPEC 3.4) from a projection of `s` with its contracts' lines.
void attribute_to_streams(const Scenario& s, Projection& out);
// The contracts' cost over the horizon h, in total: what the cost line of a
// projection over h adds up to on every basis, since the cumulative split
// telescopes (a year's months inside the horizon add up to the share of its
// months through the last inside less the share of those before), found
// without splitting the years wholly inside. Throws std::out_of_range
// (naming nothing) where an amount or the sum is out of range.
Money horizon_cost(const Scenario& s, const Horizon& h);
// The cost of the contracts in `group`, per period, from a projection with their lines.
std::vector<Money> group_cost_line(const Scenario& s, const Projection& p,
                                   const std::string& group);

// round_compounded_exactly(base, rates.rates, step): the slow path of
// Compounding's fast loop, kept out of it.
[[gnu::noinline, gnu::cold]] std::int64_t compounded_exactly(std::int64_t base,
                                                             const RateSchedule& rates, int step);

// The compounded amounts of SPEC 3.2 and 3.3, one step at a time: A_0 = base
// and A_k = round(base * prod_{j=1..k} (1 + r_j)), exact (model/exact.h), r_j
// the schedule's rate at step j. Only the steps whose value() is asked for
// are rounded. The schedule must outlive the Compounding.
class Compounding {
 public:
  Compounding(Money base, const RateSchedule& rates) : base_(base), rates_(rates) {}
  void step() {
    double rate = rates_.at(++step_);
    product_ *= 1.0 + rate;
    error_ += step_error(rate);
  }
  // Calls add(k, pence) for each step k from `from` to `to` - 1, in order,
  // with what value() after each step() gives. The running product stays in
  // locals, in a loop that calls nothing but `add` (inlined) and, for the
  // rare amount whose rounding double cannot tell, the exact rule.
  // Precondition: the current step is at most `from`. Afterwards it is
  // max(from, to - 1). Throws as value().
  template <typename Add>
  void each(int from, int to, Add&& add);
  // The amounts at steps 0 .. to - 1 of `base` compounded by `rates` (what
  // each(0, to) hands out) added up, without a Compounding; `overflow` is
  // set where the sum leaves 64 bits. Throws as value().
  static std::int64_t total(Money base, const RateSchedule& rates, int to, bool& overflow);
  // The amount at the current step (0 until the first step()). Throws
  // std::out_of_range beyond 64-bit pence.
  Money value() const {
    if (step_ == 0) return base_;
    double x = static_cast<double>(base_.pence) * product_;
    std::int64_t rounded;
    if (round_safely(x, std::fabs(x) * error_ * 1.01, rounded)) return Money{rounded};
    return exactly();
  }

 private:
  // The loop of each() and total(): add(k, pence) for k from `from` + 1 to
  // `to` - 1, the running product and its error bound (at step `from`) in
  // locals, updated to step `to` - 1.
  template <typename Add>
  static void steps(Money base, const RateSchedule& rates, int from, int to, double& product,
                    double& error, Add&& add);
  static constexpr double kStartError = 2 * kUnitRoundoff;  // the base's and the product's
  Money exactly() const;
  Money base_;
  const RateSchedule& rates_;
  int step_ = 0;
  double product_ = 1.0;        // prod (1 + r_j) in double, as the fast path has it
  double error_ = kStartError;  // its relative error bound, with the base and the product
};

template <typename Add>
void Compounding::steps(Money base_amount, const RateSchedule& schedule, int from, int to,
                        double& product, double& error, Add&& add) {
  const double base = static_cast<double>(base_amount.pence);
  const double* rates = schedule.rates.data();
  const auto n = static_cast<int>(schedule.rates.size());
  const double last_rate = n == 0 ? 0.0 : rates[n - 1];
  const double last_factor = 1.0 + last_rate, last_error = step_error(last_rate);
  auto at = [&](int k) {
    double x = base * product;
    std::int64_t amount;
    if (!round_safely(x, std::fabs(x) * error * 1.01, amount))
      amount = compounded_exactly(base_amount.pence, schedule, k);
    add(k, amount);
  };
  int k = from + 1;
  for (; k < to && k < n; ++k) {  // schedule.at(k) = rates[k - 1]
    product *= 1.0 + rates[k - 1];
    error += step_error(rates[k - 1]);
    at(k);
  }
  for (; k < to; ++k) {  // the last rate (or 0) from step n on: the same factor each step
    product *= last_factor;
    error += last_error;
    at(k);
  }
}

template <typename Add>
void Compounding::each(int from, int to, Add&& add) {
  while (step_ < from)
    step();
  if (from >= to) return;
  add(from, value().pence);
  double product = product_, error = error_;
  steps(base_, rates_, from, to, product, error, add);
  if (to - 1 > step_) product_ = product, error_ = error, step_ = to - 1;
}

inline std::int64_t Compounding::total(Money base, const RateSchedule& rates, int to,
                                       bool& overflow) {
  if (to <= 0) return 0;
  std::int64_t sum = base.pence;
  double product = 1.0, error = kStartError;
  steps(base, rates, 0, to, product, error,
        [&](int, std::int64_t pence) { overflow |= __builtin_add_overflow(sum, pence, &sum); });
  return sum;
}

// Value of contract year k (0-based): the contract's annual compounded by its uplifts.
Money contract_year_value(const Contract& c, int k);

// The years a whole-life value counts (SPEC 3.5: tcv_base, tcv, tcv_max), and
// the sum of every contract year's value over them, inside the horizon or not.
enum class WholeLife { base_term, as_exercised, every_option };
int whole_life_years(const Contract& c, WholeLife which);
Money whole_life_value(const Contract& c, WholeLife which);
// All three, each with its years, for the tables that show them side by side.
struct WholeLifeValues {
  struct Term {
    int years = 0;
    Money value;
  };
  Term base_term, as_exercised, every_option;
};
WholeLifeValues whole_life_values(const Contract& c);

}  // namespace model
