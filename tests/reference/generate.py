#!/usr/bin/env python3
"""Random, valid envelope scenarios for cross-checking, full of half-penny ties.

`generate(seed, big=False, ties=False)` returns `(yaml_text, resolved)`: the
scenario as envelope YAML (SPEC 2.1) and the same scenario as the resolved
dict that reference.compute() takes (see reference.py for its shape).  The
same seed always gives the same scenario.  `fixed_cases()` gives a few
scenarios whose key figures are worked out by hand (the ties of SPEC 3.1).

Every number is written as text and resolved as the double the program reads
from that text (reference.double_of_text); reference.py then enters it as its
shortest decimal.  An expression is evaluated here in Python floats, in the
order written (IEEE double, like the program's expression engine), and only
in forms whose double result cannot depend on how an engine orders the
operations: a single operation on a rate (`cpi + 0.005`), or a money
expression whose exact value is whole pounds (`40000 * (1 + bump)`, bump with
four decimals), so an ulp either way cannot move a penny.

What varies:
  fiscal_year_start 1..12, apportion months/days, scenario.start given or
  not, earlier than every contract or *later than some* (contracts already
  running), scenario.end given or not (last day of a month; sometimes a
  short horizon of a few months), 1..30 contracts (about 1000 with big=True;
  200..280 with ties=True) starting on the 1st of various months, terms 1..6,
  extension lists, exercise 0..len / `all` / omitted (often fewer than all,
  so the default horizon's "with every extension" rule matters), uplift as a
  number, a `N%` rate, a list, an assumption name or a one-operation
  expression, funding streams 0..4 with change as a number or a list,
  by_year overrides next to compounding years, from/until, funded_by
  (2-decimal shares summing to 1, or tie-making shares 0.35/0.65,
  0.15/0.85, ...) or pooled, money with pence, whole pounds (often odd, or an
  odd multiple of £8, £200, £320, £40,000: the amounts whose compounding at
  2.5% or 0.5% lands exactly on a half penny), a half penny (`1234.565`),
  `1.5e6`, `"£1,234.56"` strings, a `defaults:` block, a discount_rate
  assumption (including 4% and 100%, whose npv can tie on a short horizon),
  FY labels that wrap the century (2099/00), and "edge" scenarios with
  binary-exact rates (0.25, 0.5, -0.5, 150%, ...), tiny (< £1) and huge
  amounts.  Plain-number rates are never above 1 (the program refuses
  `uplift: 3`), and no accounting brackets are written.

Options (keyword arguments of generate):
  big               ~1000 contracts
  ties              a tie-heavy portfolio: 200..280 contracts with round
                    amounts and ordinary rates (0.5%, 2.5%, 0.0125, shares of
                    0.35, ...) -- most compounded values sit on a half penny
  envelope_by_year  allow `envelope.by_year`
  money_strings     allow quoted "£1,347,955.50" money

Run `python3 generate.py SEED [--big] [--ties]` to print the YAML and, on
stderr, the resolved JSON; `python3 generate.py --fixed NAME` for a fixed case.
"""

from __future__ import annotations

import datetime
import decimal
import json
import random
import sys

from reference import (contract_max_years, double_of_text, enter, fy_label, horizon,
                       month_first_day, month_index, parse_date, rate_at)

GROUPS = ["Domestic abuse", "Sexual violence and abuse", "Housing support",
          "Young people", "Refuge"]
STREAM_IDS = ["core", "public_health", "pcc", "home_office", "dluhc_grant"]

# Rates as written.  ORDINARY: everyday rates.  TIE: decimal rates whose
# exact compounding of round amounts lands on half pennies (0.025 = 1/40:
# 241,571 x 1.025 = 247,610.275), written as numbers or percentages.  EDGE
# (about 1 in 6 scenarios): binary-exact rates, extreme growth and decline.
ORDINARY_RATES = ["0", "0.01", "0.015", "0.02", "0.025", "0.03", "0.035", "-0.01",
                  "-0.025", "0.05", "0.1", "0.0275"]
TIE_RATES = ["0.005", "0.0125", "0.025", "2.5%", "0.5%", "1.25%", "0.015", "0.035",
             "3.5%", "-2.5%", "-0.5%", "0.0075", "0.045", "1.5%", "0.01", "0.03",
             "2.5e-2", "-0.005", "0.7%", "1.1%", "2.7%", "0.35%", "4.1%"]
EDGE_RATES = ["0.25", "0.5", "-0.5", "0.125", "-0.75", "1", "100%", "150%", "12.5%", "-50%"]
# Shares as written, in order (the last named gets the rest).  Decimal
# shares 0.35, 0.15, ... make round(s * C) ties whenever C ends suitably
# (0.35 x 10p = 3.5p); binary-exact ones (0.5, 0.125) tie too.
TIE_SHARES = [("0.35", "0.65"), ("0.15", "0.85"), ("0.65", "0.35"), ("0.45", "0.55"),
              ("0.05", "0.95"), ("0.35", "0.15", "0.5"), ("0.5", "0.5"), ("0.25", "0.75"),
              ("0.125", "0.875"), ("0.85", "0.15"), ("0.35", "0.35", "0.3"), ("0.55", "0.45")]
