#!/usr/bin/env python3
"""A real spreadsheet as a second judge of envelope's rounding.

For generated scenarios full of half-penny ties, writes every contract-year
value V_k and every funding-year amount A_f (SPEC 3.2, 3.3) as spreadsheet
ROUND formulas over input cells into one .xlsx, has headless LibreOffice Calc
recalculate it, and compares each cell with `envelope eval` to the penny.

Each figure is written twice, in two analyst's forms:

    PRODUCT form   =ROUND($V0*PRODUCT(1+u_1,...,1+u_k),2)
    chained form   =ROUND($V0*(1+u_1)*...*(1+u_k),2)

with V_0 =ROUND(annual,2) and each u_j a cell that refers to the rate input
cells (numbers, percentages, or formulas over assumption cells).

Every value is also computed exactly with fractions.Fraction from the shortest
decimals of the inputs (SPEC 3.1). LibreOffice is the judge wherever it agrees
with that exact value. Where LibreOffice itself differs from exact decimal
arithmetic (its ROUND first rounds to 15 significant digits, so a value a few
units in the 16th digit below a half penny rounds up), the SPEC's exact value
decides, and the cell is listed as a `note:` line, never silently. Such cells
only arise with --near-ties.

Usage:
    spreadsheet_check.py --envelope build/envelope [--count N] [--seed S] [--keep DIR]

Last line: `spreadsheet_check: P passed, F failed` (one per compared cell);
exit 0 iff none failed, 1 if any did (a metric envelope refuses fails too),
2 if LibreOffice failed or did not recalculate, 77 when LibreOffice is not
installed.
"""

import argparse
import importlib.util
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from fractions import Fraction

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from readers import recalculate_xlsx  # noqa: E402

SKIP = 77
START_YEAR = 2020  # scenario.start 2020-04-01, fiscal_year_start 4

# ---------------------------------------------------------------------------
# exact decimal arithmetic


def exact(x):
    """A number as the SPEC reads it: the shortest decimal of its double."""
    if isinstance(x, Fraction):
        return x
    return Fraction(repr(float(x)))


def round_pence(value):
    """Pounds (Fraction) to whole pence, half away from zero."""
    p = value * 100
    sign = -1 if p < 0 else 1
    p = abs(p)
    n = p.numerator // p.denominator
    if p - n >= Fraction(1, 2):
        n += 1
    return sign * n


def is_tie(value):
    """Exactly half a penny before rounding."""
    return (value * 100 - Fraction(1, 2)).denominator == 1


def decimal_text(fr):
    """A Fraction whose denominator is 2^a 5^b, as its exact decimal."""
    sign = "-" if fr < 0 else ""
    fr = abs(fr)
    n = 0
    while (fr * 10 ** n).denominator != 1:
        n += 1
        if n > 80:
            return sign + str(fr)
    digits = str((fr * 10 ** n).numerator).rjust(n + 1, "0")
    if n == 0:
        return sign + digits
    return sign + digits[:-n] + "." + digits[-n:]


