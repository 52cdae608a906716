#include "model/explain.h"

#include <gmpxx.h>

#include <algorithm>
#include <cstdio>

#include "model/exact.h"

namespace model {

namespace {

// An exact decimal: digits * 10^exponent.
struct Decimal {
  mpz_class digits;
  int exponent = 0;
};

Decimal decimal_of(double x) {
  ShortestDecimal d = shortest_decimal(x);
  Decimal out{mpz_class(std::to_string(d.digits)), d.exponent};
  if (d.negative) out.digits = -out.digits;
  return out;
}

Decimal one_plus(const Decimal& d) {
  if (d.exponent >= 0) {
    mpz_class scale;
    mpz_ui_pow_ui(scale.get_mpz_t(), 10, static_cast<unsigned long>(d.exponent));
    return {d.digits * scale + 1, 0};
  }
  mpz_class one;
  mpz_ui_pow_ui(one.get_mpz_t(), 10, static_cast<unsigned long>(-d.exponent));
  return {d.digits + one, d.exponent};
}

Decimal times(const Decimal& a, const Decimal& b) {
  return {a.digits * b.digits, a.exponent + b.exponent};
}

// The decimal as written out in full: "591071.0125".
std::string to_text(const Decimal& d) {
  mpz_class magnitude = abs(d.digits);
  std::string digits = magnitude.get_str();
  if (d.exponent >= 0) {
    digits += std::string(static_cast<std::size_t>(d.exponent), '0');
  } else {
    auto places = static_cast<std::size_t>(-d.exponent);
    if (digits.size() <= places) digits.insert(0, places - digits.size() + 1, '0');
    digits.insert(digits.size() - places, ".");
    while (digits.back() == '0')
      digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
  }
  return (d.digits < 0 ? "-" : "") + digits;
}

// A rate as its decimal, "0.025".
std::string rate_text(double r) {
  return to_text(decimal_of(r));
}

// "round(562,600.00 × (1 + 0.025)) = round(576665)": SPEC 3.2's compounding
// at `steps`, with the exact decimal product it rounds; "" at step 0 (the
// amount itself).
std::string compounded_formula(Money base, const RateSchedule& rates, int steps) {
  if (steps == 0) return "";
  Decimal product{mpz_class(std::to_string(base.pence)), -2};
  std::string factors = formula_amount(base);
  for (int j = 1; j <= steps; ++j) {
    double r = rates.at(j);
    product = times(product, one_plus(decimal_of(r)));
    factors += " × (1 + " + rate_text(r) + ")";
  }
  return "round(" + factors + ") = round(" + to_text(product) + ")";
}

std::string span(Month first, Month last) {
  return first == last ? month_label(first) : month_label(first) + " to " + month_label(last);
}

Explanation leaf(std::string label, Money m, std::string formula) {
  Explanation e;
  e.label = std::move(label);
  e.money = m;
  e.formula = std::move(formula);
  return e;
}

Explanation sum_of(std::string label, std::vector<Explanation> parts, std::string formula) {
  Explanation e;
  e.label = std::move(label);
  for (const Explanation& p : parts)
    e.money += p.money;
  e.parts = std::move(parts);
  e.formula = std::move(formula);
  return e;
}

// The same explanation subtracted: every value of the tree negated.
Explanation negated(Explanation e, const std::string& label) {
  e.money = Money{-e.money.pence};
  for (Explanation& p : e.parts) {
    std::string label = p.label;
    p = negated(std::move(p), label);
  }
  e.label = label;
  return e;
}

class Explainer {
 public:
  explicit Explainer(const Scenario& s)
      : s_(s),
        h_(*horizon_of(s)),
        fy_(periods_of(h_, Basis::financial_year, s.fiscal_year_start)) {}

  std::optional<Explanation> run(const MetricQuery& q);

