#include "scenarios/warnings.h"

#include <string>

#include "model/metrics.h"
#include "model/projection.h"
#include "scenarios/numbers.h"

namespace scenarios {

namespace {

std::string span(model::Month first, model::Month last) {
  return model::month_label(first) + " to " + model::month_label(last);
}

// Contracts whose every year, as exercised, falls outside the horizon.
void outside_horizon(const Node& tree, const model::Scenario& s, const model::Horizon& h,
                     Diagnostics& out) {
  const Node* contracts = tree.find("contracts");
  if (!contracts || contracts->entries.size() != s.contracts.size()) return;
  for (std::size_t i = 0; i < s.contracts.size(); ++i) {
    const model::Contract& c = s.contracts[i];
    model::Month last = c.start + 12 * c.years_taken() - 1;
    if (last >= h.first && c.start <= h.last) continue;
    const Entry& e = contracts->entries[i];
    out.add(e.key_mark, "contracts." + e.key,
            "warning: the contract runs " + span(c.start, last) + ", wholly outside the horizon (" +
                span(h.first, h.last) +
                "), so it costs nothing in any period; check its start and term, or "
                "scenario.start and scenario.end");
  }
}

// by_year years outside the horizon's financial years: amounts never used.
void by_year_outside(const Node& section, const std::string& path, const model::Horizon& h, int fys,
                     Diagnostics& out) {
  const Node* by_year = section.is_mapping() ? section.find("by_year") : nullptr;
  if (!by_year || !by_year->is_mapping()) return;
  int first = model::financial_year_of(h.first, fys), last = model::financial_year_of(h.last, fys);
  for (const Entry& e : by_year->entries) {
    auto fy = model::parse_financial_year_label(e.key, fys);
    if (!fy || (*fy >= first && *fy <= last)) continue;
    out.add(e.key_mark, path + ".by_year." + e.key,
            "warning: " + e.key + " is outside the horizon (" +
                model::financial_year_label(first, fys) + " to " +
                model::financial_year_label(last, fys) + "), so this amount is never used");
  }
}

// Streams that contracts draw on for more than they provide in a year.
void committed_beyond_funding(const Node& tree, const model::Scenario& s, const model::Horizon& h,
                              Diagnostics& out, std::optional<model::Projection>* keep) {
  const Node* funding = tree.find("funding");
  if (!funding || funding->entries.size() != s.funding.size()) return;
  model::Projection p = model::project(s, h, model::Basis::financial_year);
  for (std::size_t i = 0; i < s.funding.size(); ++i) {
    int years = 0;
    std::size_t worst = 0;
    model::Money deepest;
    for (std::size_t f = 0; f < p.periods.size(); ++f) {
      model::Money over = p.committed[i][f] - p.stream_funding[i][f];
      if (over <= model::Money{}) continue;
      if (++years == 1 || over > deepest) deepest = over, worst = f;
    }
    if (years == 0) continue;
    const Entry& e = funding->entries[i];
    out.add(e.key_mark, "funding." + e.key,
            "warning: committed beyond its funding in " + std::to_string(years) +
                (years == 1 ? " financial year" : " financial years") + ", the most in " +
                p.periods[worst].label + ": " +
                model::to_display_string(p.committed[i][worst], true) + " committed, " +
                model::to_display_string(p.stream_funding[i][worst], true) + " available (" +
                model::to_display_string(deepest, true) + " over)");
  }
  if (keep) *keep = std::move(p);
}

// A literal amount written to a fraction of a penny (`500000.005`): it has a
// reading (rounded half away from zero), but an amount in a contract or a
// budget is pounds and pence, so the extra digit is almost surely a slip.
void sub_penny(const Node& n, const std::string& path, Diagnostics& out) {
  if (!n.is_scalar()) return;
  std::string_view t = n.text;
  std::size_t point = t.find('.');
  if (point == std::string_view::npos || t.find_first_of("eE*/+()") != std::string_view::npos)
    return;
  std::string_view decimals = t.substr(point + 1), written = decimals;
  while (!decimals.empty() && decimals.back() == '0')
    decimals.remove_suffix(1);
  auto pence = parse_money(t);
  if (!pence) return;
  std::string taken = model::to_display_string(*pence, true);
  if (written.size() == 3 && point <= 3 && t.find(',') == std::string::npos) {
    // "580.000": a thousands point, as some countries write it?
    std::string thousands = std::string(t.substr(0, point)) + std::string(written);
    auto meant = parse_money(thousands);
    out.add(n.mark, path,
            "warning: " + std::string(t) + " is taken as " + taken +
                " (a point separates pence); if you meant " +
                (meant ? model::to_display_string(*meant, true) : thousands) + ", write " +
                thousands);
    return;
  }
  if (decimals.size() <= 2) return;
  out.add(n.mark, path,
          "warning: " + std::string(t) + " is a fraction of a penny; it is taken as " + taken +
              " (rounded half away from zero): give amounts in pounds and pence");
}

void sub_penny_amounts(const Node& tree, Diagnostics& out) {
  auto amounts = [&](const Node* section, const std::string& path) {
    if (!section || !section->is_mapping()) return;
    if (const Node* annual = section->find("annual")) sub_penny(*annual, path + ".annual", out);
    if (const Node* by_year = section->find("by_year"); by_year && by_year->is_mapping())
      for (const Entry& e : by_year->entries)
        sub_penny(e.value, path + ".by_year." + e.key, out);
  };
  amounts(tree.find("envelope"), "envelope");
  amounts(tree.find("defaults"), "defaults");
  for (const char* section : {"funding", "contracts"})
    if (const Node* list = tree.find(section); list && list->is_mapping())
      for (const Entry& e : list->entries)
        amounts(&e.value, std::string(section) + "." + e.key);
}

}  // namespace

Diagnostics scenario_warnings(const Node& tree, const model::Scenario& s,
                              std::optional<model::Projection>* financial_years) {
  Diagnostics out;
  auto h = model::horizon_of(s);
  if (!h || !tree.is_mapping()) return out;
  outside_horizon(tree, s, *h, out);
  sub_penny_amounts(tree, out);
  if (const Node* envelope = tree.find("envelope"))
    by_year_outside(*envelope, "envelope", *h, s.fiscal_year_start, out);
  if (const Node* funding = tree.find("funding"); funding && funding->is_mapping())
    for (const Entry& e : funding->entries)
      by_year_outside(e.value, "funding." + e.key, *h, s.fiscal_year_start, out);
  try {
    committed_beyond_funding(tree, s, *h, out, financial_years);
  } catch (const std::out_of_range&) {
    // An amount out of range is the projection's error to report, where it is asked for.
  }
  return out;
}

}  // namespace scenarios
