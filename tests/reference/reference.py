#!/usr/bin/env python3
"""Independent reference implementation of the envelope calculation rules.

This module re-implements SPEC sections 3.1-3.5 in plain Python (standard
library only) so that the C++ `envelope` program can be checked to the penny
on randomly generated scenarios (see generate.py and crosscheck.py).

It is independent of the program in its arithmetic too: every amount is an
exact rational (fractions.Fraction or Python's unbounded integers), and the
only place a double appears is on the way in, where SPEC 3.1 says a number
"enters the calculation as the shortest decimal that reads back as the same
double".  Python's repr(float) is exactly that shortest round-trip decimal
(Python's own algorithm, not the C++ program's), so a number enters as
`Fraction(repr(x))`.  No floating-point product, sum or quotient is ever
formed, so no operation order can decide a half penny.

It does not read YAML.  It takes a *resolved* scenario: a JSON-able dict in
which every default has been filled in and every number is the double the
program holds after reading its text (a literal as strtod reads it, `2.5%` as
the double nearest 2.5/100, an expression as its double result).  The shape:

    {
      "start": "2019-07-01" | None,     # scenario.start (1st of a month);
                                        #   None: earliest contract start
      "end": "2028-06-30" | None,       # scenario.end (last day of a month);
                                        #   None: end of the contract that ends
                                        #   last with every extension taken
      "fiscal_year_start": 4,           # 1..12
      "apportion": "months" | "days",
      "discount_rate": 0.035,           # double, used by npv
      "envelope": {
          "annual": float,              # pounds per financial year (a double)
          "change": float | [float],    # 0 when absent
          "by_year": {"2020/21": float},  # pounds; {} when absent
      },
      "funding": [                      # ordered as written in the file
          {"id": str, "annual": float, "change": float | [float],
           "by_year": {label: float}, "from": date | None, "until": date | None},
      ],
      "contracts": [                    # ordered as written in the file
          {"id": str, "group": str | None, "start": date,   # may be before
           "annual": float,             #   scenario.start (already running)
           "term": int, "extensions": [int],
           "exercise": int,             # already resolved ("all" -> len)
           "uplift": float | [float],
           "funded_by": [[stream_id, share], ...] | None},  # None: pooled
      ],
    }

Dates are ISO strings "YYYY-MM-DD".  `compute(scn)` returns a dict metric
name -> int: every horizon-total metric of SPEC 3.5 in pence (shortfall_years
a count), plus NAME@LABEL per financial year (and, with months=True, per
month, labelled "2020-07").  `compute_full(scn)` also returns a Tally: how
many roundings of each kind there were and how many of them were exact
half-penny ties.

Conventions:

* A month is an integer index `year * 12 + (month - 1)`.
* round() is half away from zero, to whole pence, on an exact rational.

Run `python3 reference.py --selftest` for the worked examples (SPEC 2.1 and
the half-penny ties of SPEC 3.1, each worked out by hand in a comment), or
`python3 reference.py scenario.json` to print the metrics of a resolved
scenario given as JSON.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import sys
from collections import Counter
from fractions import Fraction

__all__ = ["compute", "compute_full", "enter", "pence_of_pounds", "double_of_text",
           "fy_label", "round_half_away", "Tally", "COUNT_METRICS"]

# ---------------------------------------------------------------------------
# Rounding
# ---------------------------------------------------------------------------


def round_div(num: int, den: int) -> int:
    """Return num/den rounded half away from zero (den > 0), exactly."""
    assert den > 0
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return q if num >= 0 else -q


def is_half(num: int, den: int) -> bool:
    """True when num/den is exactly an integer plus one half (a tie)."""
    return (2 * abs(num)) % (2 * den) == den


def round_half_away(x: Fraction | int) -> int:
    """Round an exact rational (Fraction or int) to the nearest integer,
    halves away from zero.  Floats are refused: a double must first *enter*
    (see enter()), it is never rounded at its binary value."""
    if isinstance(x, float):
        raise TypeError("round_half_away takes an exact number; enter() a double first")
    f = Fraction(x)
    return round_div(f.numerator, f.denominator)


class Tally:
    """Counts the roundings to whole pence by kind, and how many of them were
    exact half-penny ties (where half away from zero decides the penny).

    Kinds: "money" (pounds -> pence), "contract year" (V_k, k >= 1),
    "stream year" (A_f, f >= 1, funding and envelope), "share" (attribution),
    "npv", and "split" (monthly splits: integer arithmetic in any
    implementation, counted separately)."""

    DECIMAL_KINDS = ("money", "contract year", "stream year", "share", "npv")

    def __init__(self) -> None:
        self.roundings: Counter = Counter()
        self.ties: Counter = Counter()

    def round(self, num: int, den: int, kind: str) -> int:
        """round(num/den) half away from zero, counted under `kind`."""
        self.roundings[kind] += 1
        if is_half(num, den):
            self.ties[kind] += 1
        return round_div(num, den)

    def round_fraction(self, x: Fraction, kind: str) -> int:
        return self.round(x.numerator, x.denominator, kind)

    def add(self, other: "Tally") -> None:
        self.roundings.update(other.roundings)
        self.ties.update(other.ties)

    def decimal_ties(self) -> int:
        """Ties where binary floating point could have decided the penny."""
        return sum(self.ties[k] for k in self.DECIMAL_KINDS)

    def summary(self) -> str:
        parts = [f"{k} {self.ties[k]}/{self.roundings[k]}"
                 for k in self.DECIMAL_KINDS + ("split",) if self.roundings[k]]
        return ", ".join(parts)


# ---------------------------------------------------------------------------
# How a number enters the calculation (SPEC 3.1)
# ---------------------------------------------------------------------------


def enter(x: float | int | Fraction) -> Fraction:
    """A number of the scenario as the calculation uses it: the shortest
    decimal that reads back as the same double.

    Python's repr() of a float is the shortest decimal string that round-trips
    (Python's own correctly rounded shortest-repr algorithm), so this is
    Fraction(repr(x)).  An int is taken as the double it would be read as (an
    integer literal is a double too).  A Fraction is already exact."""
    if isinstance(x, Fraction):
        return x
    return Fraction(repr(float(x)))


def pence_of_pounds(pounds: float, tally: Tally | None = None) -> int:
    """Money given in pounds (a double) as whole pence: round(decimal * 100),
    half away from zero, the decimal being the one the double enters as
    (SPEC 3.2/3.3 `round(annual)`): 1234.565 is 123456.5p, so 123457p."""
    x = enter(pounds) * 100
    if tally is None:
        return round_half_away(x)
    return tally.round_fraction(x, "money")


_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)?(\.\d*)?([eE][+-]?\d+)?$")


def double_of_text(text: str) -> float:
    """The double a number written in a scenario is read as (SPEC 2.1):
    plain (`0.025`, `1.5e6`), finance style (`"£1,347,955.50"`), or a rate
    `N%`, which is the double nearest to N/100 (so `2.5%` is the same double
    as `0.025`).  Used by the generator to know what it wrote."""
    s = text.strip()
    percent = s.endswith("%")
    if percent:
        s = s[:-1].strip()
    sign = ""
    if s[:1] in "+-":
        sign, s = s[0], s[1:]
    if s.startswith("£"):
        s = s[1:]
    if not _NUMBER.match(s) or not any(ch.isdigit() for ch in s):
        raise ValueError(f"not a number: {text!r}")
    exact = Fraction(sign + s.replace(",", ""))
    # The nearest double to the exact value: float() of a Fraction divides
    # two integers, which Python rounds correctly.
    return float(exact / 100) if percent else float(exact)


# ---------------------------------------------------------------------------
# Splitting a yearly amount over its months (SPEC 3.1) -- integer arithmetic
# ---------------------------------------------------------------------------


def split_cumulative(value: int, cum_weights: list[int], total: int,
                     tally: Tally | None = None) -> list[int]:
    """Split `value` pence over len(cum_weights)-1 slots by cumulative rounding.

    cum_weights[i] is the weight elapsed before slot i (cum_weights[0] == 0,
    cum_weights[-1] == total).  Slot i gets
    round(value*cw[i+1]/total) - round(value*cw[i]/total)."""
    if tally is None:
        cum = [round_div(value * w, total) for w in cum_weights]
    else:
        cum = [tally.round(value * w, total, "split") for w in cum_weights]
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


def month_label(m: int) -> str:
    """Label of month index m on the month basis: '2020-07'."""
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def year_split_weights(first_month: int, apportion: str) -> tuple[list[int], int]:
    """Cumulative weights of a 12-month year starting at month index
    `first_month`: ([0, 1, ..., 12], 12) for months, or elapsed days
    ([D(0), ..., D(12)], N) for days, N the days in that 12-month year (a
    contract year for a contract, a financial year for funding and envelope)."""
    if apportion == "months":
        return list(range(13)), 12
    start = month_first_day(first_month)
    days = [(month_first_day(first_month + i) - start).days for i in range(13)]
    return days, days[12]


def split_year(value: int, first_month: int, apportion: str,
               tally: Tally | None = None) -> list[int]:
    """The 12 monthly amounts of a yearly `value` (pence) whose year starts at
    month index `first_month` (SPEC 3.1)."""
    weights, total = year_split_weights(first_month, apportion)
    return split_cumulative(value, weights, total, tally)


def fy_label(fy_first_month: int, fiscal_year_start: int) -> str:
    """Label of the financial year starting at month index fy_first_month:
    '2019' when fiscal_year_start is 1, else '2019/20' (year it starts in,
    then the last two digits of the next year)."""
    y = fy_first_month // 12
    if fiscal_year_start == 1:
        return str(y)
    return f"{y}/{(y + 1) % 100:02d}"


# ---------------------------------------------------------------------------
# Compounding (uplift / change), exact (SPEC 3.2, 3.3)
# ---------------------------------------------------------------------------


def rate_at(rates: float | list[float], i: int) -> float:
    """Rate applying at step i (i >= 1): a number applies at every step; list
    element i-1 applies at step i, missing later elements repeat the last
    (an empty list means 0)."""
    if isinstance(rates, list):
        if not rates:
            return 0.0
        return rates[min(i - 1, len(rates) - 1)]
    return rates


def growth_factors(rates: float | list[float], count: int) -> list[Fraction]:
    """[prod_{j=1..k} (1 + r_j) for k in 0..count-1], each rate entering as
    its shortest decimal, the product exact."""
    out, product = [], Fraction(1)
    for k in range(count):
        if k > 0:
            product *= 1 + enter(rate_at(rates, k))
        out.append(product)
    return out


def compounded_amounts(base_pence: int, rates: float | list[float], count: int,
                       tally: Tally | None = None, kind: str = "contract year") -> list[int]:
    """[round(base * prod_{j=1..k}(1 + r_j)) for k in 0..count-1], exactly:
    base 24157100p at 2.5% is 24760527.5p in year 1, so 24760528p."""
    tally = tally or Tally()
    out = []
    for k, factor in enumerate(growth_factors(rates, count)):
        if k == 0:
            out.append(base_pence)
        else:
            x = base_pence * factor
            out.append(tally.round(x.numerator, x.denominator, kind))
    return out


# ---------------------------------------------------------------------------
# Horizon
# ---------------------------------------------------------------------------


def contract_years(c: dict) -> int:
    """Years taken = term + first `exercise` extensions."""
    return c["term"] + sum(c["extensions"][: c["exercise"]])


def contract_max_years(c: dict) -> int:
    """Years with every extension taken."""
    return c["term"] + sum(c["extensions"])


def horizon(scn: dict) -> tuple[int, int]:
    """(first month index, last month index) of the horizon.

    Default start: the earliest contract start.  Default end (SPEC 2.1, new):
    the end of the last contract *with every extension taken*, whatever
    `exercise` says, so that a what-if taking fewer extensions is compared
    over the same years."""
    contracts = scn["contracts"]
    if scn.get("start"):
        h0 = month_index(parse_date(scn["start"]))
    else:
        h0 = min(month_index(parse_date(c["start"])) for c in contracts)
    if scn.get("end"):
        h1 = month_index(parse_date(scn["end"]))
    else:
        h1 = max(month_index(parse_date(c["start"])) + 12 * contract_max_years(c)
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


def project_contract(c: dict, p: Projection, apportion: str,
                     tally: Tally) -> tuple[list[int], dict]:
    """Monthly projected cost of a contract over the horizon, and its
    whole-life values {'tcv', 'tcv_base', 'tcv_max'} in pence.

    Contract years and uplifts count from the contract's own start, also for a
    contract that started before the horizon (already running): its months
    before the horizon are simply not projected, and tcv still counts every
    contract year (SPEC 2.1 scenario.start, 3.5)."""
    years = contract_years(c)
    max_years = contract_max_years(c)
    base = pence_of_pounds(c["annual"], tally)                   # V_0 = round(annual)
    values = compounded_amounts(base, c["uplift"], max_years, tally, "contract year")
    monthly = p.zeros()
    start = month_index(parse_date(c["start"]))
    for k in range(years):
        first = start + 12 * k
        if first > p.h1:
            break
        if first + 11 < p.h0:
            continue                                             # wholly before the horizon
        for m, amount in enumerate(split_year(values[k], first, apportion, tally)):
            i = first + m - p.h0
            if 0 <= i < p.n:
                monthly[i] += amount
    tcv = {
        "tcv": sum(values[:years]),
        "tcv_base": sum(values[: c["term"]]),
        "tcv_max": sum(values[:max_years]),
    }
    return monthly, tcv


def project_stream(s: dict, p: Projection, apportion: str, tally: Tally) -> list[int]:
    """Monthly amounts of a funding stream or the envelope over the horizon
    (SPEC 3.3): year f is by_year[label] if given, else
    round(A_0 * prod_{i=1..f}(1 + c_i)) exactly, A_0 = round(annual).  A
    by_year year replaces that year's amount only; later years still compound
    from A_0 through every year's change.  `from`/`until` are optional keys."""
    monthly = p.zeros()
    lo = month_index(parse_date(s["from"])) if s.get("from") else None
    hi = month_index(parse_date(s["until"])) if s.get("until") else None
    a0 = pence_of_pounds(s["annual"], tally)
    by_year = s.get("by_year") or {}
    factors = growth_factors(s.get("change", 0.0), p.nfy)
    for f in range(p.nfy):
        first = p.fy_first_month(f)
        label = fy_label(first, p.fys)
        if label in by_year:
            value = pence_of_pounds(by_year[label], tally)
        elif f == 0:
            value = a0
        else:
            value = tally.round_fraction(a0 * factors[f], "stream year")
        for m, amount in enumerate(split_year(value, first, apportion, tally)):
            month = first + m
            i = month - p.h0
            if not 0 <= i < p.n:
                continue
            if (lo is not None and month < lo) or (hi is not None and month > hi):
                continue
            monthly[i] += amount
    return monthly


def attribute(monthly_cost: list[int], funded_by: list, tally: Tally) -> dict[str, list[int]]:
    """Split a contract's monthly cost between streams (SPEC 3.4): each stream
    but the last named gets round(s * C(m)) of the cumulative cost C(m), the
    share s entering as its decimal and the product exact (0.35 of 10p is
    3.5p, so 4p); the last gets the rest.  A month's attribution is the
    difference of cumulative amounts.  C(m) accumulates over horizon months
    only (months before the horizon are not projected)."""
    shares = [(sid, enter(share)) for sid, share in funded_by]
    out = {sid: [0] * len(monthly_cost) for sid, _ in shares}
    prev = {sid: 0 for sid, _ in shares}
    cumulative = 0
    for i, cost in enumerate(monthly_cost):
        cumulative += cost
        given = 0
        for j, (sid, share) in enumerate(shares):
            if j < len(shares) - 1:
                cum_s = tally.round(share.numerator * cumulative, share.denominator, "share")
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


def npv_pence(cost_fy: list[int], rate: float, tally: Tally | None = None) -> int:
    """npv = sum_f cost_f / (1 + rate)^f over financial years f = 0, 1, ...
    of the horizon, the rate entering as its decimal, summed exactly as a
    rational and rounded once to pence, half away from zero (SPEC 3.5)."""
    tally = tally or Tally()
    base = 1 + enter(rate)
    total = sum((Fraction(c) / base ** f for f, c in enumerate(cost_fy)), Fraction(0))
    return tally.round_fraction(total, "npv")


COUNT_METRICS = {"shortfall_years"}


def compute_full(scn: dict, months: bool = False) -> tuple[dict[str, int], Tally]:
    """Every metric (pence; counts for COUNT_METRICS) and the Tally of
    roundings.  With months=True, per-month NAME@YYYY-MM metrics too."""
    tally = Tally()
    apportion = scn.get("apportion", "months")
    h0, h1 = horizon(scn)
    if h1 < h0:
        raise ValueError("the horizon is empty")
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
        monthly, values = project_contract(c, p, apportion, tally)
        cost_by_id[c["id"]] = monthly
        add_into(cost, monthly)
        if c.get("group") is not None:
            add_into(cost_by_group.setdefault(c["group"], p.zeros()), monthly)
        for name, v in values.items():
            tcv[name] += v
            metrics[f"{name}.{c['id']}"] = v
        if c.get("funded_by"):
            for sid, part in attribute(monthly, c["funded_by"], tally).items():
                add_into(committed[sid], part)
    metrics.update(tcv)

    envelope = project_stream(scn["envelope"], p, apportion, tally)
    funding_by_id = {s["id"]: project_stream(s, p, apportion, tally)
                     for s in scn.get("funding", [])}
    funding = p.zeros()
    for monthly in funding_by_id.values():
        add_into(funding, monthly)
    headroom = [e - c for e, c in zip(envelope, cost)]
    gap = [f - c for f, c in zip(funding, cost)]

    # Monthly series -> horizon totals and per-FY (and per-month) values.
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
        if months:
            for i, v in enumerate(monthly):
                metrics[f"{name}@{month_label(h0 + i)}"] = v

    headroom_fy = p.by_fy(headroom)
    gap_fy = p.by_fy(gap)
    metrics["min_headroom"] = min(headroom_fy)
    metrics["min_gap"] = min(gap_fy)
    metrics["shortfall_years"] = sum(1 for v in headroom_fy if v < 0)
    metrics["npv"] = npv_pence(p.by_fy(cost), scn.get("discount_rate", 0.035), tally)
    return metrics, tally


def compute(scn: dict) -> dict[str, int]:
    """Every metric of the resolved scenario, in pence (see module docstring)."""
    return compute_full(scn)[0]


# ---------------------------------------------------------------------------
# Self-test: worked examples, each worked out by hand
# ---------------------------------------------------------------------------


def spec_example(uplift: float = 0.0, apportion: str = "months") -> dict:
    """The SPEC 2.1 worked example, resolved.  The DA lots are
    580000 * (1 - 0.03) = 562,600, 430000 * 0.97 = 417,100 and
    185000 * 0.97 = 179,450 (the doubles of those expressions are those whole
    numbers, so they enter exactly)."""
    def contract(cid, group, pounds, funded_by):
        return {"id": cid, "group": group, "start": "2019-07-01",
                "annual": float(pounds), "term": 5, "extensions": [2, 2],
                "exercise": 2, "uplift": uplift, "funded_by": funded_by}
    split = [["core", 0.6], ["public_health", 0.4]]
    return {
        "start": "2019-07-01", "end": None, "fiscal_year_start": 4,
        "apportion": apportion, "discount_rate": 0.035,
        "envelope": {"annual": 1347955.0, "change": 0.0, "by_year": {}},
        "funding": [
            {"id": "core", "annual": 695490.0, "change": 0.0, "by_year": {},
             "from": None, "until": None},
            {"id": "public_health", "annual": 652465.0, "change": 0.0,
             "by_year": {}, "from": None, "until": None},
            {"id": "pcc", "annual": 35850.0, "change": 0.0, "by_year": {},
             "from": None, "until": "2019-06-30"},
        ],
        "contracts": [
            contract("da_victims", "Domestic abuse", 580000 * (1 - 0.03), split),
            contract("da_accommodation", "Domestic abuse", 430000 * (1 - 0.03), split),
            contract("da_perpetrator", "Domestic abuse", 185000 * (1 - 0.03), split),
            contract("sva_counselling", "Sexual violence and abuse", 188805,
                     [["public_health", 1.0]]),
        ],
    }


def one_contract(annual: float, begins: str = "2020-04-01", term: int = 1,
                 uplift: float | list = 0.0, **scenario) -> dict:
    """A small resolved scenario: one contract, an envelope, no funding."""
    scn = {"start": None, "end": None, "fiscal_year_start": 4, "apportion": "months",
           "discount_rate": 0.035,
           "envelope": {"annual": 0.0, "change": 0.0, "by_year": {}}, "funding": [],
           "contracts": [{"id": "c", "group": None, "start": begins, "annual": annual,
                          "term": term, "extensions": [], "exercise": 0,
                          "uplift": uplift, "funded_by": None}]}
    scn.update(scenario)
    return scn


def selftest() -> int:
    """Check the worked examples and a few unit rules; print a summary."""
    checks: list[tuple[str, object, object]] = []

    def check(name, got, want):
        checks.append((name, got, want))

    # --- SPEC 2.1 example, no uplift -------------------------------------
    # Lots: 562,600 + 417,100 + 179,450 + 188,805 = 1,347,955 a year, which is
    # also the envelope and core 695,490 + public health 652,465.  Contracts
    # run 1 Jul 2019 .. 30 Jun 2028 (5 + 2 + 2 years, every extension taken),
    # so the default horizon is those 108 months.
    #   cost     = 9 x 1,347,955                               = 12,131,595.00
    #   2019/20  = Jul..Mar = 9/12 of each lot: 421,950 + 312,825
    #              + 134,587.50 + 141,603.75                   =  1,010,966.25
    #   2028/29  = Apr..Jun = 3/12: 140,650 + 104,275 + 44,862.50
    #              + 47,201.25                                 =    336,988.75
    #   tcv_base = 5 x 1,347,955                               =  6,739,775.00
    #   headroom and gap are 0 in every year (envelope and funding split the
    #   same 1,347,955 by the same twelfths), so min_headroom = 0.
    #   committed.core = 0.6 x 9 x (562,600 + 417,100 + 179,450)
    #                  = 0.6 x 10,432,350                      =  6,259,410.00
    #                  = funding.core = 9 x 695,490, so balance.core = 0.
    #   npv = 1,010,966.25 + 1,347,955 x sum_{f=1..8} 1.035^-f
    #         + 336,988.75 x 1.035^-9.
    #     1.035^8 = 1.31680904, 1.035^-8 = 0.75941156, so
    #     sum_{f=1..8} 1.035^-f = (1 - 1.035^-8) / 0.035 = 6.87395554;
    #     1,347,955 x 6.87395554 = 9,265,782.735;
    #     1.035^-9 = 0.73373097; 336,988.75 x 0.73373097 = 247,259.083;
    #     total = 10,524,008.0686 pounds = 1,052,400,806.86p -> 10,524,008.07
    #     (7p away from any half penny: no doubt about the rounding).
    base = compute(spec_example())
    check("cost", base["cost"], 1213159500)
    check("cost@2019/20", base["cost@2019/20"], 101096625)
    check("cost@2028/29", base["cost@2028/29"], 33698875)
    check("tcv_base", base["tcv_base"], 673977500)
    check("tcv = tcv_max (all taken)", (base["tcv"], base["tcv_max"]), (1213159500, 1213159500))
    check("headroom, min_headroom, gap", (base["headroom"], base["min_headroom"], base["gap"]),
          (0, 0, 0))
    check("committed.core", base["committed.core"], 625941000)
    check("balance.core", base["balance.core"], 0)
    check("pcc funding is zero", base["funding.pcc"], 0)
    # The npv figure, from the yearly costs worked out above and the npv rule
    # written out directly (not through compute()):
    by_hand = (Fraction(101096625) + sum(Fraction(134795500) / Fraction(207, 200) ** f
                                         for f in range(1, 9))
               + Fraction(33698875) / Fraction(207, 200) ** 9)
    check("npv by hand", round_half_away(by_hand), 1052400807)
    check("npv", base["npv"], 1052400807)

    # --- SPEC 2.1 example with a 2% uplift -------------------------------
    # Every lot's contract year k (Jul..Jun) is round(V_0 x 1.02^k), k = 0..8,
    # all inside the horizon, e.g. da_victims: 562,600; 573,852; 585,329.04;
    # 597,035.62 (562,600 x 1.061208 = 597,035.6208); 608,976.33
    # (x 1.08243216 = 608,976.333216); ...  sva_counselling year 3:
    # 188,805 x 1.061208 = 200,361.37644 -> 200,361.38.
    # Sum over the 36 contract years: 1,347,955 x sum_{k=0..8} 1.02^k =
    # 1,347,955 x 9.75462843 = 13,148,800.167 before rounding; rounding each
    # of the 36 yearly values to the penny (listed by years_2pc below, each
    # round(V_0 x 1.02^k) on paper) gives 13,148,800.19.
    # Lowest headroom: 2027/28 = 1,347,955 - (Apr..Jun of contract year 7 +
    # Jul..Mar of year 8) = 1,347,955 x (1 - 0.25 x 1.02^7 - 0.75 x 1.02^8)
    # = 1,347,955 x (1 - 1.16591595) = -223,647.238 before rounding;
    # -223,647.25 from the rounded yearly values and their 9/12 splits.
    up = compute(spec_example(uplift=0.02))
    years_2pc = [[round_half_away(Fraction(v) * Fraction(102, 100) ** k) for k in range(9)]
                 for v in (56260000, 41710000, 17945000, 18880500)]
    check("2% year values", years_2pc[0][:5], [56260000, 57385200, 58532904, 59703562, 60897633])
    check("2% sva year 3", years_2pc[3][3], 20036138)
    check("2% cost by hand", sum(map(sum, years_2pc)), 1314880019)
    check("2% cost", up["cost"], 1314880019)
    fy_2027 = sum(v[7] - round_div(v[7] * 9, 12) + round_div(v[8] * 9, 12) for v in years_2pc)
    check("2% min_headroom by hand", 134795500 - fy_2027, -22364725)
    check("2% min_headroom", up["min_headroom"], -22364725)

    # --- days apportion (SPEC 3.1) ---------------------------------------
    # 1 Jul 2019 .. 31 Mar 2020 is 275 of the contract year's 366 days
    # (Feb 2020 has 29): 56,260,000 x 275 / 366 = 42,271,857.92 -> 42,271,858p.
    days = compute(spec_example(apportion="days"))
    check("days cost.da_victims@2019/20", days["cost.da_victims@2019/20"], 42271858)
    # A days tie: a contract of £183,001.83 (18,300,183p = 183 x 100,001)
    # from 1 Jul 2019.  July: 18,300,183 x 31 / 366 = 567,305,673 / 366
    # = 1,550,015 + 183/366 = 1,550,015.5 -> 1,550,016p (£15,500.16).
    # Jul..Mar: 18,300,183 x 275 / 366 = 5,032,550,325 / 366
    # = 13,750,137 + 183/366 -> 13,750,138p (£137,501.38).
    tie_days = compute_full(one_contract(183001.83, "2019-07-01", apportion="days",
                                         end="2020-03-31"), months=True)[0]
    check("days tie July", tie_days["cost@2019-07"], 1550016)
    check("days tie Jul..Mar", tie_days["cost@2019/20"], 13750138)
    check("9 months of 562600", sum(split_year(56260000, 0, "months")[:9]), 42195000)

    # --- the half-penny ties of SPEC 3.1 ---------------------------------
    # 1,000,000 x 1.005^3: 1.005^2 = 1.010025, x 1.005 = 1.015075125, so the
    # fourth year is exactly £1,015,075.125 -> £1,015,075.13.
    check("1,000,000 at 0.5%, 4th year",
          compounded_amounts(100000000, 0.005, 4), [100000000, 100500000, 101002500, 101507513])
    # 241,571 x 1.025 = 241,571 + 6,039.275 = 247,610.275 -> £247,610.28.
    check("241,571 at 2.5%, year 2", compounded_amounts(24157100, 0.025, 2)[1], 24761028)
    # 2.5% is the double nearest 0.025, which enters as exactly 0.025 too.
    check("2.5% is 0.025", enter(double_of_text("2.5%")), Fraction(1, 40))
    check("0.02 + 0.005 enters as 0.025", enter(0.02 + 0.005), Fraction(1, 40))
    # 0.7% is the double nearest 0.007, whose shortest decimal is 0.007 (not
    # 0.7 / 100 in doubles, 0.006999999999999999): £5 x 1.007 = £5.035 -> £5.04.
    check("0.7% is 0.007", enter(double_of_text("0.7%")), Fraction(7, 1000))
    check("£5 at 0.7%, year 2", compounded_amounts(500, double_of_text("0.7%"), 2)[1], 504)
    # A share of 0.35 of 10p is 3.5p -> 4p; the last stream gets the rest, 6p.
    check("0.35 of 10p", attribute([10], [["a", 0.35], ["b", 0.65]], Tally()),
          {"a": [4], "b": [6]})
    # Cumulatively: 10p a month, C = 10, 20, 30: 3.5 -> 4, 7, 10.5 -> 11, so
    # the months get 4, 3, 4.
    check("0.35 of 10p a month", attribute([10, 10, 10], [["a", 0.35], ["b", 0.65]],
                                           Tally())["a"], [4, 3, 4])
    # Money: £1,234.565 is 123,456.5p -> 123,457p.
    check("money tie", pence_of_pounds(1234.565), 123457)
    # by_year next to a compounding year: £1,000,000 changing 0.5% a year from
    # 2020/21, by_year 2021/22 = £500,000: 2020/21 1,000,000.00; 2021/22
    # 500,000.00 (by_year); 2022/23 1,000,000 x 1.005^2 = 1,010,025.00 (the
    # change of 2021/22 still compounds); 2023/24 1,015,075.125 -> 1,015,075.13.
    by_year = one_contract(1.0, "2020-04-01", term=4, envelope={
        "annual": 1000000.0, "change": 0.005, "by_year": {"2021/22": 500000.0}})
    ev = compute(by_year)
    check("by_year next to compounding",
          [ev[f"envelope@{y}"] for y in ("2020/21", "2021/22", "2022/23", "2023/24")],
          [100000000, 50000000, 101002500, 101507513])
    # npv tie: £1,040.13 in the second financial year only, discount rate 4%:
    # 1,040.13 / 1.04 = 1,000.125 (1.04 x 1,000.125 = 1,040.13) -> £1,000.13.
    npv_tie = one_contract(1040.13, "2021-04-01", start="2020-04-01", discount_rate=0.04)
    check("npv tie", compute(npv_tie)["npv"], 100013)
    check("npv of [100, 1] at 100%", npv_pence([100, 1], 1.0), 101)

    # --- a contract already running, and the default horizon ------------
    # Started 1 Jul 2018, term 3 + extensions [2, 2], exercise 1 (5 years, to
    # 30 Jun 2023); scenario.start 1 Apr 2019.  Default end: with every
    # extension, 1 Jul 2018 + 7 years - 1 month = Jun 2025.  2.5% uplift from
    # its own start: year 0 (Jul 2018..Jun 2019) 241,571; year 1 247,610.275
    # -> 247,610.28; year 2 241,571 x 1.050625 = 253,800.531875 -> 253,800.53.
    # cost = Apr..Jun 2019 of year 0 (3/12 x 241,571 = 60,392.75) + years 1..4.
    # tcv = years 0..4; tcv_max = years 0..6; tcv_base = years 0..2.
    running = one_contract(241571.0, "2018-07-01", term=3, uplift=0.025,
                           start="2019-04-01")
    running["contracts"][0].update(extensions=[2, 2], exercise=1)
    v = [round_half_away(24157100 * Fraction(41, 40) ** k) for k in range(7)]
    check("running: year values", v[:3], [24157100, 24761028, 25380053])
    rm = compute(running)
    check("running: horizon to Jun 2025", horizon(running),
          (2019 * 12 + 3, 2025 * 12 + 5))
    check("running: cost", rm["cost"], 6039275 + sum(v[1:5]))
    check("running: tcv, tcv_base, tcv_max", (rm["tcv"], rm["tcv_base"], rm["tcv_max"]),
          (sum(v[:5]), sum(v[:3]), sum(v)))
    check("running: 2024/25 costs nothing", rm["cost@2024/25"], 0)

    # --- unit rules -------------------------------------------------------
    check("round half away +", round_div(5, 2), 3)
    check("round half away -", round_div(-5, 2), -3)
    check("round 0.5p down is never", round_half_away(Fraction(-1, 2)), -1)
    check("fy label wrap", fy_label(2099 * 12 + 3, 4), "2099/00")
    check("fy label jan", fy_label(2019 * 12, 1), "2019")
    check("uplift list repeats last", compounded_amounts(10000, [0.1, 0.2], 4),
          [10000, 11000, 13200, 15840])
    check("days split sums", sum(split_year(123457, 2019 * 12 + 6, "days")), 123457)
    check("£ text", double_of_text('£1,347,955.50'), 1347955.5)
    check("150% text", double_of_text("150%"), 1.5)
    check("shortest decimal of 0.1+0.2", enter(0.1 + 0.2), Fraction("0.30000000000000004"))

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