 private:
  // The first k months (or their days) of a yearly amount, rounded (SPEC 3.1).
  Money cumulative(Money v, Month year_start, int k) const {
    if (k <= 0) return Money{};
    if (k >= 12) return v;
    if (s_.apportion == Apportion::months) return Money{round_ratio(v.pence, k, 12)};
    return Money{
        round_ratio(v.pence, days_into_year(year_start, k), days_into_year(year_start, 12))};
  }
  std::string split_formula(Money v, Month year_start, int a, int b) const;
  // Months [first, last] of the year starting at year_start, of amount v.
  Explanation months_of(std::string label, Money v, Month year_start, Month first, Month last,
                        std::string value_formula) const;

  std::string year_value_formula(const Contract& c, int k) const;
  Explanation contract_in(std::size_t c, const Period& p) const;
  std::string amount_formula(const YearlyAmount& a, int step, int fy) const;
  Explanation stream_in(const YearlyAmount& a, std::optional<Month> from,
                        std::optional<Month> until, const std::string& path, const Period& p) const;
  Explanation stream(int index, const Period& p) const;
  Explanation envelope(const Period& p) const;
  Explanation cost(const Period& p) const;
  Explanation funding(const Period& p) const;
  // Contract c's cost from the horizon's start through month `through`.
  Money cost_through(std::size_t c, Month through) const;
  Explanation committed(int stream, const Period& p) const;
  Explanation in_period(const MetricQuery& q, const Period& p) const;
  Explanation over_horizon(const MetricQuery& q) const;
  Explanation whole_life(const MetricQuery& q) const;
  Explanation whole_life_of(const Contract& c, WholeLife which) const;
  Explanation npv() const;
  Explanation over_years(const MetricQuery& q) const;

