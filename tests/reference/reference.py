#!/usr/bin/env python3
"""Independent reference implementation of the envelope calculation rules.

This module re-implements SPEC sections 3.1-3.5 in plain Python (standard
library only) so that the C++ `envelope` program can be checked to the penny
on randomly generated scenarios (see generate.py and crosscheck.py).

It does not read YAML.  It takes a *resolved* scenario: a JSON-able dict in
which every expression, default and money string has already been turned into
a number.  The shape is:

    {
      "start": "2019-07-01" | None,     # scenario.start (1st of a month);
                                        #   None: earliest contract start
      "end": "2028-06-30" | None,       # scenario.end (last day of a month);
                                        #   None: month before the latest
                                        #   contract end as exercised
      "fiscal_year_start": 4,           # 1..12
      "apportion": "months" | "days",
      "discount_rate": 0.035,           # float, used by npv
      "envelope": {
          "annual_pence": int,          # pence per financial year
          "change": float | [float],    # 0 when absent
          "by_year": {"2020/21": int},  # pence; {} when absent
      },
      "funding": [                      # ordered as written in the file
          {"id": str, "annual_pence": int, "change": float | [float],
           "by_year": {label: int}, "from": date | None, "until": date | None},
      ],
      "contracts": [                    # ordered as written in the file
          {"id": str, "group": str | None, "start": date,
           "annual_pence": int, "term": int, "extensions": [int],
           "exercise": int,             # already resolved ("all" -> len)
           "uplift": float | [float],
           "funded_by": [[stream_id, share_float], ...] | None},  # None: pooled
      ],
    }

Dates are ISO strings "YYYY-MM-DD".  `compute(scn)` returns a dict metric
name -> int: every horizon-total metric of SPEC 3.5 in pence (npv rounded to
pence half away from zero; shortfall_years a count), plus the per-period
metrics NAME@LABEL on the financial-year basis.

Conventions (all exact integer / Fraction arithmetic except where the SPEC
says a double is involved: compounding products, share * cumulative cost, and
npv discounting):

* A month is an integer index `year * 12 + (month - 1)`.
* round() is half away from zero, to whole pence.

Run `python3 reference.py --selftest` for the SPEC worked-example checks, or
`python3 reference.py scenario.json` to print the metrics of a resolved
scenario given as JSON.
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
from fractions import Fraction

__all__ = ["compute", "compute_full", "fy_label", "round_half_away"]

# ---------------------------------------------------------------------------
# Rounding and splitting
# ---------------------------------------------------------------------------


def round_div(num: int, den: int) -> int:
    """Return num/den rounded half away from zero (den > 0), exactly."""
    assert den > 0
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return q if num >= 0 else -q


def round_half_away(x: float | Fraction | int) -> int:
    """Round a number (a double taken at its exact binary value, a Fraction or
    an int) to the nearest integer, halves away from zero.

    For a double this is what C's round()/llround() do."""
    f = Fraction(x)
    return round_div(f.numerator, f.denominator)


def split_cumulative(value: int, cum_weights: list[int], total: int) -> list[int]:
    """Split `value` pence over len(cum_weights)-1 slots by cumulative rounding.

    cum_weights[i] is the weight elapsed before slot i (cum_weights[0] == 0,
    cum_weights[-1] == total).  Slot i gets
    round(value*cw[i+1]/total) - round(value*cw[i]/total)."""
    cum = [round_div(value * w, total) for w in cum_weights]
    return [cum[i + 1] - cum[i] for i in range(len(cum) - 1)]


# ---------------------------------------------------------------------------
# Months, dates and labels
# ---------------------------------------------------------------------------


def parse_date(text: str) -> _dt.date:
    """Parse an ISO date string."""
    return _dt.date.fromisoformat(text)


def month_index(d: _dt.date) -> int:
    """Month index of a date (the month it falls in)."""
    return d.year * 12 + d.month - 1


