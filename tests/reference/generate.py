#!/usr/bin/env python3
"""Random, valid envelope scenarios for cross-checking.

`generate(seed, big=False)` returns `(yaml_text, resolved)`: the scenario as
envelope YAML (SPEC 2.1) and the same scenario as the resolved dict that
reference.compute() takes (see reference.py for its shape).  The same seed
always gives the same scenario.

What varies: fiscal_year_start 1..12, apportion months/days, scenario.start
given or not, scenario.end given or not (last day of a month), 1..30 contracts
(about 1000 with big=True) starting on the 1st of various months, terms 1..6,
extension lists, exercise 0..len / `all` / omitted, uplift as a number, a
list or an assumption name, funding streams 0..4 with change as a number or
a list, by_year overrides, from/until, funded_by (shares with two decimals
summing exactly to 1) or pooled, money with pence, a `defaults:` block, an
occasional expression over an assumption, an occasional "£1,234.56" string,
a discount_rate assumption, FY labels that wrap the century (2099/00), and
"edge" scenarios with binary-exact rates (0.25, 0.5, -0.5, ...) that make
half-penny ties in compounding, tiny (< £1) and huge amounts.

Options (keyword arguments of generate):
  big               ~1000 contracts
  envelope_by_year  allow `envelope.by_year` (SPEC lists by_year only for
                    funding streams; the brief says the envelope follows the
                    same rules)
  money_strings     allow quoted "£1,347,955.50" money

Run `python3 generate.py SEED [--big]` to print the YAML and, on stderr, the
resolved JSON.
"""

from __future__ import annotations

import datetime
import json
import random
import sys
from fractions import Fraction

from reference import (fy_label, horizon, month_first_day, month_index, parse_date,
                       round_half_away)

GROUPS = ["Domestic abuse", "Sexual violence and abuse", "Housing support",
          "Young people", "Refuge"]