  const Scenario& s_;
  Horizon h_;
  std::vector<Period> fy_;
};

std::string Explainer::split_formula(Money v, Month year_start, int a, int b) const {
  std::string amount = formula_amount(v);
  if (s_.apportion == Apportion::months)
    return "round(" + amount + " × " + std::to_string(b) + "/12) − round(" + amount + " × " +
           std::to_string(a) + "/12)";
  long n = days_into_year(year_start, 12);
  return "round(" + amount + " × " + std::to_string(days_into_year(year_start, b)) + "/" +
         std::to_string(n) + ") − round(" + amount + " × " +
         std::to_string(days_into_year(year_start, a)) + "/" + std::to_string(n) +
         ") (elapsed days of the year's " + std::to_string(n) + ")";
}

Explanation Explainer::months_of(std::string label, Money v, Month year_start, Month first,
                                 Month last, std::string value_formula) const {
  int a = first - year_start, b = last - year_start + 1;
  Money amount = cumulative(v, year_start, b) - cumulative(v, year_start, a);
  label += " of £" + formula_amount(v);
  if (!value_formula.empty()) label += " = " + value_formula;
  std::string which = b - a == 12                       ? "all 12 months"
                      : s_.apportion == Apportion::days ? "the days of months " + span(first, last)
                                                        : "months " + span(first, last) + " are " +
                                                              std::to_string(b - a) + " of its 12";
  return leaf(std::move(label), amount,
              b - a == 12 ? which : which + ": " + split_formula(v, year_start, a, b));
}

std::string Explainer::year_value_formula(const Contract& c, int k) const {
  return compounded_formula(c.annual, c.uplift, k);
}

Explanation Explainer::contract_in(std::size_t index, const Period& p) const {
  const Contract& c = s_.contracts[index];
  std::vector<Explanation> years;
  for (int k = 0, n = c.years_taken(); k < n; ++k) {
    Month ys = c.start + 12 * k;
    Month first = std::max({p.first, ys, h_.first}), last = std::min({p.last, ys + 11, h_.last});
    if (first > last) continue;
    Money v = contract_year_value(c, k);
    Explanation year =
        months_of("contract year " + std::to_string(k + 1) + " (" + span(ys, ys + 11) + ")", v, ys,
                  first, last, year_value_formula(c, k));
    year.inputs = {"contracts." + c.id + ".annual"};
    if (k > 0) year.inputs.push_back("contracts." + c.id + ".uplift");
    years.push_back(std::move(year));
  }
  std::string how = years.empty() ? "no contract year of " + c.id + " falls in " + p.label
                                  : "the contract years that fall in " + p.label;
  return sum_of("cost." + c.id + "@" + p.label, std::move(years), how);
}

std::string Explainer::amount_formula(const YearlyAmount& a, int step, int fy) const {
  for (const auto& [year, amount] : a.by_year)
    if (year == fy) return "by_year";
  return compounded_formula(a.annual, a.change, step);
}

Explanation Explainer::stream_in(const YearlyAmount& a, std::optional<Month> from,
                                 std::optional<Month> until, const std::string& path,
                                 const Period& p) const {
  int fys = s_.fiscal_year_start;
  int first_fy = financial_year_of(h_.first, fys), last_fy = financial_year_of(h_.last, fys);
  Month active_first = from.value_or(h_.first), active_last = until.value_or(h_.last);
  std::vector<Explanation> years;
  Compounding compounded(a.annual, a.change);
  for (int fy = first_fy; fy <= last_fy; ++fy) {
    if (fy > first_fy) compounded.step();
    Month ys = financial_year_start(fy, fys);
    Month first = std::max({ys, active_first, h_.first, p.first});
    Month last = std::min({ys + 11, active_last, h_.last, p.last});
    if (first > last) continue;
    auto named = std::find_if(a.by_year.begin(), a.by_year.end(),
                              [fy](const auto& entry) { return entry.first == fy; });
    Money amount = named != a.by_year.end() ? named->second : compounded.value();
    Explanation year = months_of("financial year " + financial_year_label(fy, fys), amount, ys,
                                 first, last, amount_formula(a, fy - first_fy, fy));
    year.inputs = {named != a.by_year.end() ? path + ".by_year." + financial_year_label(fy, fys)
                                            : path + ".annual"};
    if (named == a.by_year.end() && fy > first_fy) year.inputs.push_back(path + ".change");
    years.push_back(std::move(year));
  }
  return sum_of(path + "@" + p.label, std::move(years),
                years.empty() ? "nothing of " + path + " falls in " + p.label
                              : "the financial years that fall in " + p.label);
}

Explanation Explainer::stream(int index, const Period& p) const {
  const FundingStream& f = s_.funding[static_cast<std::size_t>(index)];
  return stream_in(f.amount, f.from, f.until, "funding." + f.id, p);
}

Explanation Explainer::envelope(const Period& p) const {
  return stream_in(s_.envelope, std::nullopt, std::nullopt, "envelope", p);
}

Explanation Explainer::cost(const Period& p) const {
  std::vector<Explanation> parts;
  for (std::size_t c = 0; c < s_.contracts.size(); ++c)
    parts.push_back(contract_in(c, p));
  return sum_of("cost@" + p.label, std::move(parts), "the sum of every contract's cost");
}

Explanation Explainer::funding(const Period& p) const {
  std::vector<Explanation> parts;
  for (std::size_t f = 0; f < s_.funding.size(); ++f)
    parts.push_back(stream(static_cast<int>(f), p));
  return sum_of("funding@" + p.label, std::move(parts), "the sum of every stream's funding");
}

Money Explainer::cost_through(std::size_t c, Month through) const {
  if (through < h_.first) return Money{};
  return contract_in(c, Period{"", h_.first, through}).money;
}

// A stream's committed cost in a period (SPEC 3.4): for each contract it
// funds, its share of the contract's cumulative cost at the period's end
// less that at its start, each rounded; the last stream a contract names
// takes the rest.
Explanation Explainer::committed(int stream, const Period& p) const {
  const std::string& id = s_.funding[static_cast<std::size_t>(stream)].id;
  std::vector<Explanation> parts;
  for (std::size_t ci = 0; ci < s_.contracts.size(); ++ci) {
    const Contract& c = s_.contracts[ci];
    auto mine = std::find_if(c.funded_by.begin(), c.funded_by.end(),
                             [&](const Share& sh) { return sh.stream == stream; });
    if (mine == c.funded_by.end()) continue;
    Money before = cost_through(ci, p.first - 1), after = cost_through(ci, p.last);
    bool last = mine + 1 == c.funded_by.end();
    auto share_of = [&](Money cumulative) {
      if (!last) return Money{round_share(cumulative.pence, mine->share)};
      Money rest = cumulative;
      for (auto it = c.funded_by.begin(); it != mine; ++it)
        rest -= Money{round_share(cumulative.pence, it->share)};
      return rest;
    };
    std::string formula;
    if (!last) {
      std::string s = rate_text(mine->share);
      formula = "round(" + s + " × " + formula_amount(after) + ") − round(" + s + " × " +
                formula_amount(before) + ")";
    } else if (mine == c.funded_by.begin()) {
      formula = "the whole of it: " + formula_amount(after) + " − " + formula_amount(before);
    } else {
      formula = "the rest after the streams named before it: (" + formula_amount(after) +
                " − their shares) − (" + formula_amount(before) + " − their shares)";
    }
    formula += ", of " + c.id + "'s cost through the end of " + p.label + " (" +
               formula_amount(after) + ") and before it (" + formula_amount(before) + ")";
    Explanation e = leaf("share of " + c.id, share_of(after) - share_of(before), formula);
    e.inputs = {"contracts." + c.id + ".funded_by." + id};
    parts.push_back(std::move(e));
  }
  return sum_of("committed." + id + "@" + p.label, std::move(parts),
                "each contract's share of its cumulative cost, rounded cumulatively");
}

Explanation Explainer::in_period(const MetricQuery& q, const Period& p) const {
  switch (q.measure) {
    case Measure::cost:
      return cost(p);
    case Measure::contract_cost:
      return contract_in(static_cast<std::size_t>(q.index), p);
    case Measure::group_cost: {
      std::vector<Explanation> parts;
      for (std::size_t c = 0; c < s_.contracts.size(); ++c)
        if (s_.contracts[c].group == q.group) parts.push_back(contract_in(c, p));
      return sum_of("cost." + q.group + "@" + p.label, std::move(parts),
                    "the sum of the group's contracts");
    }
    case Measure::envelope:
      return envelope(p);
    case Measure::funding:
      return funding(p);
    case Measure::stream_funding:
      return stream(q.index, p);
    case Measure::committed:
      return committed(q.index, p);
    case Measure::balance: {
      const std::string& id = s_.funding[static_cast<std::size_t>(q.index)].id;
      return sum_of("balance." + id + "@" + p.label,
                    {stream(q.index, p), negated(committed(q.index, p), "less committed." + id)},
                    "funding less committed cost");
    }
    case Measure::headroom:
      return sum_of("headroom@" + p.label, {envelope(p), negated(cost(p), "less cost")},
                    "the envelope less cost");
    case Measure::gap:
      return sum_of("gap@" + p.label, {funding(p), negated(cost(p), "less cost")},
                    "funding less cost");
    default:
      return Explanation{};
  }
}

// A horizon total: its financial years.
Explanation Explainer::over_horizon(const MetricQuery& q) const {
  std::vector<Explanation> parts;
  for (const Period& p : fy_) {
    Explanation e = in_period(q, p);
    e.label = p.label;
    parts.push_back(std::move(e));
  }
  return sum_of(q.text, std::move(parts), "the sum of its financial years");
}

Explanation Explainer::whole_life_of(const Contract& c, WholeLife which) const {
  std::vector<Explanation> years;
  for (int k = 0, n = whole_life_years(c, which); k < n; ++k) {
    Money v = contract_year_value(c, k);
    Month ys = c.start + 12 * k;
    std::string how = year_value_formula(c, k);
    Explanation e = leaf("contract year " + std::to_string(k + 1) + " (" + span(ys, ys + 11) + ")",
                         v, how.empty() ? "the annual" : how);
    e.inputs = {"contracts." + c.id + ".annual"};
    if (k > 0) e.inputs.push_back("contracts." + c.id + ".uplift");
    years.push_back(std::move(e));
  }
  std::string which_years = which == WholeLife::base_term      ? "the base term"
                            : which == WholeLife::every_option ? "every extension taken"
                                                               : "the years taken";
  return sum_of(c.id, std::move(years),
                "each contract year's value over " + which_years + ", inside the horizon or not");
}

Explanation Explainer::whole_life(const MetricQuery& q) const {
  WholeLife which = q.measure == Measure::tcv_base  ? WholeLife::base_term
                    : q.measure == Measure::tcv_max ? WholeLife::every_option
                                                    : WholeLife::as_exercised;
  if (q.index >= 0) {
    Explanation e = whole_life_of(s_.contracts[static_cast<std::size_t>(q.index)], which);
    e.label = q.text;
    return e;
  }
  std::vector<Explanation> parts;
  for (const Contract& c : s_.contracts)
    parts.push_back(whole_life_of(c, which));
  return sum_of(q.text, std::move(parts), "the sum of every contract's");
}

// npv: each financial year's cost over (1 + r)^f, summed exactly and rounded
// once (SPEC 3.5). Each year is shown rounded to the penny; a last part
// carries what rounding once gives beyond the sum of those.
Explanation Explainer::npv() const {
  MetricQuery cost_query;
  std::vector<Explanation> parts;
  std::vector<Money> costs;
  Money rounded_parts;
  std::string r = rate_text(s_.discount_rate);
  for (std::size_t f = 0; f < fy_.size(); ++f) {
    Money c = cost(fy_[f]).money;
    costs.push_back(c);
    std::vector<Money> alone(f + 1);
    alone[f] = c;
    Money pv = present_value(alone, s_.discount_rate);
    rounded_parts += pv;
    Explanation e = leaf(
        fy_[f].label, pv,
        formula_amount(c) + " / (1 + " + r + ")^" + std::to_string(f) + ", rounded to the penny");
    e.inputs = {"assumptions.discount_rate"};
    parts.push_back(std::move(e));
  }
  Money total = present_value(costs, s_.discount_rate);
  if (total != rounded_parts)
    parts.push_back(leaf("rounding once", total - rounded_parts,
                         "the exact sum rounded once, less the years rounded one by one"));
  Explanation e = sum_of("npv", std::move(parts),
                         "Σ cost_f / (1 + " + r +
                             ")^f over financial years f = 0, 1, …, summed exactly, rounded once");
  return e;
}

// min_headroom, min_gap, shortfall_years: over the financial years.
Explanation Explainer::over_years(const MetricQuery& q) const {
  Explanation e;
  e.label = q.text;
  MetricQuery per;
  per.measure = q.measure == Measure::min_gap ? Measure::gap : Measure::headroom;
  bool found = false;
  for (const Period& p : fy_) {
    Explanation year = in_period(per, p);
    year.label = p.label;
    if (q.measure == Measure::shortfall_years) {
      e.count += year.money.pence < 0;
    } else if (!found || year.money < e.money) {
      e.money = year.money;
      found = true;
    }
    e.parts.push_back(std::move(year));
  }
  if (q.measure == Measure::shortfall_years) {
    e.is_count = true;
    e.combines = Explanation::Combines::count_below_zero;
    e.formula = "the financial years whose headroom is below zero";
  } else {
    e.combines = Explanation::Combines::minimum;
    e.formula = std::string("the lowest ") + (q.measure == Measure::min_gap ? "gap" : "headroom") +
                " of any financial year";
  }
  return e;
}

std::optional<Explanation> Explainer::run(const MetricQuery& q) {
  if (q.basis) {
    for (const Period& p : periods_of(h_, *q.basis, s_.fiscal_year_start))
      if (p.label == q.label) {
        Explanation e = in_period(q, p);
        e.label = q.text;
        return e;
      }
    return std::nullopt;
  }
  switch (q.measure) {
    case Measure::tcv:
    case Measure::tcv_base:
    case Measure::tcv_max:
      return whole_life(q);
    case Measure::npv:
      return npv();
    case Measure::min_headroom:
    case Measure::min_gap:
    case Measure::shortfall_years:
      return over_years(q);
    default:
      return over_horizon(q);
  }
}

}  // namespace

std::string formula_amount(Money m) {
  std::string text = to_display_string(m, true);
  if (auto pound = text.find("£"); pound != std::string::npos) text.erase(pound, 2);
  return text;
}

std::optional<Explanation> explain(const Scenario& s, const MetricQuery& q) {
  return Explainer(s).run(q);
}

}  // namespace model
