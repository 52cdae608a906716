#!/usr/bin/env python3
"""Cross-check the envelope program against reference.py, to the penny.

usage: crosscheck.py --envelope PATH [--count N] [--seed S] [--ties] [--big]
                     [--keep DIR] [--keep-all] [--jobs J] [--batch B]
                     [--timeout SECONDS] [--totals-only] [--run-json]
                     [--no-fixed] [--no-envelope-by-year] [--no-money-strings]

First the fixed cases of generate.py (worked out by hand: SPEC 3.1's ties
£1,015,075.13 and £247,610.28 with a by_year year between compounding ones,
shares of 0.35 of 10p and 90p, a days tie, an npv tie and a half-penny
amount, 0.7% = 0.007, an expression in the written order, a contract already
running with one of two extensions taken; per-month metrics included), then, for each seed S, S+1, ..., S+N-1, a random
scenario (generate.py; with --ties a tie-heavy portfolio of 200..280
contracts): write it as YAML, run `envelope eval FILE METRIC...` for every
metric the reference computes (in batches), and compare each printed value
with the reference *exactly* -- every metric, npv included, to the penny, no
tolerance.  Mismatches are printed with the seed and metric; a summary gives
the values compared and differing, and how many roundings of the reference
were exact half-penny ties ("N exact ties").  The last line is
`crosscheck: P passed, F failed` (scenarios) and the exit status is 0 iff
none failed.  With --run-json the horizon totals of
`envelope run FILE --format json` are compared too.  With --keep DIR, each
failing scenario's YAML, resolved JSON and expected values are written to
DIR (with --keep-all, every scenario's).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import decimal
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from generate import fixed_cases, generate  # noqa: E402
from reference import COUNT_METRICS, Tally, compute_full, pounds  # noqa: E402

MAX_SHOWN = 12   # mismatches printed per scenario


@dataclass
class Outcome:
    """Result of checking one scenario."""
    name: str                                       # "seed 17" or "fixed spec_ties"
    ok: bool = True
    lines: list[str] = field(default_factory=list)  # messages to print
    mismatched: list[str] = field(default_factory=list)  # metric names
    checked: int = 0
    errored: bool = False                           # envelope refused or crashed
    tally: Tally = field(default_factory=Tally)

    def fail(self, message: str) -> None:
        self.ok = False
        self.lines.append(message)


def metric_order(names) -> list[str]:
    """Horizon totals first, then per-period metrics."""
    return sorted(names, key=lambda n: ("@" in n, n))


def parse_value(text: str, is_count: bool) -> int | None:
    """A printed value as pence (or a count); None if unreadable."""
    text = text.strip()
    try:
        value = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return None
    if not value.is_finite():
        return None
    if is_count:
        return int(value) if value == value.to_integral_value() else None
    pence = value * 100
    return int(pence) if pence == pence.to_integral_value() else None


def run_eval(envelope: str, path: str, names: list[str], timeout: float):
    """Run one `envelope eval`; return (lines, error message or None)."""
    cmd = [envelope, "eval", path, *names]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:g}s ({len(names)} metrics)"
    except OSError as exc:
        return None, f"cannot run {envelope}: {exc}"
    if proc.returncode != 0:
        stderr = proc.stderr.strip() or "(no stderr)"
        return None, (f"envelope exited {proc.returncode} on a batch of {len(names)} metrics "
                      f"starting {names[0]!r}; stderr:\n      " +
                      "\n      ".join(stderr.splitlines()[:8]))
    lines = proc.stdout.splitlines()
    if len(lines) != len(names):
        return None, (f"expected {len(names)} output lines, got {len(lines)} "
                      f"(batch starting {names[0]!r}); stderr: {proc.stderr.strip()[:500]}")
    return lines, None


def compare_batch(out: Outcome, names, lines, expected) -> None:
    """Compare one batch of printed values with the reference: exactly."""
    for name, line in zip(names, lines):
        out.checked += 1
        is_count = name in COUNT_METRICS
        got = parse_value(line, is_count)
        want = expected[name]
        if got == want:
            continue
        out.mismatched.append(name)
        out.ok = False
        if len(out.mismatched) <= MAX_SHOWN:
            want_text = str(want) if is_count else pounds(want)
            diff = ""
            if got is not None:
                diff = f" (diff {got - want if is_count else pounds(got - want)})"
            out.lines.append(f"  {out.name}: {name}: envelope {line.strip()!r}, "
                             f"reference {want_text}{diff}")


def check_run_json(out: Outcome, args, path: str, expected: dict) -> None:
    """Also compare the `metrics` object of `envelope run FILE --format json`
    (every horizon-total metric, pounds as JSON numbers)."""
    cmd = [args.envelope, "run", path, "--format", "json"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        out.fail(f"  {out.name}: run --format json timed out")
        return
    if proc.returncode != 0:
        out.fail(f"  {out.name}: run --format json exited {proc.returncode}: "
                 f"{proc.stderr.strip()[:500]}")
        return
    try:
        metrics = json.loads(proc.stdout, parse_float=decimal.Decimal)["metrics"]
    except (ValueError, KeyError, TypeError) as exc:
        out.fail(f"  {out.name}: run --format json: unreadable output ({exc})")
        return
    totals = [n for n in metric_order(expected) if "@" not in n]
    missing = [n for n in totals if n not in metrics]
    if missing:
        out.fail(f"  {out.name}: run --format json: metrics missing: {missing[:8]}")
    present = [n for n in totals if n in metrics]
    compare_batch(out, present, [f"{metrics[n]}" for n in present], expected)


def keep_files(keep: str, stem: str, text: str, scn: dict, expected: dict) -> None:
    """Write the scenario, its resolved form and expected values to keep/."""
    os.makedirs(keep, exist_ok=True)
    base = os.path.join(keep, stem)
    with open(base + ".yaml", "w", encoding="utf-8") as fh:
        fh.write(text)
    with open(base + ".json", "w", encoding="utf-8") as fh:
        json.dump(scn, fh, indent=1)
    with open(base + ".expected.tsv", "w", encoding="utf-8") as fh:
        for name in metric_order(expected):
            v = expected[name]
            fh.write(f"{name}\t{v if name in COUNT_METRICS else pounds(v)}\n")


def check_scenario(out: Outcome, stem: str, text: str, scn: dict, args,
                   months: bool = False, by_hand: dict | None = None) -> Outcome:
    """Compute the reference, evaluate with envelope and compare."""
    expected, out.tally = compute_full(scn, months=months)
    for name, want in (by_hand or {}).items():
        # The reference must agree with the figures worked out by hand.
        if expected.get(name) != want:
            out.fail(f"  {out.name}: REFERENCE {name} = {expected.get(name)}, "
                     f"worked out by hand {want}")
    names = metric_order(expected)
    if args.totals_only:
        names = [n for n in names if "@" not in n]
    with tempfile.TemporaryDirectory(prefix="envelope-xcheck-") as tmp:
        path = os.path.join(tmp, stem + ".yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        for i in range(0, len(names), args.batch):
            batch = names[i:i + args.batch]
            lines, error = run_eval(args.envelope, path, batch, args.timeout)
            if error:
                out.errored = True
                out.fail(f"  {out.name}: {error}")
                break
            compare_batch(out, batch, lines, expected)
        if args.run_json and out.ok:
            check_run_json(out, args, path, expected)
    if len(out.mismatched) > MAX_SHOWN:
        out.lines.append(f"  {out.name}: ... {len(out.mismatched) - MAX_SHOWN} more mismatches")
    if args.keep and (not out.ok or args.keep_all):
        keep_files(args.keep, stem, text, scn, expected)
    return out


def check_seed(seed: int, args) -> Outcome:
    text, scn = generate(seed, big=args.big, ties=args.ties,
                         envelope_by_year=not args.no_envelope_by_year,
                         money_strings=not args.no_money_strings)
    return check_scenario(Outcome(f"seed {seed}"), f"seed_{seed}", text, scn, args)


def check_fixed(case, args) -> Outcome:
    name, text, scn, by_hand = case
    return check_scenario(Outcome(f"fixed {name}"), f"fixed_{name}", text, scn, args,
                          months=True, by_hand=by_hand)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--envelope", required=True, help="path to the envelope binary")
    p.add_argument("--count", type=int, default=200, help="random scenarios (default 200)")
    p.add_argument("--seed", type=int, default=1, help="first seed (default 1)")
    p.add_argument("--ties", action="store_true",
                   help="tie-heavy portfolios (200..280 contracts, round amounts, 0.5%%, "
                        "2.5%%, shares of 0.35, ...)")
    p.add_argument("--keep", metavar="DIR", help="write failing scenarios here")
    p.add_argument("--keep-all", action="store_true", help="with --keep, keep every scenario")
    p.add_argument("--big", action="store_true", help="~1000 contracts per scenario")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel scenarios")
    p.add_argument("--batch", type=int, default=400, help="metrics per eval call")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per eval call")
    p.add_argument("--run-json", action="store_true",
                   help="also compare `run --format json` metrics")
    p.add_argument("--totals-only", action="store_true", help="skip NAME@LABEL metrics")
    p.add_argument("--no-fixed", action="store_true", help="skip the fixed hand-worked cases")
    p.add_argument("--no-envelope-by-year", action="store_true",
                   help="never write envelope.by_year")
    p.add_argument("--no-money-strings", action="store_true",
                   help='never write "£1,234.56" money')
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not (os.path.isfile(args.envelope) and os.access(args.envelope, os.X_OK)):
        print(f"crosscheck: {args.envelope}: not an executable file", file=sys.stderr)
        return 2
    jobs = []
    if not args.no_fixed:
        jobs += [lambda case=case: check_fixed(case, args) for case in fixed_cases()]
    jobs += [lambda s=s: check_seed(s, args) for s in range(args.seed, args.seed + args.count)]
    passed = failed = errored = compared = differed = 0
    tally = Tally()
    families: dict[str, int] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for out in pool.map(lambda job: job(), jobs):
            compared += out.checked
            differed += len(out.mismatched)
            tally.add(out.tally)
            if out.ok:
                passed += 1
                continue
            failed += 1
            errored += out.errored
            print(f"FAIL {out.name} ({out.checked} values compared, "
                  f"{len(out.mismatched)} differed)")
            for line in out.lines:
                print(line)
            for name in out.mismatched:
                family = name.split("@")[0].split(".")[0] + ("@" if "@" in name else "")
                families[family] = families.get(family, 0) + 1
            sys.stdout.flush()
    if families:
        print("differences by metric family: " +
              ", ".join(f"{k} {v}" for k, v in sorted(families.items())))
    if errored:
        print(f"{errored} scenarios stopped on an envelope error (not compared in full)")
    decimal_rounds = sum(tally.roundings[k] for k in Tally.DECIMAL_KINDS)
    print(f"compared {compared} values, {differed} differed; "
          f"{tally.decimal_ties()} exact ties in the reference's {decimal_rounds} "
          f"decimal roundings ({tally.summary()})")
    print(f"crosscheck: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