# Pound units whose odd multiples tie when compounded (V_k: the value after
# k anniversaries or k changes): odd pounds at 2.5%, 0.5%, 1.5%, 3.5% (V_1);
# £2 x odd at 1.25% and 0.75% (V_1); £8 x odd at 2.5% (V_2); £200 x odd at
# 0.5% (V_2); £320 x odd at 2.5% (V_3); £40,000 x odd at 0.5% (V_3, the
# fourth year: £1,000,000 = 25 x £40,000).
TIE_UNITS = [1, 1, 1, 2, 8, 32, 200, 320, 40000]
# Percentages such as 0.7% are exactly 0.007 (the double nearest 0.7/100,
# whose shortest decimal is 0.007), although 0.7 / 100 in doubles is
# 0.006999999999999999.
# (rate, pound unit, k): an odd multiple of the unit compounded at the rate
# is exactly a half penny at V_k.  2.5% = 1/40: 100P pence x 41/40 =
# 102.5P pence, a half for odd P; 800 x odd pence (£8 x odd) x (41/40)^2 =
# odd x 1681 / 2.  In general 1 + r = (b + a)/b in lowest terms ties at V_k
# for V_0 = b^k / 2 x odd pence.  A list [rate] * k + [0] ("a one-off
# uplift, then frozen") keeps the half penny in every later year too.
TIE_PAIRS = [("2.5%", 1, 1), ("0.025", 8, 2), ("2.5%", 320, 3), ("0.5%", 1, 1),
             ("0.005", 200, 2), ("0.005", 40000, 3), ("1.25%", 2, 1), ("0.0125", 32, 2),
             ("0.0075", 2, 1), ("1.5%", 1, 1), ("0.035", 1, 1), ("0.045", 1, 1),
             ("0.7%", 5, 1), ("2.7%", 5, 1), ("1.1%", 5, 1), ("4.1%", 5, 1), ("0.35%", 10, 1)]
DISCOUNT_RATES = ["0.035", "3.5%", "0", "0.05", "0.1", "0.025", "0.04", "0.2", "1", "100%"]

# The program holds amounts in 64-bit pence; keep every amount well inside.
PENCE_LIMIT = 2 ** 60


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


class Num:
    """A number as written in the YAML (`text`) and the double the program
    reads it as (`value`)."""

    def __init__(self, text: str, value: float | None = None):
        self.text = text
        self.value = double_of_text(text.strip('"')) if value is None else value


def rate(text: str) -> Num:
    return Num(text)


def rates_text(rates) -> str:
    if isinstance(rates, list):
        return "[" + ", ".join(r.text for r in rates) + "]"
    return rates.text


def rates_value(rates):
    if isinstance(rates, list):
        return [r.value for r in rates]
    return rates.value


def quote(s: str) -> str:
    """A double-quoted YAML string (our texts need no escapes)."""
    assert '"' not in s and "\\" not in s
    return f'"{s}"'


def last_day_of_month(m: int) -> str:
    """ISO date of the last day of month index m."""
    return (month_first_day(m + 1) - datetime.timedelta(days=1)).isoformat()


def first_day(m: int) -> str:
    return month_first_day(m).isoformat()


