// The metrics of SPEC 3.5. A metric name is parsed once against a scenario
// (parse_metric) and then evaluated (Evaluation::value) as often as needed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/projection.h"
#include "model/scenario.h"

namespace model {

enum class Measure {
  cost,
  contract_cost,
  group_cost,
  envelope,
  funding,
  stream_funding,
  committed,
  balance,
  headroom,
  gap,
  min_headroom,
  min_gap,
  shortfall_years,
  npv,
  tcv,
  tcv_base,
  tcv_max
};

struct MetricQuery {
  std::string text;  // as written, e.g. "headroom@2020/21"
  Measure measure = Measure::cost;
  int index = -1;              // contract or stream, where the measure names one
  std::string group;           // for group_cost
  std::optional<Basis> basis;  // set when the metric names one period
  std::string label;
};

// A parsed metric, or an error message saying what is wrong with the name
// ("unknown contract 'x' (did you mean 'y'?)"). The period basis is inferred from
// the label's form: "2020/21" a financial year, "Y2" a contract year of the
// horizon, "2020-07" a month, "2020" a calendar year (a financial year when the
// financial year starts in January, where the two are the same).
std::variant<MetricQuery, std::string> parse_metric(std::string_view text, const Scenario& s);

// Every horizon-total metric name of the scenario, in a stable order.
std::vector<std::string> all_metric_names(const Scenario& s);

struct MetricValue {
  Money money;
  long count = 0;
  bool is_count = false;  // shortfall_years
};

// A scenario's projections, computed on first use per basis. The scenario must
// outlive the Evaluation. Precondition: horizon_of(s) has a value.
//
// One Evaluation can follow a scenario that changes (Monte Carlo, grids):
// after the scenario object is changed in place, refresh() forgets the
// projections but keeps their buffers and the layouts of horizons seen before,
// so evaluating again allocates nothing.
class Evaluation {
 public:
  explicit Evaluation(const Scenario& s);
  // The same, starting from a projection of `s` over financial years with
  // every line, made over make_layout(*horizon_of(s), Basis::financial_year,
  // s.fiscal_year_start) (as the warnings make one), which is then not made again.
  Evaluation(const Scenario& s, Projection financial_years);

  // Call after the scenario changed. Precondition: horizon_of(s) has a value.
  void refresh();
  // The same, given horizon_of(s).
  void refresh(const Horizon& h);

  const Horizon& horizon() const { return horizon_; }
  const Scenario& scenario() const { return scenario_; }
  const Projection& projection(Basis basis);
  // nullopt when the query's label names no period of the horizon. An amount
  // beyond 64-bit pence throws LocatedAmountError naming where it arose.
  std::optional<MetricValue> value(const MetricQuery& q);
  Money npv();

 private:
  Money period_value(const MetricQuery& q, const Projection& p, std::size_t period) const;
  std::optional<MetricValue> unnamed_value(const MetricQuery& q);
  std::shared_ptr<const Layout> layout(Basis basis);
  // The projection with at least `wanted` lines: metrics that do not use the
  // contracts' lines or the attribution (most) skip them.
  const Projection& lines(Basis basis, Lines wanted);
  static Lines lines_for(Measure m);

  // The horizon totals over financial years, worked out together in one
  // pass over the periods the first time one is asked for after refresh().
  // A figure out of 64-bit range throws only when it is asked for, as
  // computing it alone would.
  struct Checked {
    Money value;
    bool overflow = false;
    Money get() const {
      if (overflow) throw_money_overflow();
      return value;
    }
  };
  struct Totals {
    Checked cost, envelope, funding, min_headroom, min_gap;
    long shortfall_years = 0;  // valid unless min_headroom overflowed
  };
  const Totals& totals();
  // totals().cost: from the financial years' cost line once it is made, else
  // without a projection (horizon_cost).
  Money cost_total();

  static constexpr std::size_t kBases = 4;
  const Scenario& scenario_;
  Horizon horizon_;
  Projection projections_[kBases];
  std::optional<Lines> made_[kBases];  // the lines each projection holds, once made
  std::vector<std::shared_ptr<const Layout>> layouts_;  // most recent last
  std::optional<Totals> totals_;
};
}  // namespace model
