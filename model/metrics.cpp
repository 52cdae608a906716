#include "model/metrics.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "model/suggest.h"

namespace model {

namespace {

struct Named {
  std::string_view name;
  Measure measure;
};

// Measures that take no id.
constexpr Named kPlain[] = {
    {"cost", Measure::cost},         {"envelope", Measure::envelope},
    {"funding", Measure::funding},   {"headroom", Measure::headroom},
    {"gap", Measure::gap},           {"min_headroom", Measure::min_headroom},
    {"min_gap", Measure::min_gap},   {"shortfall_years", Measure::shortfall_years},
    {"npv", Measure::npv},           {"tcv", Measure::tcv},
    {"tcv_base", Measure::tcv_base}, {"tcv_max", Measure::tcv_max},
};

// Measures written NAME.ID, and whether the id is a contract (else a stream).
struct WithId {
  std::string_view prefix;
  Measure measure;
  bool contract;
};
constexpr WithId kWithId[] = {
    {"cost", Measure::contract_cost, true},      {"tcv", Measure::tcv, true},
    {"tcv_base", Measure::tcv_base, true},       {"tcv_max", Measure::tcv_max, true},
    {"funding", Measure::stream_funding, false}, {"committed", Measure::committed, false},
    {"balance", Measure::balance, false},
};

bool is_whole_horizon_only(Measure m) {
  return m == Measure::min_headroom || m == Measure::min_gap || m == Measure::shortfall_years ||
         m == Measure::npv || m == Measure::tcv || m == Measure::tcv_base || m == Measure::tcv_max;
}

std::vector<std::string> metric_vocabulary() {
  std::vector<std::string> out;
  for (const Named& n : kPlain)
    out.emplace_back(n.name);
  for (const WithId& w : kWithId)
    out.push_back(std::string(w.prefix) + ".ID");
  out.emplace_back("cost.group.NAME");
  return out;
}

std::optional<Basis> basis_of_label(std::string_view label, int fys) {
  auto all_digits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (label.size() == 7 && label[4] == '/') return Basis::financial_year;
  if (label.size() == 7 && label[4] == '-' && all_digits(label.substr(0, 4))) return Basis::month;
  if (label.size() >= 2 && label[0] == 'Y' && all_digits(label.substr(1)))
    return Basis::contract_year;
  if (label.size() == 4 && all_digits(label))
    return fys == 1 ? Basis::financial_year : Basis::calendar_year;
  return std::nullopt;
}

std::variant<int, std::string> find_id(std::string_view id, bool contract, const Scenario& s) {
  std::size_t count = contract ? s.contracts.size() : s.funding.size();
  auto id_at = [&](std::size_t i) -> const std::string& {
    return contract ? s.contracts[i].id : s.funding[i].id;
  };
  for (std::size_t i = 0; i < count; ++i)
    if (id_at(i) == id) return static_cast<int>(i);
  std::vector<std::string> ids;  // only to suggest a name
  for (std::size_t i = 0; i < count; ++i)
    ids.push_back(id_at(i));
  std::string out = std::string(contract ? "unknown contract '" : "unknown funding stream '") +
                    std::string(id) + "'";
  std::string hint = did_you_mean(id, ids);
  if (!hint.empty() || ids.empty() || ids.size() > 12) return out + hint;
  std::string list;
  for (const std::string& i : ids)
    list += (list.empty() ? "" : ", ") + i;
  return out + (contract ? "; the contracts are " : "; the streams are ") + list +
         (contract ? " (a group's cost is cost.group.NAME)" : "");
}

std::variant<MetricQuery, std::string> parse_name(std::string_view name, const Scenario& s) {
  MetricQuery q;
  for (const Named& n : kPlain)
    if (name == n.name) {
      q.measure = n.measure;
      return q;
    }
  if (name.starts_with("cost.group.")) {
    q.measure = Measure::group_cost;
    q.group = std::string(name.substr(11));
    std::vector<std::string> groups;
    for (const Contract& c : s.contracts)
      if (c.group == q.group)
        return q;
      else if (!c.group.empty())
        groups.push_back(c.group);
    return "unknown group '" + q.group + "'" + did_you_mean(q.group, groups);
  }
  std::size_t dot = name.rfind('.');
  while (dot != std::string_view::npos) {
    std::string_view prefix = name.substr(0, dot), id = name.substr(dot + 1);
    for (const WithId& w : kWithId)
      if (prefix == w.prefix) {
        auto found = find_id(id, w.contract, s);
        if (auto* error = std::get_if<std::string>(&found)) return *error;
        q.measure = w.measure;
        q.index = std::get<int>(found);
        return q;
      }
    dot = dot == 0 ? std::string_view::npos : name.rfind('.', dot - 1);
  }
  return "unknown metric '" + std::string(name) + "'" + did_you_mean(name, metric_vocabulary());
}

}  // namespace

std::variant<MetricQuery, std::string> parse_metric(std::string_view text, const Scenario& s) {
  // NAME@LABEL splits at the last @, when what follows is a period label:
  // a group's name may hold an @ of its own ("cost.group.Lots @ home").
  std::size_t at = text.rfind('@');
  if (at != std::string_view::npos && !basis_of_label(text.substr(at + 1), s.fiscal_year_start)) {
    bool whole = std::holds_alternative<MetricQuery>(parse_name(text, s));
    bool head = std::holds_alternative<MetricQuery>(parse_name(text.substr(0, at), s));
    if (whole || !head) at = std::string_view::npos;  // else a name with a label mistyped
  }
  auto parsed = parse_name(text.substr(0, at), s);
  if (auto* error = std::get_if<std::string>(&parsed)) return *error;
  MetricQuery q = std::get<MetricQuery>(std::move(parsed));
  q.text = std::string(text);
  if (at == std::string_view::npos) return q;
  q.label = std::string(text.substr(at + 1));
  if (is_whole_horizon_only(q.measure))
    return "metric '" + std::string(text.substr(0, at)) + "' has no value for one period";
  q.basis = basis_of_label(q.label, s.fiscal_year_start);
  if (q.basis == Basis::month) {
    int year = std::stoi(q.label.substr(0, 4)), month = std::stoi(q.label.substr(5));
    if (month < 1 || month > 12) {
      std::string fy = financial_year_label(year, s.fiscal_year_start);
      bool meant_fy = s.fiscal_year_start != 1 && (year + 1) % 100 == month;
      return "period '" + q.label + "' is not a month (2020-07)" +
             (meant_fy ? "; the financial year is written " + fy : std::string());
    }
  }
  if (!q.basis)
    return "period '" + q.label +
           "' is not a financial year (2020/21), contract year (Y2), calendar year (2020) or "
           "month (2020-07)";
  return q;
}

std::vector<std::string> all_metric_names(const Scenario& s) {
  std::vector<std::string> out = {"cost"};
  for (const Contract& c : s.contracts)
    out.push_back("cost." + c.id);
  std::vector<std::string> groups;
  for (const Contract& c : s.contracts)
    if (!c.group.empty() && std::find(groups.begin(), groups.end(), c.group) == groups.end())
      groups.push_back(c.group);
  for (const std::string& g : groups)
    out.push_back("cost.group." + g);
  out.insert(out.end(), {"envelope", "funding"});
  for (const FundingStream& f : s.funding)
    out.push_back("funding." + f.id);
  for (const FundingStream& f : s.funding)
    out.push_back("committed." + f.id);
  for (const FundingStream& f : s.funding)
    out.push_back("balance." + f.id);
  out.insert(out.end(), {"headroom", "gap", "min_headroom", "min_gap", "shortfall_years", "npv"});
  for (std::string_view tcv : {"tcv", "tcv_base", "tcv_max"}) {
    out.emplace_back(tcv);
    for (const Contract& c : s.contracts)
      out.push_back(std::string(tcv) + "." + c.id);
  }
  return out;
}

Evaluation::Evaluation(const Scenario& s) : scenario_(s) {
  refresh();
}

Evaluation::Evaluation(const Scenario& s, Projection financial_years) : scenario_(s) {
  refresh();
  const Projection& p = financial_years;
  assert(p.layout && p.basis == Basis::financial_year && p.layout->basis == p.basis &&
         p.layout->fiscal_year_start == s.fiscal_year_start && p.horizon.first == horizon_.first &&
         p.horizon.last == horizon_.last && p.committed.size() == s.funding.size());
  layouts_.push_back(p.layout);
  auto slot = static_cast<std::size_t>(Basis::financial_year);
  projections_[slot] = std::move(financial_years);
  made_[slot] = Lines::attributed;
}

void Evaluation::refresh() {
  auto h = horizon_of(scenario_);
  assert(h.has_value());
  refresh(*h);
}

void Evaluation::refresh(const Horizon& h) {
  horizon_ = h;
  std::fill(std::begin(made_), std::end(made_), std::nullopt);
  totals_.reset();
}

const Evaluation::Totals& Evaluation::totals() {
  if (totals_) return *totals_;
  const Projection& fy = lines(Basis::financial_year, Lines::totals);
  Totals t;
  auto add = [](Checked& total, Money m) {
    total.overflow |= __builtin_add_overflow(total.value.pence, m.pence, &total.value.pence);
  };
  auto lowest = [](Checked& low, Money a, Money b, std::size_t f) {  // min over f of a - b
    Money d;
    bool overflow = __builtin_sub_overflow(a.pence, b.pence, &d.pence);
    low.overflow |= overflow;
    if (!overflow) low.value = f == 0 ? d : std::min(low.value, d);
  };
  for (std::size_t f = 0; f < fy.periods.size(); ++f) {
    add(t.cost, fy.cost[f]);
    add(t.envelope, fy.envelope[f]);
    add(t.funding, fy.funding[f]);
    lowest(t.min_headroom, fy.envelope[f], fy.cost[f], f);
    lowest(t.min_gap, fy.funding[f], fy.cost[f], f);
    t.shortfall_years += fy.envelope[f] < fy.cost[f] ? 1 : 0;
  }
  return totals_.emplace(t);
}

Money Evaluation::cost_total() {
  if (totals_) return totals_->cost.get();
  if (!made_[static_cast<std::size_t>(Basis::financial_year)]) {  // alone, it needs no projection
    try {
      return horizon_cost(scenario_, horizon_);
    } catch (const std::out_of_range&) {
      // The projection says where an amount is out of range, or throws as a sum would.
    }
  }
  const Projection& fy = lines(Basis::financial_year, Lines::cost);
  Money total;
  for (Money m : fy.cost)
    total += m;
  return total;
}

std::shared_ptr<const Layout> Evaluation::layout(Basis basis) {
  for (const auto& l : layouts_)
    if (l->basis == basis && l->horizon.first == horizon_.first &&
        l->horizon.last == horizon_.last && l->fiscal_year_start == scenario_.fiscal_year_start)
      return l;
  constexpr std::size_t kKept = 64;  // horizons a run varies over are few
  if (layouts_.size() == kKept) layouts_.erase(layouts_.begin());
  layouts_.push_back(make_layout(horizon_, basis, scenario_.fiscal_year_start));
  return layouts_.back();
}

const Projection& Evaluation::projection(Basis basis) {
  return lines(basis, Lines::attributed);
}

const Projection& Evaluation::lines(Basis basis, Lines wanted) {
  auto slot = static_cast<std::size_t>(basis);
  Projection& p = projections_[slot];
  std::optional<Lines>& made = made_[slot];
  if (made && *made >= wanted) return p;
  if (made == Lines::contracts && wanted == Lines::attributed) {
    attribute_to_streams(scenario_, p);
  } else if (made == Lines::cost && wanted == Lines::totals) {
    project_funding(scenario_, p);
  } else {
    project(scenario_, layout(basis), p, wanted);
  }
  made = wanted;
  return p;
}

Lines Evaluation::lines_for(Measure m) {
  switch (m) {
    case Measure::committed:
    case Measure::balance:
      return Lines::attributed;
    case Measure::contract_cost:
    case Measure::group_cost:
      return Lines::contracts;
    default:
      return Lines::totals;
  }
}

Money Evaluation::period_value(const MetricQuery& q, const Projection& p,
                               std::size_t period) const {
  switch (q.measure) {
    case Measure::cost:
      return p.cost[period];
    case Measure::contract_cost:
      return p.contract_cost[q.index][period];
    case Measure::group_cost: {
      Money total;
      for (std::size_t c = 0; c < scenario_.contracts.size(); ++c)
        if (scenario_.contracts[c].group == q.group) total += p.contract_cost[c][period];
      return total;
    }
    case Measure::envelope:
      return p.envelope[period];
    case Measure::funding:
      return p.funding[period];
    case Measure::stream_funding:
      return p.stream_funding[q.index][period];
    case Measure::committed:
      return p.committed[q.index][period];
    case Measure::balance:
      return p.stream_funding[q.index][period] - p.committed[q.index][period];
    case Measure::headroom:
      return p.headroom(period);
    case Measure::gap:
      return p.gap(period);
    default:
      assert(false && "not a per-period measure");
      return Money{};
  }
}

Money Evaluation::npv() {
  const Projection& fy = lines(Basis::financial_year, Lines::cost);
  return present_value(fy.cost, scenario_.discount_rate);
}

namespace {

Money whole_life(const Scenario& s, const MetricQuery& q) {
  WholeLife which = q.measure == Measure::tcv_base  ? WholeLife::base_term
                    : q.measure == Measure::tcv_max ? WholeLife::every_option
                                                    : WholeLife::as_exercised;
  if (q.index >= 0) return whole_life_value(s.contracts[q.index], which);
  Money total;
  for (const Contract& c : s.contracts)
    total += whole_life_value(c, which);
  return total;
}

}  // namespace

std::optional<MetricValue> Evaluation::value(const MetricQuery& q) {
  try {
    return unnamed_value(q);
  } catch (const LocatedAmountError&) {
    throw;
  } catch (const std::out_of_range& e) {
    throw LocatedAmountError(q.text + ": " + e.what());
  }
}

std::optional<MetricValue> Evaluation::unnamed_value(const MetricQuery& q) {
  if (q.basis) {
    const Projection& p = lines(*q.basis, lines_for(q.measure));
    for (std::size_t i = 0; i < p.periods.size(); ++i)
      if (p.periods[i].label == q.label) return MetricValue{period_value(q, p, i)};
    return std::nullopt;
  }
  switch (q.measure) {
    case Measure::tcv:
    case Measure::tcv_base:
    case Measure::tcv_max:
      return MetricValue{whole_life(scenario_, q)};
    case Measure::npv:
      return MetricValue{npv()};
    // The common totals, all from one pass.
    case Measure::cost:
      return MetricValue{cost_total()};
    case Measure::envelope:
      return MetricValue{totals().envelope.get()};
    case Measure::funding:
      return MetricValue{totals().funding.get()};
    case Measure::headroom:
      return MetricValue{totals().envelope.get() - totals().cost.get()};
    case Measure::gap:
      return MetricValue{totals().funding.get() - totals().cost.get()};
    case Measure::min_headroom:
      return MetricValue{totals().min_headroom.get()};
    case Measure::min_gap:
      return MetricValue{totals().min_gap.get()};
    case Measure::shortfall_years:
      totals().min_headroom.get();  // a year's headroom out of range, as computing it would say
      return MetricValue{{}, totals().shortfall_years, true};
    default:
      break;
  }
  // A line's horizon total: a contract's, a group's, a stream's.
  const Projection& fy = lines(Basis::financial_year, lines_for(q.measure));
  MetricValue out;
  for (std::size_t f = 0; f < fy.periods.size(); ++f)
    out.money += period_value(q, fy, f);
  return out;
}

}  // namespace model