def month_first_day(m: int) -> _dt.date:
    """First day of month index m."""
    return _dt.date(m // 12, m % 12 + 1, 1)


def year_split_weights(first_month: int, apportion: str) -> tuple[list[int], int]:
    """Cumulative weights of a 12-month year starting at month index
    `first_month`: ([0, 1, ..., 12], 12) for months, or elapsed days
    ([D(0), ..., D(12)], N) for days."""
    if apportion == "months":
        return list(range(13)), 12
    start = month_first_day(first_month)
    days = [(month_first_day(first_month + i) - start).days for i in range(13)]
    return days, days[12]


def split_year(value: int, first_month: int, apportion: str) -> list[int]:
    """The 12 monthly amounts of a yearly `value` (pence) whose year starts at
    month index `first_month` (SPEC 3.1)."""
    weights, total = year_split_weights(first_month, apportion)
    return split_cumulative(value, weights, total)


def fy_label(fy_first_month: int, fiscal_year_start: int) -> str:
    """Label of the financial year starting at month index fy_first_month:
    '2019' when fiscal_year_start is 1, else '2019/20' (year it starts in,
    then the last two digits of the next year)."""
    y = fy_first_month // 12
    if fiscal_year_start == 1:
        return str(y)
    return f"{y}/{(y + 1) % 100:02d}"


# ---------------------------------------------------------------------------
# Compounding (uplift / change)
# ---------------------------------------------------------------------------


def rate_at(rates: float | list[float], i: int) -> float:
    """Rate applying at step i (i >= 1): a number applies at every step; list
    element i-1 applies at step i, missing later elements repeat the last
    (an empty list means 0)."""
    if isinstance(rates, list):
        if not rates:
            return 0.0
        return float(rates[min(i - 1, len(rates) - 1)])
    return float(rates)


def compounded_amounts(base_pence: int, rates: float | list[float], count: int) -> list[int]:
    """[round(base * prod_{j=1..k}(1 + r_j)) for k in 0..count-1]; the product
    is accumulated in double precision by successive multiplication, then
    multiplied by the base (pence) and rounded half away from zero."""
    out = []
    product = 1.0
    for k in range(count):
        if k > 0:
            product *= 1.0 + rate_at(rates, k)
        out.append(base_pence if k == 0 else round_half_away(float(base_pence) * product))
    return out


# ---------------------------------------------------------------------------
# Horizon
# ---------------------------------------------------------------------------


def contract_years(c: dict) -> int:
    """Years taken = term + first `exercise` extensions."""
    return c["term"] + sum(c["extensions"][: c["exercise"]])


def horizon(scn: dict) -> tuple[int, int]:
    """(first month index, last month index) of the horizon."""
    contracts = scn["contracts"]
    if scn.get("start"):
        h0 = month_index(parse_date(scn["start"]))
    else:
        h0 = min(month_index(parse_date(c["start"])) for c in contracts)
    if scn.get("end"):
        h1 = month_index(parse_date(scn["end"]))
    else:
        h1 = max(month_index(parse_date(c["start"])) + 12 * contract_years(c)
                 for c in contracts) - 1
    return h0, h1


# ---------------------------------------------------------------------------
# Projection
# ---------------------------------------------------------------------------


class Projection:
    """Monthly arrays over the horizon (index 0 = first horizon month)."""

    def __init__(self, h0: int, h1: int, fys: int):
        self.h0, self.h1, self.fys = h0, h1, fys
        self.n = h1 - h0 + 1
        # first month of financial year 0 (the one holding h0)
        self.fy0 = h0 - ((h0 % 12) - (fys - 1)) % 12
        self.nfy = (h1 - self.fy0) // 12 + 1

    def zeros(self) -> list[int]:
        return [0] * self.n

    def fy_of(self, i: int) -> int:
        """Financial-year index of horizon month i."""
        return (self.h0 + i - self.fy0) // 12

    def fy_first_month(self, f: int) -> int:
        return self.fy0 + 12 * f

    def labels(self) -> list[str]:
        return [fy_label(self.fy_first_month(f), self.fys) for f in range(self.nfy)]

    def by_fy(self, monthly: list[int]) -> list[int]:
        """Sum monthly amounts into financial years."""
        out = [0] * self.nfy
        for i, v in enumerate(monthly):
            out[self.fy_of(i)] += v
        return out


def project_contract(c: dict, p: Projection, apportion: str) -> tuple[list[int], dict]:
    """Monthly projected cost of a contract over the horizon, and its
    whole-life values {'tcv', 'tcv_base', 'tcv_max'} in pence."""
    years = contract_years(c)
    max_years = c["term"] + sum(c["extensions"])
    values = compounded_amounts(c["annual_pence"], c["uplift"], max(years, max_years))
    monthly = p.zeros()
    start = month_index(parse_date(c["start"]))
    for k in range(years):
        first = start + 12 * k
        if first > p.h1:
            break
        for m, amount in enumerate(split_year(values[k], first, apportion)):
            i = first + m - p.h0
            if 0 <= i < p.n:
                monthly[i] += amount
    tcv = {
        "tcv": sum(values[:years]),
        "tcv_base": sum(values[: c["term"]]),
        "tcv_max": sum(values[:max_years]),
    }
    return monthly, tcv


def project_stream(s: dict, p: Projection, apportion: str) -> list[int]:
    """Monthly amounts of a funding stream or the envelope over the horizon
    (SPEC 3.3).  `from`/`until` are optional keys."""
    monthly = p.zeros()
    lo = month_index(parse_date(s["from"])) if s.get("from") else None
    hi = month_index(parse_date(s["until"])) if s.get("until") else None
    amounts = compounded_amounts(s["annual_pence"], s.get("change", 0.0), p.nfy)
    by_year = s.get("by_year") or {}
    for f in range(p.nfy):
        first = p.fy_first_month(f)
        label = fy_label(first, p.fys)
        value = by_year[label] if label in by_year else amounts[f]
        for m, amount in enumerate(split_year(value, first, apportion)):
            month = first + m
            i = month - p.h0
            if not 0 <= i < p.n:
                continue
            if (lo is not None and month < lo) or (hi is not None and month > hi):
                continue
            monthly[i] += amount
    return monthly


def attribute(monthly_cost: list[int], funded_by: list) -> dict[str, list[int]]:
    """Split a contract's monthly cost between streams (SPEC 3.4): each stream
    but the last gets round(share * C(m)) of the cumulative cost C(m) (double
    product, rounded half away), the last gets the rest."""
    out = {sid: [0] * len(monthly_cost) for sid, _ in funded_by}
    prev = {sid: 0 for sid, _ in funded_by}
    cumulative = 0
    for i, cost in enumerate(monthly_cost):
        cumulative += cost
        given = 0
        for j, (sid, share) in enumerate(funded_by):
            if j < len(funded_by) - 1:
                cum_s = round_half_away(float(share) * float(cumulative))
                given += cum_s
            else:
                cum_s = cumulative - given
            out[sid][i] += cum_s - prev[sid]
            prev[sid] = cum_s
    return out


def add_into(total: list[int], part: list[int]) -> None:
    for i, v in enumerate(part):
        total[i] += v


# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------


def npv_pence(cost_fy: list[int], rate: float) -> tuple[int, bool]:
    """npv = sum_f cost_f(pounds) / (1+rate)^f, in double precision, rounded
    to pence.  Also returns True when the exact value is so close to a
    half-penny that a different (equally valid) order of double operations
    could round the other way."""
    total = 0.0
    base = 1.0 + rate
    exact = Fraction(0)
    for f, c in enumerate(cost_fy):
        total += (c / 100.0) / (base ** f)
        exact += Fraction(c, 100) / Fraction(base) ** f
    pence = round_half_away(total * 100.0)
    frac = (exact * 100) - int(exact * 100)
    ambiguous = abs(abs(frac) - Fraction(1, 2)) < Fraction(1, 10**4)
    return pence, ambiguous


def compute_full(scn: dict) -> tuple[dict[str, int], set[str]]:
    """Compute every metric; also return the set of metric names whose value
    sits on a floating-point rounding knife-edge (so +-1p is acceptable)."""
    apportion = scn.get("apportion", "months")
    h0, h1 = horizon(scn)
    p = Projection(h0, h1, scn.get("fiscal_year_start", 4))
    labels = p.labels()
    stream_ids = [s["id"] for s in scn.get("funding", [])]

    cost = p.zeros()
    cost_by_id: dict[str, list[int]] = {}
    cost_by_group: dict[str, list[int]] = {}
    committed = {sid: p.zeros() for sid in stream_ids}
    tcv: dict[str, int] = {"tcv": 0, "tcv_base": 0, "tcv_max": 0}
    metrics: dict[str, int] = {}

    for c in scn["contracts"]:
        monthly, values = project_contract(c, p, apportion)
        cost_by_id[c["id"]] = monthly
        add_into(cost, monthly)
        if c.get("group") is not None:
            add_into(cost_by_group.setdefault(c["group"], p.zeros()), monthly)
        for name, v in values.items():
            tcv[name] += v
            metrics[f"{name}.{c['id']}"] = v
        if c.get("funded_by"):
            for sid, part in attribute(monthly, c["funded_by"]).items():
                add_into(committed[sid], part)
    metrics.update(tcv)

    envelope = project_stream(scn["envelope"], p, apportion)
    funding_by_id = {s["id"]: project_stream(s, p, apportion) for s in scn.get("funding", [])}
    funding = p.zeros()
    for monthly in funding_by_id.values():
        add_into(funding, monthly)
    headroom = [e - c for e, c in zip(envelope, cost)]
    gap = [f - c for f, c in zip(funding, cost)]

    # Monthly series -> horizon totals and per-FY values.
    series: dict[str, list[int]] = {
        "cost": cost, "envelope": envelope, "funding": funding,
        "headroom": headroom, "gap": gap,
    }
    for cid, monthly in cost_by_id.items():
        series[f"cost.{cid}"] = monthly
    for group, monthly in cost_by_group.items():
        series[f"cost.group.{group}"] = monthly
    for sid in stream_ids:
        series[f"funding.{sid}"] = funding_by_id[sid]
        series[f"committed.{sid}"] = committed[sid]
        series[f"balance.{sid}"] = [a - b for a, b in zip(funding_by_id[sid], committed[sid])]
    for name, monthly in series.items():
        metrics[name] = sum(monthly)
        for label, v in zip(labels, p.by_fy(monthly)):
            metrics[f"{name}@{label}"] = v

    headroom_fy = p.by_fy(headroom)
    gap_fy = p.by_fy(gap)
    metrics["min_headroom"] = min(headroom_fy)
    metrics["min_gap"] = min(gap_fy)
    metrics["shortfall_years"] = sum(1 for v in headroom_fy if v < 0)
    npv, npv_ambiguous = npv_pence(p.by_fy(cost), scn.get("discount_rate", 0.035))
    metrics["npv"] = npv
    return metrics, ({"npv"} if npv_ambiguous else set())


def compute(scn: dict) -> dict[str, int]:
    """Every metric of the resolved scenario, in pence (see module docstring)."""
    return compute_full(scn)[0]


COUNT_METRICS = {"shortfall_years"}


# ---------------------------------------------------------------------------
# Self-test on the SPEC worked example
# ---------------------------------------------------------------------------


def spec_example(uplift: float = 0.0, apportion: str = "months") -> dict:
    """The SPEC 2.1 worked example, resolved."""
    def contract(cid, group, pounds, funded_by):
        return {"id": cid, "group": group, "start": "2019-07-01",
                "annual_pence": pounds * 100, "term": 5, "extensions": [2, 2],
                "exercise": 2, "uplift": uplift, "funded_by": funded_by}
    split = [["core", 0.6], ["public_health", 0.4]]
    return {
        "start": "2019-07-01", "end": None, "fiscal_year_start": 4,
        "apportion": apportion, "discount_rate": 0.035,
        "envelope": {"annual_pence": 134795500, "change": 0.0, "by_year": {}},
        "funding": [
            {"id": "core", "annual_pence": 69549000, "change": 0.0, "by_year": {},
             "from": None, "until": None},
            {"id": "public_health", "annual_pence": 65246500, "change": 0.0,
             "by_year": {}, "from": None, "until": None},
            {"id": "pcc", "annual_pence": 3585000, "change": 0.0, "by_year": {},
             "from": None, "until": "2019-06-30"},
        ],
        "contracts": [
            contract("da_victims", "Domestic abuse", 562600, split),
            contract("da_accommodation", "Domestic abuse", 417100, split),
            contract("da_perpetrator", "Domestic abuse", 179450, split),
            contract("sva_counselling", "Sexual violence and abuse", 188805,
                     [["public_health", 1.0]]),
        ],
    }


def selftest() -> int:
    """Check the SPEC sanity targets and a few unit rules; print a summary."""
    base = compute(spec_example())
    up = compute(spec_example(uplift=0.02))
    days = compute(spec_example(apportion="days"))
    checks = [
        ("cost", base["cost"], 1213159500),
        ("cost@2019/20", base["cost@2019/20"], 101096625),
        ("tcv_base", base["tcv_base"], 673977500),
        ("npv", base["npv"], 1052400807),
        ("uplift cost", up["cost"], 1314880019),
        ("uplift min_headroom", up["min_headroom"], -22364725),
        ("days cost.da_victims@2019/20", days["cost.da_victims@2019/20"], 42271858),
        ("pcc funding is zero", base["funding.pcc"], 0),
        ("committed sums to cost", sum(base[f"committed.{s}"] for s in
                                       ("core", "public_health", "pcc")), base["cost"]),
        ("9 months of 562600", sum(split_year(56260000, 0, "months")[:9]), 42195000),
        ("round half away +", round_div(5, 2), 3),
        ("round half away -", round_div(-5, 2), -3),
        ("fy label wrap", fy_label(2099 * 12 + 3, 4), "2099/00"),
        ("fy label jan", fy_label(2019 * 12, 1), "2019"),
        ("uplift list repeats last", compounded_amounts(10000, [0.1, 0.2], 4),
         [10000, 11000, 13200, 15840]),
        ("days split sums", sum(split_year(123457, 2019 * 12 + 6, "days")), 123457),
        ("npv not ambiguous", "npv" in compute_full(spec_example())[1], False),
    ]
    failed = 0
    for name, got, want in checks:
        if got != want:
            failed += 1
            print(f"FAIL {name}: got {got!r}, want {want!r}")
    print(f"selftest: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


def pounds(pence: int) -> str:
    """Format pence as pounds with two decimals, e.g. -223647.25."""
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def main(argv: list[str]) -> int:
    if argv[1:] == ["--selftest"]:
        return selftest()
    if len(argv) == 2:
        with open(argv[1], encoding="utf-8") as fh:
            metrics = compute(json.load(fh))
        for name, v in metrics.items():
            print(f"{name}\t{v if name in COUNT_METRICS else pounds(v)}")
        return 0
    print("usage: reference.py --selftest | reference.py RESOLVED.json", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