def pounds(pence):
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}{pence // 100}.{pence % 100:02d}"


def near_tie(value):
    """Within LibreOffice's 15-significant-digit window of a half penny."""
    p = abs(value * 100)
    if p == 0:
        return False
    d = abs(p - (Fraction(p.numerator // p.denominator) + Fraction(1, 2)))
    return d <= p * Fraction(1, 10 ** 14)


def fy_label(f):
    y = START_YEAR + f
    return f"{y}/{(y + 1) % 100:02d}"


# ---------------------------------------------------------------------------
# scenario generator (independent of tests/reference/)

# Rates as a scenario writes them: numbers, percentages, and expressions over
# assumptions (in the spreadsheet, formulas over the assumptions' cells).
NUMBER_RATES = ["0.005", "0.0125", "0.025", "0.035", "-0.025", "0.02", "0.03",
                "0.01", "0.015", "0", "0.0175", "-0.05", "0.05", "0.0225"]
PERCENT_RATES = ["2.5%", "0.5%", "1.25%", "3%", "-2.5%", "1.5%", "0.75%"]
# (yaml, formula template, python expression): kept only when the double it
# gives has a short decimal (an analyst's 0.025, not 0.034999999999999996),
# except with --near-ties.
EXPRESSIONS = [("cpi + 0.005", "{cpi}+0.005", "cpi + 0.005"),
               ("cpi + 0.0125", "{cpi}+0.0125", "cpi + 0.0125"),
               ("infl - 0.005", "{infl}-0.005", "infl - 0.005"),
               ("cpi * 1.25", "{cpi}*1.25", "cpi * 1.25"),
               ("infl", "{infl}", "infl"),
               ("cpi", "{cpi}", "cpi")]
AMOUNTS = ["1000000", "241571", "520000", "35850.5", "562600", "188805",
           "695490", "652465", "1347955", "380000", "310000", "1250000",
           "120000", "73200", "146000", "99999.99", "430000", "185000"]
MAGNITUDES = [1000000, 241571, 520000, 35850.5, 150000, 80000, 1347955,
              695490, 12000, 2500000]
SHARES = {1: [["1"]],
          2: [["0.6", "0.4"], ["0.35", "0.65"], ["0.5", "0.5"], ["0.25", "0.75"],
              ["0.7", "0.3"]],
          3: [["0.2", "0.3", "0.5"], ["0.25", "0.25", "0.5"], ["0.1", "0.45", "0.45"]]}
STREAM_IDS = ["core", "public_health", "better_care", "pcc_grant"]
CONTRACT_IDS = ["da_victims", "da_accommodation", "perpetrator", "counselling",
                "outreach"]


class Rate:
    def __init__(self, yaml_text, cell, value):
        self.yaml = yaml_text      # as written in the scenario
        self.cell = cell           # number, or formula template with {name}
        self.value = value         # the double envelope reads
        self.percent = yaml_text.endswith("%")

    @property
    def exact(self):
        if self.percent:
            return Fraction(self.yaml[:-1].strip()) / 100
        return exact(self.value)


def short_decimal(x):
    text = repr(x)
    return "e" not in text and len(text.split(".")[-1]) <= 6


def make_rate(rng, assumptions, near_ties):
    kind = rng.random()
    if kind < 0.55:
        t = rng.choice(NUMBER_RATES)
        return Rate(t, float(t), float(t))
    if kind < 0.8:
        t = rng.choice(PERCENT_RATES)
        v = float(Fraction(t[:-1]) / 100)
        return Rate(t, v, v)
    choices = []
    for y, f, py in EXPRESSIONS:
        v = eval(py, {}, dict(assumptions))  # noqa: S307 - our own fixed text
        if near_ties or short_decimal(v):
            choices.append((y, f, v))
    y, f, v = rng.choice(choices)
    return Rate(y, "=" + f, v)


def rate_path(inputs, steps):
    """u_1..u_steps: list element i applies at step i+1, the last repeats."""
    return [inputs[min(j, len(inputs) - 1)] for j in range(steps)]


def money_yaml(text, rng):
    """Plain, or now and then as a finance user types it: "£1,000,000"."""
    if rng.random() < 0.2 and "e" not in text:
        whole, _, frac = text.partition(".")
        body = f"{int(whole):,}"
        if frac:
            body += "." + frac.ljust(2, "0")
        return f'"£{body}"'
    return text


def construct_tie(rng, rates, k, magnitude):
    """An annual (decimal text) whose value at step k is an exact half-penny
    tie, or None. Step 0: the annual itself has a half penny."""
    if k == 0:
        pence = int(magnitude * 100 * rng.uniform(0.5, 1.5))
        return f"{pence // 100}.{pence % 100:02d}5"
    if not rates:
        return None
    prod = Fraction(1)
    for r in rate_path(rates, k):
        prod *= 1 + r.exact
    a, b = prod.numerator, prod.denominator
    # V0 (pence P) * a / b = n + 1/2  <=>  P = (b/2) * odd, with a odd.
    if b % 2 or a % 2 == 0:
        return None
    h = b // 2
    if h > 5 * 10 ** 8:        # it would take more than £5m
        return None
    target = int(magnitude * 100 * rng.uniform(0.5, 1.5))
    m0 = max(1, target // h)
    best = None
    for prefer in (100, 50, 1):   # whole pounds if it can, then 50p, then pence
        for d in range(0, 400):
            for m in (m0 + d, m0 - d):
                if m >= 1 and m % 2 == 1 and (h * m) % prefer == 0:
                    best = h * m
                    break
            if best:
                break
        if best:
            break
    if not best:
        return None
    return f"{best // 100}" if best % 100 == 0 else f"{best // 100}.{best % 100:02d}"


class Series:
    """One contract, funding stream or the envelope: its years' values."""

    def __init__(self, kind, ident, name, annual_text, annual_cell, rate_inputs, years):
        self.kind = kind              # contract | funding | envelope
        self.ident = ident
        self.name = name
        self.annual_text = annual_text  # decimal text of the number envelope reads
        self.annual_cell = annual_cell  # number or formula template
        self.rate_inputs = rate_inputs  # list of Rate (empty: no change)
        self.years = years

    def annual_exact(self):
        return exact(float(self.annual_text))

    def steps(self):
        if not self.rate_inputs:
            return [Rate("0", 0.0, 0.0)] * (self.years - 1)
        return rate_path(self.rate_inputs, self.years - 1)

    def exact_values(self):
        """Exact value of each year before rounding (V_0 before round(annual))."""
        a0 = self.annual_exact()
        v0 = Fraction(round_pence(a0), 100)
        out = [a0]
        prod = Fraction(1)
        for r in self.steps():
            prod *= 1 + r.exact
            out.append(v0 * prod)
        return out

    def naive_pence(self, k):
        """What binary floating point gives: pence times the double product
        (1+u_1)...(1+u_k), rounded half up (V_0: the double annual times 100)."""
        if k == 0:
            return math.floor(float(self.annual_text) * 100 + 0.5)
        prod = 1.0
        for r in self.steps()[:k]:
            prod *= 1 + r.value
        return math.floor(round_pence(self.annual_exact()) * prod + 0.5)

    def inputs_text(self, k):
        text = f"annual {self.annual_text}"
        if k:
            rates = []
            for r in self.steps()[:k]:
                shown = r.yaml if r.yaml == decimal_text(r.exact) else \
                    f"{r.yaml} = {decimal_text(r.exact)}"
                rates.append(shown)
            text += f", V_0 {pounds(round_pence(self.annual_exact()))}, " \
                    f"{'u_1' if k == 1 else f'u_1..u_{k}'} {', '.join(rates)}"
        return text

    def metric(self, k):
        if self.kind == "contract":
            return f"cost.{self.ident}@Y{k + 1}"
        if self.kind == "funding":
            return f"funding.{self.ident}@{fy_label(k)}"
        return f"envelope@{fy_label(k)}"


def rate_yaml(rates, as_list):
    def one(r):
        if r.percent or " " in r.yaml:
            return f'"{r.yaml}"'
        return r.yaml
    if as_list or len(rates) > 1:
        return "[" + ", ".join(one(r) for r in rates) + "]"
    return one(rates[0])


def make_rates(rng, assumptions, near_ties):
    n = rng.choice([1, 1, 1, 2, 3, 4])
    return [make_rate(rng, assumptions, near_ties) for _ in range(n)], n > 1 or rng.random() < 0.1


def make_annual(rng, rates, years, assumptions, near_ties):
    """(decimal text envelope reads, yaml text, spreadsheet cell)."""
    roll = rng.random()
    if roll < 0.8:
        # a tie at a random year, or failing that at any year it can be had
        steps = list(range(years))
        rng.shuffle(steps)
        magnitude = rng.choice(MAGNITUDES)
        for k in steps:
            text = construct_tie(rng, rates, k, magnitude)
            if text:
                return text, money_yaml(text, rng), float(text)
    if roll < 0.9:
        base = rng.choice(["580000", "430000", "185000", "241571"])
        v = eval(f"{base} * (1 - pcc_cut)", {}, dict(assumptions))  # noqa: S307
        if near_ties or short_decimal(v):
            return repr(v), f'"{base} * (1 - pcc_cut)"', f"={base}*(1-{{pcc_cut}})"
    text = rng.choice(AMOUNTS)
    return text, money_yaml(text, rng), float(text)


def generate(seed, near_ties=False):
    """(yaml text, [Series], {assumption: value}) for one scenario."""
    rng = random.Random(seed)
    assumptions = {"cpi": rng.choice([0.02, 0.01, 0.015]),
                   "infl": rng.choice([0.025, 0.02, 0.03]),
                   "pcc_cut": rng.choice([0.03, 0.05, 0.1])}
    if near_ties:
        assumptions["cpi"] = 0.03   # cpi + 0.005 = 0.034999999999999996

    # contracts first: the horizon is as long as the longest with every extension
    n_contracts = rng.randint(1, 4)
    default_uplift = None
    if rng.random() < 0.5:
        default_uplift = make_rates(rng, assumptions, near_ties)
    default_term = rng.randint(1, 4)
    default_ext = rng.choice([[], [1], [2], [1, 1], [2, 2], [1, 2]])
    contracts = []
    for i in range(n_contracts):
        ident = CONTRACT_IDS[i]
        term = rng.randint(1, 4) if rng.random() < 0.6 else None
        ext = rng.choice([[], [1], [2], [1, 1], [2, 2], [1, 2]]) if rng.random() < 0.6 else None
        t = term if term is not None else default_term
        e = ext if ext is not None else default_ext
        exercise = rng.choice([None, "all"] + list(range(len(e) + 1)))
        taken = len(e) if exercise in (None, "all") else exercise
        years = t + sum(e[:taken])
        own = None
        if default_uplift is None or rng.random() < 0.5:
            own = make_rates(rng, assumptions, near_ties)
        rates, as_list = own if own else default_uplift
        contracts.append(dict(ident=ident, term=term, ext=ext, exercise=exercise,
                              years=years, full=t + sum(e), own=own, rates=rates,
                              as_list=as_list, own_start=rng.random() < 0.3))
    horizon = max(c["full"] for c in contracts)

    streams = []
    for ident in STREAM_IDS[:rng.randint(1, 3)]:
        rates, as_list = make_rates(rng, assumptions, near_ties) if rng.random() < 0.85 else ([], False)
        streams.append(dict(ident=ident, rates=rates, as_list=as_list))
    env_rates, env_list = make_rates(rng, assumptions, near_ties) if rng.random() < 0.85 else ([], False)

    series = []
    lines = ["# Generated by tests/spreadsheet/spreadsheet_check.py, seed %d" % seed,
             "scenario:",
             f'  name: "Spreadsheet check, seed {seed}"',
             "  start: 2020-04-01",
             "  fiscal_year_start: 4",
             "assumptions:"]
    for name, value in assumptions.items():
        lines.append(f"  {name}: {value!r}")

    text, yaml_annual, cell = make_annual(rng, env_rates, horizon, assumptions, near_ties)
    series.append(Series("envelope", "envelope", "Envelope", text, cell, env_rates, horizon))
    lines += ["envelope:", f"  annual: {yaml_annual}"]
    if env_rates:
        lines.append(f"  change: {rate_yaml(env_rates, env_list)}")

    lines.append("funding:")
    for s in streams:
        text, yaml_annual, cell = make_annual(rng, s["rates"], horizon, assumptions, near_ties)
        name = s["ident"].replace("_", " ").capitalize()
        series.append(Series("funding", s["ident"], name, text, cell, s["rates"], horizon))
        lines += [f"  {s['ident']}:", f"    name: {name}", f"    annual: {yaml_annual}"]
        if s["rates"]:
            lines.append(f"    change: {rate_yaml(s['rates'], s['as_list'])}")

    lines += ["defaults:", "  start: 2020-04-01", f"  term: {default_term}",
              f"  extensions: {default_ext}"]
    if default_uplift:
        lines.append(f"  uplift: {rate_yaml(*default_uplift)}")

    lines.append("contracts:")
    stream_ids = [s["ident"] for s in streams]
    for c in contracts:
        text, yaml_annual, cell = make_annual(rng, c["rates"], c["years"], assumptions, near_ties)
        name = c["ident"].replace("_", " ").capitalize()
        series.append(Series("contract", c["ident"], name, text, cell, c["rates"], c["years"]))
        lines += [f"  {c['ident']}:", f"    name: {name}", f"    annual: {yaml_annual}"]
        if c["own_start"]:
            lines.append("    start: 2020-04-01")
        if c["term"] is not None:
            lines.append(f"    term: {c['term']}")
        if c["ext"] is not None:
            lines.append(f"    extensions: {c['ext']}")
        if c["exercise"] is not None:
            lines.append(f"    exercise: {c['exercise']}")
        if c["own"]:
            lines.append(f"    uplift: {rate_yaml(*c['own'])}")
        if rng.random() < 0.8:
            k = rng.randint(1, len(stream_ids))
            names = rng.sample(stream_ids, k)
            shares = rng.choice(SHARES[k])
            lines.append("    funded_by: {" + ", ".join(f"{n}: {s}" for n, s in zip(names, shares)) + "}")

    if near_ties:
        # Values a few units in the 16th significant digit below a half penny:
        # exact decimal arithmetic rounds them down, LibreOffice's ROUND up.
        rates = [Rate("cpi + 0.005", "={cpi}+0.005", assumptions["cpi"] + 0.005)]
        lines += ["  near_tie_rate:", "    name: Near tie through cpi + 0.005",
                  "    annual: 241571", "    term: 2", "    extensions: []",
                  '    uplift: "cpi + 0.005"']
        series.append(Series("contract", "near_tie_rate", "Near tie (rate)", "241571",
                             241571.0, rates, 2))
        lines += ["  near_tie_annual:", "    name: Near tie in the annual",
                  "    annual: 1000.0049999999999", "    term: 1", "    extensions: []",
                  "    uplift: 0"]
        series.append(Series("contract", "near_tie_annual", "Near tie (annual)",
                             "1000.0049999999999", 1000.0049999999999,
                             [Rate("0", 0.0, 0.0)], 1))
    return "\n".join(lines) + "\n", series, assumptions


# ---------------------------------------------------------------------------
# the workbook

CONTROL_CELL = "B2"
CONTROL_CACHED = "3"    # a wrong cached value of =1+1 planted in every sheet


def col(n):
    """1-based column number to letters."""
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def write_workbook(path, scenarios):
    """scenarios: [(seed, [Series], assumptions)]. Returns a dict (sheet, cell,
    formula, seed, series, k, form) for every compared cell."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    cells = []
    bold = Font(bold=True)
    for seed, series, assumptions in scenarios:
        ws = wb.create_sheet(f"seed_{seed}")
        ws["A1"] = f"envelope spreadsheet check, scenario seed {seed}"
        ws["A1"].font = bold
        ws["A2"] = "control: =1+1, cached 3 (recalculated must show 2)"
        ws[CONTROL_CELL] = "=1+1"
        ws["A3"] = "assumptions"
        refs = {}
        c = 2
        names = sorted({n for s in series for n in re.findall(r"\{(\w+)\}", str(s.annual_cell))}
                       | {n for s in series for r in s.rate_inputs
                          for n in re.findall(r"\{(\w+)\}", str(r.cell))})
        for name in names:
            ws.cell(3, c, name)
            ws.cell(3, c + 1, assumptions[name])
            refs[name] = f"${col(c + 1)}$3"
            c += 2
        row = 5
        for s in series:
            labels = [f"Y{k + 1}" if s.kind == "contract" else fy_label(k) for k in range(s.years)]
            ws.cell(row, 1, s.kind).font = bold
            ws.cell(row, 2, s.ident).font = bold
            ws.cell(row, 3, s.name)
            for k, label in enumerate(labels):
                ws.cell(row, 4 + k, label).font = bold
            # inputs: annual in D, rate inputs from E
            ws.cell(row + 1, 3, "annual; rate inputs")
            a = ws.cell(row + 1, 4)
            a.value = s.annual_cell.format(**refs) if isinstance(s.annual_cell, str) else s.annual_cell
            a.number_format = "#,##0.00####"
            inputs = s.rate_inputs or [Rate("0", 0.0, 0.0)]
            for i, r in enumerate(inputs):
                cell = ws.cell(row + 1, 5 + i)
                cell.value = r.cell.format(**refs) if isinstance(r.cell, str) else r.cell
                cell.number_format = "0.00##%"
            # the rate at each step j (column of V_j), pointing at its input
            ws.cell(row + 2, 3, "rate at step")
            for j in range(1, s.years):
                src = min(j - 1, len(inputs) - 1)
                cell = ws.cell(row + 2, 4 + j, f"=${col(5 + src)}${row + 1}")
                cell.number_format = "0.00##%"
            for form, r in (("PRODUCT", row + 3), ("chained", row + 4)):
                ws.cell(r, 3, f"{form} form")
                v0 = f"$D${r}"
                for k in range(s.years):
                    steps = [f"{col(4 + j)}${row + 2}" for j in range(1, k + 1)]
                    if k == 0:
                        f = f"=ROUND($D${row + 1},2)"
                    elif form == "PRODUCT":
                        f = f"=ROUND({v0}*PRODUCT({','.join('1+' + x for x in steps)}),2)"
                    else:
                        f = f"=ROUND({v0}*{'*'.join('(1+' + x + ')' for x in steps)},2)"
                    cell = ws.cell(r, 4 + k, f)
                    cell.number_format = "#,##0.00"
                    if k == 0 and form == "chained":
                        continue    # the same formula as the PRODUCT row's V_0
                    cells.append(dict(sheet=ws.title, cell=f"{col(4 + k)}{r}", formula=f,
                                      seed=seed, series=s, k=k, form=form))
            row += 6
        ws.column_dimensions["A"].width = 12
        ws.column_dimensions["B"].width = 18
        ws.column_dimensions["C"].width = 20
        for k in range(4, 16):
            ws.column_dimensions[col(k)].width = 15
    wb.save(path)
    return cells


def plant_control(path):
    """Give every sheet's control cell a wrong cached value, so that a
    LibreOffice that does not recalculate on load is caught."""
    tmp = path + ".tmp"
    planted = 0
    pattern = re.compile(r'(<c r="%s"[^>]*>)<f>1\+1</f>(?:<v\s*/>|<v>[^<]*</v>)?' % CONTROL_CELL)
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        sheets = 0
        for item in zin.infolist():
            data = zin.read(item.filename)
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", item.filename):
                sheets += 1
                text, n = pattern.subn(r"\1<f>1+1</f><v>%s</v>" % CONTROL_CACHED, data.decode())
                planted += n
                data = text.encode()
            zout.writestr(item, data)
    os.replace(tmp, path)
    if planted != sheets:
        raise RuntimeError(f"planted the control value in {planted} of {sheets} sheets")


# ---------------------------------------------------------------------------
# LibreOffice



def recalculate(soffice, src, outdir, workdir, timeout):
    """Open src in headless Calc with a private profile that recalculates on
    load, save it as .xlsx into outdir; returns the path written."""
    return recalculate_xlsx(soffice, [src], outdir, workdir, timeout)[src]


def run_envelope(envelope, path, metrics, timeout=60):
    """{metric: pence}, or {metric: error text} for a metric envelope refuses:
    all metrics in one call, and one by one only when that call fails."""
    def call(ms):
        done = subprocess.run([envelope, "eval", path] + ms, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
        values = done.stdout.split()
        if done.returncode != 0 or len(values) != len(ms):
            return None, (done.stderr.strip() or f"exit {done.returncode}, "
                          f"{len(values)} values for {len(ms)} metrics")
        return values, None

    values, error = call(metrics)
    if values is None:
        if len(metrics) == 1:
            return {metrics[0]: error}
        out = {}
        for m in metrics:
            out.update(run_envelope(envelope, path, [m], timeout))
        return out
    out = {}
    for m, v in zip(metrics, values):
        if re.fullmatch(r"-?\d+\.\d\d", v):
            out[m] = int(Fraction(v) * 100)
        else:
            out[m] = f"printed {v!r}"
    return out


# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--envelope", required=True, help="path of the envelope program")
    ap.add_argument("--count", type=int, default=40, help="scenarios (default 40)")
    ap.add_argument("--seed", type=int, default=1, help="first scenario seed (default 1)")
    ap.add_argument("--keep", metavar="DIR",
                    help="keep the scenarios, both workbooks and a results CSV in DIR")
    ap.add_argument("--near-ties", action="store_true",
                    help="add values just below a half penny in the 16th digit, where "
                         "LibreOffice's ROUND and exact decimal arithmetic disagree")
    ap.add_argument("--soffice", default=None, help="LibreOffice program (default: soffice on PATH)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds for LibreOffice (default 300)")
    args = ap.parse_args()

    soffice = args.soffice or shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not os.access(soffice, os.X_OK):
        print("skipped: LibreOffice (soffice) is not installed "
              "(Debian: apt-get install --no-install-recommends libreoffice-calc)")
        return SKIP
    if importlib.util.find_spec("openpyxl") is None:
        print("spreadsheet_check: error: this Python has no openpyxl "
              "(Debian: python3-openpyxl; run with /usr/bin/python3)", file=sys.stderr)
        return 2
    if not os.access(args.envelope, os.X_OK):
        print(f"spreadsheet_check: error: no envelope program at {args.envelope}", file=sys.stderr)
        return 2

    t0 = time.monotonic()
    workdir = tempfile.mkdtemp(prefix="envelope-spreadsheet-")
    try:
        return check(args, soffice, workdir, t0)
    except RuntimeError as e:
        print(f"spreadsheet_check: error: {e}", file=sys.stderr)
        print("spreadsheet_check: 0 passed, 1 failed")
        return 2
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def check(args, soffice, workdir, t0):
    keep = args.keep
    if keep:
        os.makedirs(keep, exist_ok=True)
    scenarios = []
    envelope_values = {}
    for i in range(args.count):
        seed = args.seed * 1000 + i
        text, series, assumptions = generate(seed, args.near_ties)
        path = os.path.join(keep or workdir, f"scenario_{seed}.yaml")
        with open(path, "w") as f:
            f.write(text)
        metrics = [s.metric(k) for s in series for k in range(s.years)]
        envelope_values[seed] = run_envelope(args.envelope, path, metrics)
        scenarios.append((seed, series, assumptions))

    src = os.path.join(workdir, "spreadsheet_check.xlsx")
    cells = write_workbook(src, scenarios)
    plant_control(src)
    outdir = os.path.join(workdir, "recalculated")
    os.makedirs(outdir)
    t_lo = time.monotonic()
    out = recalculate(soffice, src, outdir, workdir, args.timeout)
    t_lo = time.monotonic() - t_lo
    if keep:
        shutil.copy(src, os.path.join(keep, "spreadsheet_check.xlsx"))
        shutil.copy(out, os.path.join(keep, "spreadsheet_check.recalculated.xlsx"))

    import openpyxl
    wb = openpyxl.load_workbook(out, data_only=True)
    for seed, _, _ in scenarios:
        got = wb[f"seed_{seed}"][CONTROL_CELL].value
        if got != 2:
            raise RuntimeError(f"LibreOffice did not recalculate on load: control cell "
                               f"seed_{seed}!{CONTROL_CELL} (=1+1, cached {CONTROL_CACHED}) "
                               f"reads {got!r}")

    passed = failed = notes = 0
    values = ties = ties_v0 = traps = 0
    form_differ = 0
    lo_by_value = {}
    rows = []
    seen_values = set()
    for c in cells:
        s, k = c["series"], c["k"]
        ex_unrounded = s.exact_values()[k]
        ex = round_pence(ex_unrounded)
        metric = s.metric(k)
        key = (c["seed"], metric)
        if key not in seen_values:
            seen_values.add(key)
            values += 1
            if is_tie(ex_unrounded):
                ties += 1
                ties_v0 += k == 0
            traps += s.naive_pence(k) != ex
        lo_raw = wb[c["sheet"]][c["cell"]].value
        env = envelope_values[c["seed"]][metric]
        where = f"seed {c['seed']} cell {c['sheet']}!{c['cell']} {metric} ({c['form']} form)"
        if isinstance(env, str):
            failed += 1
            print(f"FAIL {where}: envelope eval gave no value: {env}")
            rows.append((c["seed"], c["sheet"], c["cell"], metric, c["form"], c["formula"],
                         repr(lo_raw), env, decimal_text(ex_unrounded), pounds(ex),
                         "yes" if is_tie(ex_unrounded) else "no", "FAIL"))
            continue
        if not isinstance(lo_raw, (int, float)):
            failed += 1
            print(f"FAIL {where}: formula {c['formula']}: LibreOffice gave {lo_raw!r}")
            continue
        lo = round_pence(exact(lo_raw))
        if key in lo_by_value and lo_by_value[key] != lo:
            form_differ += 1
        lo_by_value.setdefault(key, lo)
        detail = (f"formula {c['formula']} [{s.inputs_text(k)}]: "
                  f"LibreOffice {pounds(lo)}, envelope {pounds(env)}, "
                  f"exact {decimal_text(ex_unrounded)} -> {pounds(ex)}"
                  + (" (an exact half-penny tie)" if is_tie(ex_unrounded) else ""))
        verdict = "pass"
        if lo == ex:
            if env == lo:
                passed += 1
            else:
                failed += 1
                verdict = "FAIL"
                print(f"FAIL {where}: {detail}")
        elif near_tie(ex_unrounded):
            # LibreOffice's ROUND sees 15 significant digits; the SPEC's exact
            # decimal decides (SPEC 3.1: binary floating point never decides).
            notes += 1
            if env == ex:
                passed += 1
                verdict = "pass (LibreOffice differs; exact decides)"
                print(f"note: {where}: LibreOffice's ROUND differs from exact decimal "
                      f"arithmetic (15 significant digits); judged by the exact value: {detail}")
            else:
                failed += 1
                verdict = "FAIL"
                print(f"FAIL {where}: envelope differs from the exact value (LibreOffice "
                      f"differs too, within its 15-digit window): {detail}")
        else:
            failed += 1
            verdict = "FAIL"
            print(f"FAIL {where}: the check itself is wrong: LibreOffice and the exact value "
                  f"disagree far from a tie: {detail}")
        rows.append((c["seed"], c["sheet"], c["cell"], metric, c["form"], c["formula"],
                     pounds(lo), pounds(env), decimal_text(ex_unrounded), pounds(ex),
                     "yes" if is_tie(ex_unrounded) else "no", verdict))

    if keep:
        import csv
        with open(os.path.join(keep, "results.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["seed", "sheet", "cell", "metric", "form", "formula", "libreoffice",
                        "envelope", "exact", "exact_rounded", "tie", "verdict"])
            w.writerows(rows)

    print(f"spreadsheet_check: {len(scenarios)} scenarios (seeds {args.seed * 1000}.."
          f"{args.seed * 1000 + args.count - 1}), {values} values in {len(cells)} cells "
          f"(PRODUCT and chained forms), LibreOffice recalculated them in {t_lo:.1f} s, "
          f"{time.monotonic() - t0:.1f} s in all")
    print(f"spreadsheet_check: {ties} of {values} values were exact half-penny ties before "
          f"rounding ({ties_v0} in the annual itself, {ties - ties_v0} after compounding); "
          f"binary floating point (pence x the double product, half up) gets {traps} "
          f"values wrong")
    print(f"spreadsheet_check: PRODUCT and chained forms differed in LibreOffice for "
          f"{form_differ} values; LibreOffice differed from exact decimal arithmetic in "
          f"{notes} cells")
    print(f"spreadsheet_check: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