def plain_money(pence: int) -> str:
    """Pence as a plain YAML number with two decimals (or none when whole)."""
    if pence % 100 == 0:
        return str(pence // 100)
    return f"{pence // 100}.{pence % 100:02d}"


def pound_string(pence: int) -> str:
    """Pence as a quoted finance-style string: "£1,347,955.50"."""
    whole = f"{pence // 100:,}"
    tail = f".{pence % 100:02d}" if pence % 100 else ""
    return f'"£{whole}{tail}"'


def exponent_form(pence: int) -> str | None:
    """`1.5e6` for 150000000p, when a short mantissa writes it exactly."""
    if pence % 100 or pence == 0:
        return None
    pounds = pence // 100
    digits = str(pounds).rstrip("0")
    zeros = len(str(pounds)) - len(digits)
    if zeros < 3 or len(digits) > 3:
        return None
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{mantissa}e{zeros + len(digits) - 1}"


def exponent_text(text: str) -> str:
    """A plain decimal in exponent form, exactly: 1234.565 -> 1.234565e3."""
    d = decimal.Decimal(text)
    digits = "".join(map(str, d.as_tuple().digits)).lstrip("0") or "0"
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{mantissa}e{d.adjusted()}"


def share_text(h: int) -> str:
    """A share of h hundredths as YAML: 1, 0, 0.5, 0.07."""
    return {100: "1", 0: "0"}.get(h, repr(h / 100))


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------


class Generator:
    """Builds one scenario: a resolved dict and matching YAML lines."""

    def __init__(self, seed: int, big: bool, ties: bool, envelope_by_year: bool,
                 money_strings: bool):
        self.rng = random.Random(seed)
        self.seed = seed
        self.big = big
        self.ties_mode = ties
        self.envelope_by_year = envelope_by_year
        self.money_strings = money_strings
        self.assumptions: list[tuple[str, str]] = []   # (name, yaml text)

    # -- money ----------------------------------------------------------------

    def random_pence(self, lo: int, hi: int) -> int:
        """Random pence between lo and hi pounds, of one of several kinds."""
        rng = self.rng
        if self.edge and rng.random() < 0.35:
            # tiny (under a pound) or huge (up to a hundred times hi)
            if rng.random() < 0.5:
                return rng.randint(1 if lo > 0 else 0, 99)
            return rng.randint(lo, 100 * hi) * 100 + rng.randint(0, 99)
        kind = rng.random()
        tie_weight = 0.8 if self.tieish else 0.3
        if kind < tie_weight:
            # Whole pounds: an odd multiple of a tie-making unit, or a round figure.
            r = rng.random()
            if r < 0.7:
                return self.odd_multiple(rng.choice(TIE_UNITS), lo, hi)
            if r < 0.9:
                pounds = rng.randint(max(1, lo // 1000), max(1, hi // 1000)) * 1000
            else:
                pounds = rng.choice([1000000, 241571, 120000, 600000, 562600, 188805])
            return pounds * 100
        if kind < tie_weight + 0.1:
            # A 50p amount: ties at 1% and 3% (V_0 = 50 mod 100).
            return rng.randint(lo, hi) * 100 + 50
        pounds = rng.randint(lo, hi)
        return pounds * 100 + (rng.randint(0, 99) if rng.random() < 0.5 else 0)

    def odd_multiple(self, unit: int, lo: int, hi: int) -> int:
        """An odd multiple of `unit` pounds, about within lo..hi, in pence."""
        top = max(1, hi // unit)
        odd = self.rng.randrange(1, top, 2) if top > 2 else 1
        if unit * odd < lo:
            odd = 2 * (lo // (2 * unit)) + 1
        return unit * odd * 100

    def tie_pair(self, lo: int, hi: int):
        """(money Num, rates) that meet on a half penny: an odd multiple of a
        TIE_PAIRS unit and its rate, alone or as [rate] * k + [0]."""
        rng = self.rng
        text, unit, k = rng.choice(TIE_PAIRS)
        money = self.money(self.odd_multiple(unit, lo, hi))
        if rng.random() < 0.4:
            return money, rate(text)
        return money, [rate(text)] * k + [rate("0")]

    def money(self, pence: int) -> Num:
        """Write pence as YAML money: plain, occasionally "£1,234.56" or 1.5e6."""
        rng = self.rng
        fancy = rng.random()                 # drawn always: same scenario either way
        if self.money_strings and fancy < 0.08:
            return Num(pound_string(pence))
        if fancy < 0.14 and exponent_form(pence):
            return Num(exponent_form(pence))
        return Num(plain_money(pence))

    def money_maybe_half(self, lo: int, hi: int) -> Num:
        """Money, sometimes with a half penny (`1234.565`): round(annual) ties."""
        rng = self.rng
        if rng.random() < (0.12 if self.tieish else 0.04):
            pence = self.random_pence(lo, hi)
            text = f"{pence // 100}.{pence % 100 // 10}{rng.choice('13579')}5"
            if rng.random() < 0.2:
                # the same number in exponent form: 1234.565 -> 1.234565e3
                text = exponent_text(text)
            return Num(text)
        return self.money(self.random_pence(lo, hi))

    def contract_annual(self) -> Num:
        """A contract annual; sometimes an expression over an assumption,
        evaluated in doubles in the written order.  base is a multiple of
        £10,000 and bump has four decimals, so the exact value is whole pounds
        and an ulp of evaluation order cannot reach a half penny."""
        rng = self.rng
        if rng.random() < 0.1:
            name = f"bump{len(self.assumptions)}"
            bump = rng.randint(-500, 500) / 10000
            self.assumptions.append((name, repr(bump)))
            base = rng.randint(5, 90) * 10000
            return Num(quote(f"{base} * (1 + {name})"), base * (1 + bump))
        return self.money_maybe_half(5000, 900000)

    # -- rates ----------------------------------------------------------------

    def one_rate(self) -> Num:
        rng = self.rng
        pool = TIE_RATES if rng.random() < (0.85 if self.tieish else 0.35) else ORDINARY_RATES
        if self.edge and rng.random() < 0.4:
            pool = EDGE_RATES
        return rate(rng.choice(pool))

    def random_rates(self, max_len: int = 5):
        """A rate or a list of rates."""
        if self.rng.random() < 0.5:
            return self.one_rate()
        return [self.one_rate() for _ in range(self.rng.randint(1, max_len))]

    def uplift_value(self):
        """An uplift: a rate, a list, or (sometimes) a one-operation expression
        over an assumption `cpi` (whose double is computed here: 0.02 + 0.005
        is the double 0.025, which enters as exactly 0.025)."""
        rng = self.rng
        if rng.random() < 0.12:
            cpi = self.cpi()
            op, c = rng.choice([("+", "0.005"), ("-", "0.005"), ("+", "0.0025"),
                                ("+", "0.01"), ("*", "0.5")])
            a, b = cpi.value, float(c)
            value = a + b if op == "+" else a - b if op == "-" else a * b
            if rng.random() < 0.5:
                return Num(quote(f"cpi {op} {c}"), value)
            name = f"uprate{len(self.assumptions)}"
            self.assumptions.append((name, f"cpi {op} {c}"))
            return Num(name, value)
        return self.random_rates()

    def cpi(self) -> Num:
        """The `cpi` assumption (created once)."""
        for name, text in self.assumptions:
            if name == "cpi":
                return Num(text)
        c = rate(self.rng.choice(["0.02", "2%", "0.025", "0.03", "0.0125", "0.015"]))
        self.assumptions.append(("cpi", c.text))
        return c

    # -- shares ---------------------------------------------------------------

    def random_shares(self, streams: list[str]) -> list[tuple[str, Num]]:
        """funded_by as an ordered list of (stream, share): tie-making decimal
        shares, or 2-decimal shares with random cuts; they sum to exactly 1."""
        rng = self.rng
        fitting = [s for s in TIE_SHARES if len(s) <= len(streams)]
        if fitting and rng.random() < (0.8 if self.tieish else 0.35):
            texts = rng.choice(fitting)
            chosen = rng.sample(streams, len(texts))
            return [(sid, Num(t)) for sid, t in zip(chosen, texts)]
        k = rng.randint(1, len(streams))
        chosen = rng.sample(streams, k)
        cuts = sorted(rng.randint(0, 100) for _ in range(k - 1))
        hundredths = [b - a for a, b in zip([0] + cuts, cuts + [100])]
        return [(sid, Num(share_text(h))) for sid, h in zip(chosen, hundredths)]

    @staticmethod
    def funded_by_text(fb) -> str:
        return "{" + ", ".join(f"{sid}: {s.text}" for sid, s in fb) + "}"

    # -- parts ----------------------------------------------------------------

    def scenario_dates(self):
        rng = self.rng
        self.fys = rng.randint(1, 12)
        self.apportion = rng.choice(["months", "days"])
        self.edge = rng.random() < 0.17 and not self.ties_mode
        self.tieish = self.ties_mode or rng.random() < 0.5
        years = (2094, 2099) if rng.random() < 0.04 else (2016, 2026)   # 2099/00 labels
        self.base_month = rng.randint(*years) * 12 + rng.randint(0, 11)
        self.start_given = rng.random() < 0.6
        # Some contracts already running at scenario.start.
        self.running = self.start_given and rng.random() < 0.3

    def contracts(self, streams: list[str]):
        """Resolved contracts plus the defaults block (a dict field -> yaml)."""
        rng = self.rng
        if self.ties_mode:
            n = rng.randint(200, 280)
        else:
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
                u = self.uplift_value()
                if rng.random() < 0.3 and isinstance(u, Num) and not u.text.startswith('"'):
                    self.assumptions.append(("uplift", u.text))
                    defaults_yaml["uplift"] = "uplift"
                else:
                    defaults_yaml["uplift"] = rates_text(u)
                defaults_val["uplift"] = u
            if streams and rng.random() < 0.3:
                fb = self.random_shares(streams)
                defaults_val["funded_by"], defaults_yaml["funded_by"] = fb, self.funded_by_text(fb)
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
        many = self.big or self.ties_mode
        cid = f"c{i:04d}" if many else f"lot_{i + 1}_{rng.choice(['a', 'b', 'x'])}"
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
        elif r < 0.25:
            exercise = len(extensions)          # omitted: all
        elif r < 0.35:
            exercise = len(extensions)
            fields.append(("exercise", "all"))
        elif extensions and r < 0.7:
            # fewer than all: the default horizon still runs to the end of
            # every extension
            exercise = rng.randint(0, len(extensions) - 1)
            fields.append(("exercise", str(exercise)))
        else:
            exercise = rng.randint(0, len(extensions))
            fields.append(("exercise", str(exercise)))
        # Often (tie-heavy scenarios) an amount and an uplift that meet on a
        # half penny; otherwise each drawn on its own.
        paired = None
        if self.tieish and rng.random() < (0.6 if self.ties_mode else 0.25):
            paired = self.tie_pair(5000, 900000)
            uplift = paired[1]
            fields.append(("uplift", rates_text(uplift)))
        elif "uplift" in dv or rng.random() < 0.8:
            uplift = pick("uplift", self.uplift_value, rates_text)
        else:
            uplift = Num("0")
        group = pick("group", lambda: rng.choice(GROUPS), quote) if (
            "group" in dv or rng.random() < 0.6) else None
        funded_by = None
        if streams and ("funded_by" in dv or rng.random() < (0.9 if self.tieish else 0.75)):
            funded_by = pick("funded_by", lambda: self.random_shares(streams),
                             self.funded_by_text)
        annual = paired[0] if paired else self.contract_annual()
        fields.insert(1, ("annual", annual.text))
        c = {"id": cid, "group": group, "start": start, "annual": annual.value,
             "term": term, "extensions": list(extensions), "exercise": exercise,
             "uplift": rates_value(uplift),
             "funded_by": None if funded_by is None else [[sid, s.value] for sid, s in funded_by]}
        return c, fields

    def labels_of(self, h0: int, h1: int) -> list[str]:
        """FY labels of the horizon (for by_year keys)."""
        fy0 = h0 - ((h0 % 12) - (self.fys - 1)) % 12
        return [fy_label(m, self.fys) for m in range(fy0, h1 + 1, 12)]

    def stream(self, sid: str, h0: int, h1: int, labels: list[str], with_dates: bool,
               allow_by_year: bool = True):
        """One funding stream (or the envelope when with_dates is False):
        (resolved dict, [(field, yaml)]).  With allow_by_year False the same
        random draws are made but by_year is dropped."""
        rng = self.rng
        lo, hi = (10000, 2000000) if with_dates else (100000, 20000000)
        change, change_given = Num("0"), True
        if self.tieish and rng.random() < 0.4:
            annual, change = self.tie_pair(lo, hi)
        else:
            annual = self.money_maybe_half(lo, hi)
            change_given = rng.random() < (0.75 if self.tieish else 0.5)
            if change_given:
                change = self.random_rates(6)
        fields = [("annual", annual.text)]
        if change_given:
            fields.append(("change", rates_text(change)))
        by_year: dict[str, Num] = {}
        if labels and rng.random() < 0.35:
            # by_year years usually next to compounding ones
            for label in rng.sample(labels, rng.randint(1, min(3, len(labels)))):
                by_year[label] = self.money_maybe_half(0, 2000000)
        if not allow_by_year:
            by_year = {}
        if by_year:
            fields.append(("by_year", "{" + ", ".join(
                f"{quote(k)}: {v.text}" for k, v in by_year.items()) + "}"))
        s = {"id": sid, "annual": annual.value, "change": rates_value(change),
             "by_year": {k: v.value for k, v in by_year.items()}}
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

    # -- whole scenario -------------------------------------------------------

    def build(self) -> tuple[str, dict]:
        rng = self.rng
        self.scenario_dates()
        n_streams = rng.choice([1, 2, 2, 3, 4]) if self.ties_mode else rng.choice(
            [0, 1, 1, 2, 2, 3, 4])
        streams = STREAM_IDS[:n_streams] if rng.random() < 0.5 else rng.sample(STREAM_IDS, n_streams)
        contracts, contract_yaml, defaults_yaml = self.contracts(streams)
        scn = {"start": None, "end": None, "fiscal_year_start": self.fys,
               "apportion": self.apportion, "discount_rate": 0.035, "contracts": contracts}
        starts = [month_index(parse_date(c["start"])) for c in contracts]
        earliest, latest_start = min(starts), max(starts)
        natural_end = horizon(scn)[1]          # with every extension
        if self.running:
            # scenario.start after the earliest contract start: those
            # contracts are already running (possibly some wholly before).
            scn["start"] = first_day(earliest + rng.randint(1, max(1, min(36, natural_end - earliest))))
        elif self.start_given:
            scn["start"] = first_day(earliest - rng.choice([0, 0, 1, 3, 11, 14]))
        h0 = horizon(scn)[0]
        r = rng.random()
        if r < 0.08:
            scn["end"] = last_day_of_month(h0 + rng.randint(0, 23))       # short horizon
        elif r < 0.35:
            scn["end"] = last_day_of_month(rng.randint(max(h0, latest_start), natural_end + 18))
        h0, h1 = horizon(scn)
        labels = self.labels_of(h0, h1)
        env, env_yaml = self.stream("envelope", h0, h1, labels, False, self.envelope_by_year)
        scn["envelope"] = env
        scn["funding"], funding_yaml = [], []
        for sid in streams:
            s, fy = self.stream(sid, h0, h1, labels, True)
            scn["funding"].append(s)
            funding_yaml.append((sid, fy))
        if rng.random() < 0.5:
            d = rate(rng.choice(DISCOUNT_RATES))
            scn["discount_rate"] = d.value
            self.assumptions.append(("discount_rate", d.text))
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


def too_big(scn: dict) -> bool:
    """A generous bound on every amount: would any sum come near 64-bit pence?
    (Compounding at 150% over decades can get there.)"""
    h0, h1 = horizon(scn)
    years = (h1 - h0) // 12 + 2

    def growth(rates, steps) -> float:
        g = top = 1.0
        for i in range(1, steps):
            g *= 1.0 + float(enter(rate_at(rates, i)))
            top = max(top, g)
        return top

    total = 0.0
    for c in scn["contracts"]:
        n = contract_max_years(c)
        total += abs(c["annual"]) * 100 * growth(c["uplift"], n) * n
    for s in [scn["envelope"]] + scn["funding"]:
        total += abs(s["annual"]) * 100 * growth(s["change"], years) * years
        total += sum(abs(v) * 100 for v in s["by_year"].values())
    return total > PENCE_LIMIT / 4


def generate(seed: int, big: bool = False, ties: bool = False, envelope_by_year: bool = True,
             money_strings: bool = True) -> tuple[str, dict]:
    """A random valid scenario: (YAML text, resolved dict for reference.py).
    A draw whose amounts could overflow 64-bit pence is drawn again from a
    derived seed."""
    for attempt in range(100):
        sub = seed if attempt == 0 else seed * 1000003 + attempt
        text, scn = Generator(sub, big, ties, envelope_by_year, money_strings).build()
        if not too_big(scn):
            return text, scn
    raise RuntimeError(f"seed {seed}: no scenario without overflow")


# ---------------------------------------------------------------------------
# Fixed cases, worked out by hand
# ---------------------------------------------------------------------------

# Each: name -> (YAML, expected figures in pence worked out by hand).  The
# resolved form is made by fixed_cases() from the same literals.
_FIXED = {
    # SPEC 3.1's two ties, a by_year year next to compounding ones, and a
    # share of 0.35 (horizon 2020/21 .. 2023/24, the contract's 4 years).
    #   envelope and core: 1,000,000 x 1.005^3 = 1,000,000 x 1.015075125
    #     = 1,015,075.125 -> 1,015,075.13 in 2023/24 (the 4th year).
    #   core 2021/22 = 500,000 (by_year); 2022/23 = 1,000,000 x 1.005^2
    #     = 1,010,025 (2021/22's change still compounds).
    #   lot_a: 241,571; 241,571 x 1.025 = 247,610.275 -> 247,610.28;
    #     x 1.050625 = 253,800.531875 -> 253,800.53;
    #     x 1.076890625 = 260,145.545171875 -> 260,145.55; so
    #     tcv = 241,571 + 247,610.28 + 253,800.53 + 260,145.55 = 1,003,127.36.
    "spec_ties": ("""\
scenario:
  name: "The ties of SPEC 3.1"
  start: 2020-04-01
envelope:
  annual: "£1,000,000"
  change: 0.005
funding:
  core:
    name: "Core"
    annual: 1000000
    change: 0.5%
    by_year: {"2021/22": 500000}
  grant:
    name: "Grant"
    annual: 241571
contracts:
  lot_a:
    name: "Lot A"
    start: 2020-04-01
    annual: 241571
    term: 4
    uplift: 0.025
    funded_by: {core: 0.35, grant: 0.65}
""", {"envelope@2023/24": 101507513, "cost.lot_a@2021/22": 24761028,
      "cost@2022/23": 25380053, "cost@2023/24": 26014555, "tcv": 100312736,
      "funding.core@2021/22": 50000000, "funding.core@2022/23": 101002500,
      "funding.core@2023/24": 101507513}),

    # Shares of 0.35 of 10p a month (£1.20 a year) and of 90p a month
    # (£10.80 a year): cumulative C = 10, 20, 30 -> 3.5 -> 4, 7, 10.5 -> 11,
    # so stream a gets 4p, 3p, 4p; C = 90, 180, 270 -> 31.5 -> 32, 63,
    # 94.5 -> 95, so stream c gets 32p, 31p, 32p (in doubles 0.35 x 90 is
    # 31.499999999999996, which would round to 31p).
    "share_ties": ("""\
scenario:
  name: "Shares of 0.35"
  start: 2020-04-01
  end: 2020-06-30
envelope:
  annual: 0
funding:
  a: {name: "A", annual: 0}
  b: {name: "B", annual: 0}
  c: {name: "C", annual: 0}
  d: {name: "D", annual: 0}
contracts:
  tenp:
    name: "Ten pence a month"
    start: 2020-04-01
    annual: 1.20
    term: 1
    funded_by: {a: 0.35, b: 0.65}
  ninetyp:
    name: "Ninety pence a month"
    start: 2020-04-01
    annual: 10.80
    term: 1
    funded_by: {c: 0.35, d: 0.65}
""", {"committed.a@2020-04": 4, "committed.a@2020-05": 3, "committed.a@2020-06": 4,
      "committed.b@2020-04": 6, "committed.c@2020-04": 32, "committed.c@2020-05": 31,
      "committed.c@2020-06": 32, "committed.c": 95, "committed.d": 175}),

    # Days: £183,001.83 = 18,300,183p from 1 Jul 2019, a 366-day contract
    # year.  July: 18,300,183 x 31 / 366 = 1,550,015.5 -> 1,550,016p;
    # Jul..Mar (275 days): 18,300,183 x 275 / 366 = 13,750,137.5 -> 13,750,138p.
    "days_tie": ("""\
scenario:
  name: "A days-apportioned tie"
  apportion: days
envelope:
  annual: 0
contracts:
  lot:
    name: "Lot"
    start: 2019-07-01
    annual: 183001.83
    term: 1
""", {"cost@2019-07": 1550016, "cost@2019/20": 13750138, "cost@2020/21": 4550045}),

    # npv tie: £1,040.13 in the second financial year only, discount rate 4%:
    # 1,040.13 / 1.04 = 1,000.125 -> £1,000.13.  The money tie: 1234.565 is
    # 123,456.5p -> 123,457p (the envelope's 2020/21).
    "npv_tie": ("""\
scenario:
  name: "An npv tie"
  start: 2020-04-01
assumptions:
  discount_rate: 4%
envelope:
  annual: 1234.565
contracts:
  late:
    name: "Starts in year two"
    start: 2021-04-01
    annual: 1040.13
    term: 1
""", {"npv": 100013, "envelope@2020/21": 123457, "cost": 104013}),

    # A percentage whose numerator is not a binary fraction: 0.7% is the
    # double nearest 0.007, which enters as exactly 0.007 -- the same as
    # writing 0.007.  £5 x 1.007 = £5.035 -> £5.04 in year 2 for both
    # contracts, so each tcv is 5 + 5.04 = £10.04.  (0.7 / 100 computed in
    # doubles is 0.006999999999999999, which would give £5.03.)
    "percent_tie": ("""\
scenario:
  name: "0.7% is 0.007"
  start: 2020-04-01
envelope:
  annual: 0
contracts:
  pct:
    name: "Uplift written 0.7%"
    annual: 5
    term: 2
    uplift: 0.7%
  dec:
    name: "Uplift written 0.007"
    annual: 5
    term: 2
    uplift: 0.007
""", {"tcv.pct": 1004, "tcv.dec": 1004, "cost.pct@2021/22": 504, "cost.dec@2021/22": 504}),

    # An expression is evaluated as written, one IEEE double operation at a
    # time, and its result enters as its shortest decimal (SPEC 3.1):
    # 1 + 0.7 = 1.7, and 0.0125 x 1.7 is the double whose shortest decimal
    # is 0.02125 (Python: 0.0125 * (1 + 0.7) == 0.02125).  £4 x 1.02125 =
    # £4.085 -> £4.09 in year 2, tcv £8.09, as with the literal 0.02125.
    # (Rewritten as 0.0125 * x + 0.0125, as muParser's optimiser does, the
    # double is 0.021249999999999998 and year 2 would be £4.08.)
    "expression_order": ("""\
scenario:
  name: "Expressions in the written order"
  start: 2020-04-01
assumptions:
  x: 0.7
  y: 0.0125 * (1 + x)
envelope:
  annual: 0
contracts:
  inline:
    name: "Uplift as an inline expression"
    annual: 4
    term: 2
    uplift: "0.0125 * (1 + x)"
  named:
    name: "Uplift through an assumption"
    annual: 4
    term: 2
    uplift: y
  literal:
    name: "Uplift as a literal"
    annual: 4
    term: 2
    uplift: 0.02125
""", {"tcv.inline": 809, "tcv.named": 809, "tcv.literal": 809}),

    # A contract already running at scenario.start, with one of two
    # extensions exercised.  Started 1 Jul 2018, term 3 + [2, 2], exercise 1:
    # 5 years to Jun 2023.  Horizon: Apr 2019 .. Jun 2025 (the end with every
    # extension).  2.5% from its own start: year 0 241,571, year 1
    # 247,610.28, year 2 253,800.53, year 3 260,145.55, year 4
    # 241,571 x 1.103812890625 = 241,571 + 24,157.10 + 921.0838... =
    # 266,649.1838... -> 266,649.18.
    # cost = 3/12 of year 0 (60,392.75) + years 1..4 = 60,392.75 + 247,610.28
    # + 253,800.53 + 260,145.55 + 266,649.18 = 1,088,598.29;
    # tcv = years 0..4 = 241,571 + 1,028,205.54 = 1,269,776.54; the envelope
    # runs to Jun 2025:
    # 2025/26 holds Apr..Jun 2025 = 3/12 of 100,000 = 25,000.
    "running": ("""\
scenario:
  name: "Already running"
  start: 2019-04-01
envelope:
  annual: 100000
contracts:
  old:
    name: "Old lot"
    start: 2018-07-01
    annual: 241571
    term: 3
    extensions: [2, 2]
    exercise: 1
    uplift: 2.5%
""", {"cost": 108859829, "tcv": 126977654, "envelope@2025/26": 2500000,
      "cost@2019/20": 24157100 // 4 + 24761028 * 3 // 4, "cost@2024/25": 0}),
}

# The resolved forms of the fixed cases (the same literals as the YAML).
_FIXED_RESOLVED = {
    "spec_ties": {
        "start": "2020-04-01", "end": None, "fiscal_year_start": 4, "apportion": "months",
        "discount_rate": 0.035,
        "envelope": {"annual": 1000000.0, "change": 0.005, "by_year": {}},
        "funding": [
            {"id": "core", "annual": 1000000.0, "change": double_of_text("0.5%"),
             "by_year": {"2021/22": 500000.0}, "from": None, "until": None},
            {"id": "grant", "annual": 241571.0, "change": 0.0, "by_year": {},
             "from": None, "until": None}],
        "contracts": [{"id": "lot_a", "group": None, "start": "2020-04-01",
                       "annual": 241571.0, "term": 4, "extensions": [], "exercise": 0,
                       "uplift": 0.025, "funded_by": [["core", 0.35], ["grant", 0.65]]}]},
    "share_ties": {
        "start": "2020-04-01", "end": "2020-06-30", "fiscal_year_start": 4,
        "apportion": "months", "discount_rate": 0.035,
        "envelope": {"annual": 0.0, "change": 0.0, "by_year": {}},
        "funding": [{"id": s, "annual": 0.0, "change": 0.0, "by_year": {}, "from": None,
                     "until": None} for s in "abcd"],
        "contracts": [
            {"id": "tenp", "group": None, "start": "2020-04-01", "annual": 1.20, "term": 1,
             "extensions": [], "exercise": 0, "uplift": 0.0,
             "funded_by": [["a", 0.35], ["b", 0.65]]},
            {"id": "ninetyp", "group": None, "start": "2020-04-01", "annual": 10.80,
             "term": 1, "extensions": [], "exercise": 0, "uplift": 0.0,
             "funded_by": [["c", 0.35], ["d", 0.65]]}]},
    "days_tie": {
        "start": None, "end": None, "fiscal_year_start": 4, "apportion": "days",
        "discount_rate": 0.035,
        "envelope": {"annual": 0.0, "change": 0.0, "by_year": {}}, "funding": [],
        "contracts": [{"id": "lot", "group": None, "start": "2019-07-01",
                       "annual": 183001.83, "term": 1, "extensions": [], "exercise": 0,
                       "uplift": 0.0, "funded_by": None}]},
    "npv_tie": {
        "start": "2020-04-01", "end": None, "fiscal_year_start": 4, "apportion": "months",
        "discount_rate": double_of_text("4%"),
        "envelope": {"annual": 1234.565, "change": 0.0, "by_year": {}}, "funding": [],
        "contracts": [{"id": "late", "group": None, "start": "2021-04-01",
                       "annual": 1040.13, "term": 1, "extensions": [], "exercise": 0,
                       "uplift": 0.0, "funded_by": None}]},
    "percent_tie": {
        "start": "2020-04-01", "end": None, "fiscal_year_start": 4, "apportion": "months",
        "discount_rate": 0.035,
        "envelope": {"annual": 0.0, "change": 0.0, "by_year": {}}, "funding": [],
        "contracts": [{"id": cid, "group": None, "start": "2020-04-01", "annual": 5.0,
                       "term": 2, "extensions": [], "exercise": 0, "uplift": up,
                       "funded_by": None}
                      for cid, up in (("pct", double_of_text("0.7%")), ("dec", 0.007))]},
    "expression_order": {
        "start": "2020-04-01", "end": None, "fiscal_year_start": 4, "apportion": "months",
        "discount_rate": 0.035,
        "envelope": {"annual": 0.0, "change": 0.0, "by_year": {}}, "funding": [],
        "contracts": [{"id": cid, "group": None, "start": "2020-04-01", "annual": 4.0,
                       "term": 2, "extensions": [], "exercise": 0, "uplift": up,
                       "funded_by": None}
                      for cid, up in (("inline", 0.0125 * (1 + 0.7)),
                                      ("named", 0.0125 * (1 + 0.7)), ("literal", 0.02125))]},
    "running": {
        "start": "2019-04-01", "end": None, "fiscal_year_start": 4, "apportion": "months",
        "discount_rate": 0.035,
        "envelope": {"annual": 100000.0, "change": 0.0, "by_year": {}}, "funding": [],
        "contracts": [{"id": "old", "group": None, "start": "2018-07-01",
                       "annual": 241571.0, "term": 3, "extensions": [2, 2], "exercise": 1,
                       "uplift": double_of_text("2.5%"), "funded_by": None}]},
}


def fixed_cases() -> list[tuple[str, str, dict, dict]]:
    """[(name, yaml_text, resolved, {metric: pence worked out by hand})].
    Per-month metrics (NAME@2020-07) are meant to be computed for these."""
    return [(name, text, _FIXED_RESOLVED[name], expect)
            for name, (text, expect) in _FIXED.items()]


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[1] == "--fixed":
        for name, text, scn, _ in fixed_cases():
            if name == argv[2]:
                sys.stdout.write(text)
                print(json.dumps(scn, indent=1), file=sys.stderr)
                return 0
        print(f"no fixed case {argv[2]!r}: {', '.join(_FIXED)}", file=sys.stderr)
        return 2
    if len(argv) < 2 or not argv[1].lstrip("-").isdigit():
        print("usage: generate.py SEED [--big] [--ties] | generate.py --fixed NAME",
              file=sys.stderr)
        return 2
    text, scn = generate(int(argv[1]), big="--big" in argv, ties="--ties" in argv)
    sys.stdout.write(text)
    print(json.dumps(scn, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
