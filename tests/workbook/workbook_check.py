#!/usr/bin/env python3
"""`envelope workbook` against `envelope run --format json`, recalculated by LibreOffice.

usage: workbook_check.py --envelope PATH --examples DIR [--count N] [--seed S]
                         [--ties N] [--keep DIR] [--soffice PATH] [--timeout SECONDS]

For every example (examples/*.yaml, *.csv) and for N scenarios of the exact
reference's generator (tests/reference/generate.py, half-penny ties
included; plus --ties tie-heavy portfolios), it writes the workbook, checks
its cached values against `run --format json`, strips every cached value,
has headless LibreOffice recalculate all the workbooks in one run, and
compares every period figure (the Periods sheet) and every metric (the
Metrics sheet) with `run --format json`, to the penny.  Then, on the SPEC
example, it changes input cells with openpyxl (assumptions_uplift, a
contract's annual, a stream's change), recalculates, and compares every
metric with `envelope eval --set`.  A generated scenario the workbook
refuses is counted and shown, and fails the check unless the refusal is the
near-tie one (a spreadsheet's ROUND would decide a half penny differently).

The last line is `workbook_check: P passed, F failed`; exit 0 iff none
failed, 77 (skipped) without LibreOffice.
"""

import argparse
import atexit
import decimal
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
sys.path.insert(0, os.path.join(HERE, ".."))

from readers import Checks, recalculate_xlsx  # noqa: E402

SKIP = 77
NEAR_TIE = "within a spreadsheet's 15 significant digits of a half penny"