STREAM_IDS = ["core", "public_health", "pcc", "home_office", "dluhc_grant"]
RATES = [0.0, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, -0.01, -0.025, 0.05, 0.1, 0.0275]
# "Edge" scenarios (about 1 in 6) also use rates whose products are exact in
# binary, so half-penny ties really happen in compounding, and extreme money.
EDGE_RATES = [0.25, 0.5, -0.5, 0.125, -0.75, 1.0]

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def money_text(pence: int) -> str:
    """Pence as a plain YAML number with two decimals (or none when whole)."""
    if pence % 100 == 0:
        return str(pence // 100)
    return f"{pence // 100}.{pence % 100:02d}"


def pound_string(pence: int) -> str:
    """Pence as a quoted finance-style string: "£1,347,955.50"."""
    whole = f"{pence // 100:,}"
    tail = f".{pence % 100:02d}" if pence % 100 else ""
    return f'"£{whole}{tail}"'


def rate_text(r: float) -> str:
    return repr(float(r))


def rates_text(rates) -> str:
    if isinstance(rates, list):
        return "[" + ", ".join(rate_text(r) for r in rates) + "]"
    return rate_text(rates)


def quote(s: str) -> str:
    """A double-quoted YAML string (our texts need no escapes)."""
    assert '"' not in s and "\\" not in s
    return f'"{s}"'


def last_day_of_month(m: int) -> str:
    """ISO date of the last day of month index m."""
    return (month_first_day(m + 1) - datetime.timedelta(days=1)).isoformat()


def first_day(m: int) -> str:
    return month_first_day(m).isoformat()


def random_money(rng: random.Random, lo_pounds: int, hi_pounds: int, edge: bool = False) -> int:
    """Random pence; half the time with a pence part.  Edge: sometimes tiny
    (under a pound) or huge (up to a hundred times hi)."""
    pounds = rng.randint(lo_pounds, hi_pounds)
    if edge:
        pounds = rng.choice([pounds, 0, rng.randint(lo_pounds, 100 * hi_pounds)])
        if pounds == 0:
            return max(1, rng.randint(0, 99)) if lo_pounds > 0 else rng.randint(0, 99)
    pence = rng.randint(0, 99) if rng.random() < 0.5 else 0
    return pounds * 100 + pence


def random_rates(rng: random.Random, max_len: int = 5, edge: bool = False):
    """A rate or a list of rates."""
    pool = RATES + EDGE_RATES if edge else RATES
    if rng.random() < 0.5:
        return rng.choice(pool)
    return [rng.choice(pool) for _ in range(rng.randint(1, max_len))]


def random_shares(rng: random.Random, streams: list[str]) -> list[list]:
    """funded_by as an ordered list of [stream, share]: 2-decimal shares that
    sum exactly to 1."""
    k = rng.randint(1, len(streams))
    chosen = rng.sample(streams, k)
    cuts = sorted(rng.randint(0, 100) for _ in range(k - 1))
    hundredths = [b - a for a, b in zip([0] + cuts, cuts + [100])]
    return [[sid, h / 100] for sid, h in zip(chosen, hundredths)]


def share_text(share: float) -> str:
    """A two-decimal share as YAML: 1, 0, 0.5, 0.07."""
    h = round(share * 100)
    return {100: "1", 0: "0"}.get(h, repr(h / 100))


def funded_by_text(fb: list[list]) -> str:
    return "{" + ", ".join(f"{sid}: {share_text(s)}" for sid, s in fb) + "}"


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------


class Generator:
    """Builds one scenario: a resolved dict and matching YAML lines."""

    def __init__(self, seed: int, big: bool, envelope_by_year: bool, money_strings: bool):
        self.rng = random.Random(seed)
        self.seed = seed
        self.big = big
        self.envelope_by_year = envelope_by_year
        self.money_strings = money_strings
        self.assumptions: list[tuple[str, str]] = []   # (name, yaml text)

    # -- money as written ---------------------------------------------------

    def money(self, pence: int) -> str:
        """Write pence as YAML money, occasionally in "£1,234.56" form."""
        fancy = self.rng.random() < 0.08       # drawn always: same scenario either way
        if self.money_strings and fancy:
            return pound_string(pence)
        return money_text(pence)

    def contract_annual(self) -> tuple[int, str]:
        """(pence, yaml text) for a contract annual; sometimes an expression
        over an assumption, evaluated in double precision and rounded."""
        rng = self.rng
        if rng.random() < 0.1:
            name = f"bump{len(self.assumptions)}"
            bump = rng.randint(-500, 500) / 10000          # 4 decimals
            self.assumptions.append((name, repr(bump)))
            base = rng.randint(5, 90) * 10000
            value = base * (1 + bump)                      # same double ops as C++
            return round_half_away(Fraction(value) * 100), quote(f"{base} * (1 + {name})")
        pence = random_money(rng, 5000, 900000, self.edge)
        return pence, self.money(pence)

    # -- parts -------------------------------------------------------------

    def scenario_dates(self):
        rng = self.rng
        self.fys = rng.randint(1, 12)
        self.apportion = rng.choice(["months", "days"])
        self.edge = rng.random() < 0.17
        years = (2094, 2099) if rng.random() < 0.04 else (2016, 2026)   # 2099/00 labels
        self.base_month = rng.randint(*years) * 12 + rng.randint(0, 11)
        self.start_given = rng.random() < 0.6

    def contracts(self, streams: list[str]):
        """Resolved contracts plus the defaults block (a dict field -> yaml)."""
        rng = self.rng
        n = rng.randint(900, 1100) if self.big else rng.randint(1, 30)
        spread = rng.choice([0, 6, 24, 48])
        defaults_yaml: dict[str, str] = {}
        defaults_val: dict[str, object] = {}
        if rng.random() < 0.5:
            # Pick some fields for a defaults block.
            if rng.random() < 0.5:
                m = self.base_month + rng.randint(0, spread)
                defaults_val["start"], defaults_yaml["start"] = first_day(m), first_day(m)
            if rng.random() < 0.6:
                t = rng.randint(1, 6)
                defaults_val["term"], defaults_yaml["term"] = t, str(t)
            if rng.random() < 0.6:
                ext = [rng.randint(1, 3) for _ in range(rng.randint(0, 3))]
                defaults_val["extensions"] = ext
                defaults_yaml["extensions"] = "[" + ", ".join(map(str, ext)) + "]"
            if rng.random() < 0.5:
                u = random_rates(rng, edge=self.edge)
                if rng.random() < 0.3 and not isinstance(u, list):
                    self.assumptions.append(("uplift", rate_text(u)))
                    defaults_yaml["uplift"] = "uplift"
                else:
                    defaults_yaml["uplift"] = rates_text(u)
                defaults_val["uplift"] = u
            if streams and rng.random() < 0.3:
                fb = random_shares(rng, streams)
                defaults_val["funded_by"], defaults_yaml["funded_by"] = fb, funded_by_text(fb)
            if rng.random() < 0.3:
                # only values valid for any extension list
                e = rng.choice(["all", 0])
                defaults_val["exercise"], defaults_yaml["exercise"] = e, str(e)
            if rng.random() < 0.2:
                g = rng.choice(GROUPS)
                defaults_val["group"], defaults_yaml["group"] = g, quote(g)
        resolved, yaml_entries = [], []
        for i in range(n):
            c, fields = self.one_contract(i, spread, streams, defaults_val)
            resolved.append(c)
            yaml_entries.append((c["id"], fields))
        return resolved, yaml_entries, defaults_yaml

    def one_contract(self, i: int, spread: int, streams: list[str], dv: dict):
        """One contract: (resolved dict, [(field, yaml text)])."""
        rng = self.rng
        cid = f"c{i:04d}" if self.big else f"lot_{i + 1}_{rng.choice(['a', 'b', 'x'])}"
        fields: list[tuple[str, str]] = [("name", quote(f"Lot {i + 1}"))]

        def pick(field, make, text):
            """Own value, or inherit from defaults when there is one (70%)."""
            if field in dv and rng.random() < 0.7:
                return dv[field]
            v = make()
            fields.append((field, text(v)))
            return v

        start = pick("start", lambda: first_day(self.base_month + rng.randint(0, spread)), str)
        term = pick("term", lambda: rng.randint(1, 6), str)
        extensions = pick("extensions",
                          lambda: [rng.randint(1, 3) for _ in range(rng.randint(0, 3))],
                          lambda e: "[" + ", ".join(map(str, e)) + "]")
        r = rng.random()
        if "exercise" in dv and r < 0.6:
            exercise = len(extensions) if dv["exercise"] == "all" else 0   # inherited
        elif r < 0.3:
            exercise = len(extensions)          # omitted: all
        elif r < 0.45:
            exercise = len(extensions)
            fields.append(("exercise", "all"))
        else:
            exercise = rng.randint(0, len(extensions))
            fields.append(("exercise", str(exercise)))
        uplift = pick("uplift", lambda: random_rates(rng, edge=self.edge), rates_text) if (
            "uplift" in dv or rng.random() < 0.8) else 0.0
        group = pick("group", lambda: rng.choice(GROUPS), quote) if (
            "group" in dv or rng.random() < 0.6) else None
        funded_by = None
        if streams and ("funded_by" in dv or rng.random() < 0.75):
            funded_by = pick("funded_by", lambda: random_shares(rng, streams), funded_by_text)
        annual, annual_text = self.contract_annual()
        fields.insert(1, ("annual", annual_text))
        c = {"id": cid, "group": group, "start": start, "annual_pence": annual,
             "term": term, "extensions": list(extensions), "exercise": exercise,
             "uplift": uplift, "funded_by": funded_by}
        return c, fields

    def labels_near(self, h0: int, h1: int) -> list[str]:
        """FY labels of the horizon (for by_year keys)."""
        fy0 = h0 - ((h0 % 12) - (self.fys - 1)) % 12
        return [fy_label(m, self.fys) for m in range(fy0, h1 + 1, 12)]

    def stream(self, sid: str, h0: int, h1: int, labels: list[str], with_dates: bool,
               allow_by_year: bool = True):
        """One funding stream (or the envelope when with_dates is False):
        (resolved dict, [(field, yaml)]).  With allow_by_year False the same
        random draws are made but by_year is dropped."""
        rng = self.rng
        annual = random_money(rng, 10000 if with_dates else 100000,
                              2000000 if with_dates else 20000000, self.edge)
        fields = [("annual", self.money(annual))]
        change: object = 0.0
        if rng.random() < 0.5:
            change = random_rates(rng, 6, self.edge)
            fields.append(("change", rates_text(change)))
        by_year: dict[str, int] = {}
        if labels and rng.random() < 0.35:
            for label in rng.sample(labels, rng.randint(1, min(3, len(labels)))):
                by_year[label] = random_money(rng, 0, 2000000, self.edge)
        if not allow_by_year:
            by_year = {}
        if by_year:
            fields.append(("by_year", "{" + ", ".join(
                f"{quote(k)}: {money_text(v)}" for k, v in by_year.items()) + "}"))
        s = {"id": sid, "annual_pence": annual, "change": change, "by_year": by_year}
        if with_dates:
            s["from"] = s["until"] = None
            if rng.random() < 0.25:
                s["from"] = first_day(h0 + rng.randint(-12, max(0, h1 - h0)))
                fields.append(("from", s["from"]))
            if rng.random() < 0.25:
                lo = month_index(parse_date(s["from"])) if s["from"] else h0 - 12
                s["until"] = last_day_of_month(rng.randint(lo, max(lo, h1 + 6)))
                fields.append(("until", s["until"]))
        return s, fields

    # -- whole scenario ----------------------------------------------------

    def build(self) -> tuple[str, dict]:
        rng = self.rng
        self.scenario_dates()
        n_streams = rng.choice([0, 1, 1, 2, 2, 3, 4])
        streams = STREAM_IDS[:n_streams] if rng.random() < 0.5 else rng.sample(STREAM_IDS, n_streams)
        contracts, contract_yaml, defaults_yaml = self.contracts(streams)
        scn = {"start": None, "end": None, "fiscal_year_start": self.fys,
               "apportion": self.apportion, "discount_rate": 0.035, "contracts": contracts}
        earliest = min(month_index(parse_date(c["start"])) for c in contracts)
        if self.start_given:
            scn["start"] = first_day(earliest - rng.choice([0, 0, 1, 3, 11, 14]))
        h0, natural_end = horizon(scn)
        latest_start = max(month_index(parse_date(c["start"])) for c in contracts)
        if rng.random() < 0.35:
            scn["end"] = last_day_of_month(rng.randint(latest_start, natural_end + 18))
        h0, h1 = horizon(scn)
        labels = self.labels_near(h0, h1)
        env, env_yaml = self.stream("envelope", h0, h1, labels, False, self.envelope_by_year)
        scn["envelope"] = env
        scn["funding"], funding_yaml = [], []
        for sid in streams:
            s, fy = self.stream(sid, h0, h1, labels, True)
            scn["funding"].append(s)
            funding_yaml.append((sid, fy))
        if rng.random() < 0.5:
            scn["discount_rate"] = rng.choice([0.035, 0.0, 0.05, 0.1, 0.025])
            self.assumptions.append(("discount_rate", rate_text(scn["discount_rate"])))
        text = self.yaml(scn, env_yaml, funding_yaml, defaults_yaml, contract_yaml)
        return text, scn

    def yaml(self, scn, env_yaml, funding_yaml, defaults_yaml, contract_yaml) -> str:
        out = ["scenario:", f"  name: {quote(f'Random scenario {self.seed}')}"]
        if scn["start"]:
            out.append(f"  start: {scn['start']}")
        if scn["end"]:
            out.append(f"  end: {scn['end']}")
        if scn["fiscal_year_start"] != 4 or self.rng.random() < 0.5:
            out.append(f"  fiscal_year_start: {scn['fiscal_year_start']}")
        if scn["apportion"] == "days" or self.rng.random() < 0.3:
            out.append(f"  apportion: {scn['apportion']}")
        if self.assumptions:
            out.append("assumptions:")
            out += [f"  {k}: {v}" for k, v in self.assumptions]
        out.append("envelope:")
        out += [f"  {k}: {v}" for k, v in env_yaml]
        if funding_yaml:
            out.append("funding:")
            for sid, fields in funding_yaml:
                out.append(f"  {sid}:")
                out.append(f"    name: {quote(sid.replace('_', ' ').title())}")
                out += [f"    {k}: {v}" for k, v in fields]
        if defaults_yaml:
            out.append("defaults:")
            out += [f"  {k}: {v}" for k, v in defaults_yaml.items()]
        out.append("contracts:")
        for cid, fields in contract_yaml:
            out.append(f"  {cid}:")
            out += [f"    {k}: {v}" for k, v in fields]
        return "\n".join(out) + "\n"


def generate(seed: int, big: bool = False, envelope_by_year: bool = True,
             money_strings: bool = True) -> tuple[str, dict]:
    """A random valid scenario: (YAML text, resolved dict for reference.py)."""
    return Generator(seed, big, envelope_by_year, money_strings).build()


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: generate.py SEED [--big]", file=sys.stderr)
        return 2
    text, scn = generate(int(argv[1]), big="--big" in argv)
    sys.stdout.write(text)
    print(json.dumps(scn, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