def pence(x):
    """A figure (JSON Decimal, or LibreOffice's double) as whole pence."""
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return None
    d = decimal.Decimal(repr(x)) if isinstance(x, float) else decimal.Decimal(x)
    return int((d * 100).quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


def strip_cached_values(src, dst):
    """The workbook with every formula's cached value removed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"(<f>[^<]*</f>)<v>[^<]*</v>", rb"\1", data)
            zout.writestr(item, data)


def read_figures(path):
    """{("period", label, key): value, ("metric", name): value} from a workbook."""
    import openpyxl
    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    out = {}
    rows = list(wb["Periods"].iter_rows(min_row=4, values_only=True))
    labels = rows[0]
    for r in rows[1:]:
        if not r or r[0] is None:
            continue
        for col in range(2, len(labels)):
            if labels[col] and labels[col] != "Total":
                out[("period", str(labels[col]), r[0])] = r[col]
    for r in wb["Metrics"].iter_rows(min_row=5, values_only=True):
        if r and r[0]:
            out[("metric", r[0])] = r[1]
    wb.close()
    return out


def expected_figures(run_json):
    out = {}
    for p in run_json["periods"]:
        for k, v in p["amounts"].items():
            out[("period", p["label"], k)] = v
    for k, v in run_json["metrics"].items():
        out[("metric", k)] = v
    return out


def compare(check, name, got, want, what):
    """Every expected figure present in `got` and equal to the penny."""
    bad = []
    for key, value in want.items():
        g = got.get(key)
        if pence(g) != pence(value):
            bad.append(f"{key}: {what} {g!r}, run {value}")
    check(not bad, f"{name}: {what}: {len(bad)} of {len(want)} figures differ: "
          + "; ".join(bad[:6]))
    return not bad


def run_json(envelope, path, extra=()):
    done = subprocess.run([envelope, "run", path, "--format", "json", *extra],
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"run {path}: {done.stderr}")
    return json.loads(done.stdout, parse_float=decimal.Decimal)


def write_workbook(envelope, path, out, extra=()):
    return subprocess.run([envelope, "workbook", path, "-o", out, *extra],
                          capture_output=True, text=True, timeout=120)


def set_inputs(src, dst, values):
    """Set named input cells (name -> number) with openpyxl."""
    import openpyxl
    wb = openpyxl.load_workbook(src)
    for name, value in values.items():
        dn = wb.defined_names[name]
        (sheet, ref), = list(dn.destinations)
        wb[sheet][ref.replace("$", "")].value = value
    wb.save(dst)


REFUSED = {
    # cpi + 0.005 with cpi 0.03 is 0.034999999999999996: 120,000 x that^3 is
    # 133,046.144999...: £133,046.14 exactly, £133,046.15 in a spreadsheet.
    "near_tie": ("assumptions: {cpi: 0.03, up: cpi + 0.005}\n"
                 "contracts:\n  x: {start: 2020-04-01, annual: 120000, term: 4, uplift: up}\n",
                 [NEAR_TIE, "contracts.x contract year 4", "£133,046.15", "£133,046.14"]),
    "function": ("assumptions: {cpi: 0.03}\n"
                 "contracts:\n  x: {start: 2020-04-01, annual: \"sqrt(4) * 1000\", term: 2}\n",
                 ["contracts.x.annual: expression \"sqrt(4) * 1000\": the function 'sqrt' is "
                  "not something the workbook writes as a formula"]),
}


def refusals(check, envelope, work):
    """What the workbook cannot carry is refused: exit 2, the reason, no file."""
    for name, (body, words) in REFUSED.items():
        path = os.path.join(work, f"refused_{name}.yaml")
        with open(path, "w") as fh:
            fh.write("scenario: {name: t}\nenvelope: {annual: 1000000}\n" + body)
        out = os.path.join(work, f"refused_{name}.xlsx")
        done = write_workbook(envelope, path, out)
        missing = [w for w in words if w not in done.stderr]
        check(done.returncode == 2 and not missing and not os.path.exists(out),
              f"refused {name}: exit {done.returncode}, missing {missing} in {done.stderr!r}")
    done = subprocess.run([envelope, "workbook", path], capture_output=True, text=True)
    check(done.returncode == 2 and "-o" in done.stderr, f"workbook without -o: {done.stderr!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--envelope", required=True)
    ap.add_argument("--examples", required=True)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-written", type=int, default=0,
                    help="fail unless at least this many generated workbooks were compared")
    ap.add_argument("--ties", type=int, default=0, help="tie-heavy portfolios besides")
    ap.add_argument("--only-generated", action="store_true",
                    help="skip the examples and the changed inputs")
    ap.add_argument("--keep", metavar="DIR")
    ap.add_argument("--soffice")
    ap.add_argument("--timeout", type=int, default=900)
    args = ap.parse_args()
    soffice = args.soffice or shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("skipped: LibreOffice (soffice) is not installed")
        return SKIP
    from generate import generate  # noqa: E402

    t0 = time.monotonic()
    work = args.keep or tempfile.mkdtemp(prefix="envelope-workbook-")
    os.makedirs(work, exist_ok=True)
    if not args.keep:
        atexit.register(shutil.rmtree, work, True)   # on every way out
    check = Checks()
    cases = []   # (name, scenario path, workbook path, expected figures, extra args)
    examples = [] if args.only_generated else (
        glob.glob(os.path.join(args.examples, "*.yaml")) +
        glob.glob(os.path.join(args.examples, "*.csv")))
    for f in sorted(examples):
        for by in ["fy", "contract-year", "calendar", "month"]:
            cases.append((f"{os.path.basename(f)} --by {by}", f, ["--by", by]))
    if not args.only_generated:
        cases.append(("coventry-2019.yaml --variant uplift_2pc",
                      os.path.join(args.examples, "coventry-2019.yaml"),
                      ["--variant", "uplift_2pc"]))
    generated = [(s, False) for s in range(args.seed, args.seed + args.count)]
    generated += [(s, True) for s in range(args.seed, args.seed + args.ties)]
    for seed, ties in generated:
        text, _ = generate(seed, ties=ties)
        path = os.path.join(work, f"seed_{seed}{'_ties' if ties else ''}.yaml")
        with open(path, "w") as fh:
            fh.write(text)
        cases.append((os.path.basename(path), path, []))

    refused = near_ties = 0
    written = []
    for i, (name, path, extra) in enumerate(cases):
        out = os.path.join(work, f"case_{i}.xlsx")
        done = write_workbook(args.envelope, path, out, extra)
        if done.returncode != 0:
            refused += 1
            message = done.stderr.strip()
            if NEAR_TIE in message and name.startswith("seed_"):
                near_ties += 1
                print(f"note: {name}: refused, near a half penny: {message.splitlines()[1:2]}")
                check(not os.path.exists(out), f"{name}: refused but left {out}")
            else:
                check(False, f"{name}: workbook exited {done.returncode}: {message[:800]}")
            continue
        variant_extra = []
        if "--variant" in extra:
            want = None
            v = extra[extra.index("--variant") + 1]
            done = subprocess.run([args.envelope, "compare", path, "--variant", v, "--format",
                                   "json"], capture_output=True, text=True)
            metrics = json.loads(done.stdout, parse_float=decimal.Decimal)["metrics"]
            want = {("metric", m): vals[v] for m, vals in metrics.items()}
        else:
            by = extra[extra.index("--by") + 1] if "--by" in extra else "fy"
            want = expected_figures(run_json(args.envelope, path, ["--by", by]))
        compare(check, name, read_figures(out), want, "cached value")
        stripped = os.path.join(work, f"stripped_{i}.xlsx")
        strip_cached_values(out, stripped)
        written.append((name, stripped, want))

    # Inputs changed in the workbook, against eval --set.
    spec = os.path.join(args.examples, "coventry-2019.yaml")
    changes = [] if args.only_generated else [
        ({"assumptions_uplift": 0.02}, ["assumptions.uplift=0.02"]),
        ({"contracts_da_victims_annual": 600000}, ["contracts.da_victims.annual=600000"]),
        ({"funding_public_health_change": -0.025}, ["funding.public_health.change=-0.025"]),
        ({"assumptions_uplift": 0.025, "defaults_exercise": 1,
          "contracts_sva_counselling_annual": 190000.5},
         ["assumptions.uplift=0.025", "defaults.exercise=1",
          "contracts.sva_counselling.annual=190000.5"]),
    ]
    base = os.path.join(work, "spec.xlsx")
    if changes:
        check(write_workbook(args.envelope, spec, base).returncode == 0, "spec workbook written")
        metric_names = list(run_json(args.envelope, spec)["metrics"])
    for n, (cells, sets) in enumerate(changes):
        changed = os.path.join(work, f"changed_{n}.xlsx")
        set_inputs(base, changed, cells)
        argv = [args.envelope, "eval", spec, *metric_names]
        for s in sets:
            argv += ["--set", s]
        done = subprocess.run(argv, capture_output=True, text=True)
        values = done.stdout.split()
        want = {("metric", m): decimal.Decimal(v) for m, v in zip(metric_names, values)}
        check(done.returncode == 0 and len(values) == len(metric_names),
              f"eval --set {sets}: {done.stderr[:300]}")
        written.append((f"changed {cells}", changed, want))

    refusals(check, args.envelope, work)

    t_lo = time.monotonic()
    recalculated = recalculate_xlsx(soffice, [w[1] for w in written],
                                     os.path.join(work, "recalculated"), work, args.timeout)
    t_lo = time.monotonic() - t_lo
    figures = 0
    for name, path, want in written:
        figures += len(want)
        compare(check, name, read_figures(recalculated[path]), want, "LibreOffice")
    generated_ok = sum(1 for n, _, _ in written if n.startswith("seed_"))
    print(f"workbook_check: {len(cases)} workbooks ({len(generated)} generated, {generated_ok} "
          f"written, {refused} refused of which {near_ties} near a half penny), "
          f"{figures} figures compared after recalculation; LibreOffice took {t_lo:.1f} s, "
          f"{time.monotonic() - t0:.1f} s in all")
    check(generated_ok >= args.min_written,
          f"only {generated_ok} generated workbooks compared (at least {args.min_written} asked)")
    check.finish("workbook_check")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:
        print(f"workbook_check: error: {e}", file=sys.stderr)
        print("workbook_check: 0 passed, 1 failed")
        sys.exit(2)
