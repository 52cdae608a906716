#!/usr/bin/env python3
"""Cross-check the envelope program against reference.py on random scenarios.

usage: crosscheck.py --envelope PATH [--count N] [--seed S] [--keep DIR]
                     [--big] [--jobs J] [--batch B] [--timeout SECONDS]
                     [--totals-only] [--run-json] [--no-envelope-by-year]
                     [--no-money-strings]

For each seed S, S+1, ..., S+N-1: generate a scenario (generate.py), write it
as YAML, run `envelope eval FILE METRIC...` for every metric the reference
computes (in batches), and compare each printed value with the reference to
the penny.  Mismatches are printed with the seed and metric; the last line is
`crosscheck: P passed, F failed` (scenarios) and the exit status is 0 iff no
scenario failed.  With --run-json the horizon totals of
`envelope run FILE --format json` are compared too.  With --keep DIR, each failing scenario's YAML, resolved JSON
and expected values are written to DIR (with --keep-all, every scenario's).
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

from generate import generate  # noqa: E402
from reference import COUNT_METRICS, compute_full, pounds  # noqa: E402

MAX_SHOWN = 12   # mismatches printed per scenario


@dataclass
class Outcome:
    """Result of checking one seed."""
    seed: int
    ok: bool = True
    lines: list[str] = field(default_factory=list)     # messages to print
    mismatched: list[str] = field(default_factory=list)  # metric names
    checked: int = 0

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


def compare_batch(out: Outcome, names, lines, expected, tolerant) -> None:
    """Compare one batch of printed values with the reference."""
    for name, line in zip(names, lines):
        out.checked += 1
        is_count = name in COUNT_METRICS
        got = parse_value(line, is_count)
        want = expected[name]
        slack = 1 if name in tolerant else 0
        if got is not None and abs(got - want) <= slack:
            continue
        out.mismatched.append(name)
        if len(out.mismatched) <= MAX_SHOWN:
            want_text = str(want) if is_count else pounds(want)
            diff = "" if got is None else f" (diff {pounds(got - want) if not is_count else got - want})"
            out.fail(f"  seed {out.seed}: {name}: envelope {line.strip()!r}, reference {want_text}{diff}")
        else:
            out.ok = False


def check_run_json(out: Outcome, args, text: str, expected: dict, tolerant: set) -> None:
    """Also compare the `metrics` object of `envelope run FILE --format json`
    (every horizon-total metric, pounds as JSON numbers)."""
    with tempfile.TemporaryDirectory(prefix="envelope-xcheck-") as tmp:
        path = os.path.join(tmp, f"seed_{out.seed}.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        cmd = [args.envelope, "run", path, "--format", "json"]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            out.fail(f"  seed {out.seed}: run --format json timed out")
            return
    if proc.returncode != 0:
        out.fail(f"  seed {out.seed}: run --format json exited {proc.returncode}: "
                 f"{proc.stderr.strip()[:500]}")
        return
    try:
        metrics = json.loads(proc.stdout, parse_float=decimal.Decimal)["metrics"]
    except (ValueError, KeyError, TypeError) as exc:
        out.fail(f"  seed {out.seed}: run --format json: unreadable output ({exc})")
        return
    totals = [n for n in metric_order(expected) if "@" not in n]
    missing = [n for n in totals if n not in metrics]
    if missing:
        out.fail(f"  seed {out.seed}: run --format json: metrics missing: {missing[:8]}")
    present = [n for n in totals if n in metrics]
    compare_batch(out, present, [f"{metrics[n]}" for n in present], expected, tolerant)


def keep_files(keep: str, seed: int, text: str, scn: dict, expected: dict) -> None:
    """Write the scenario, its resolved form and expected values to keep/."""
    os.makedirs(keep, exist_ok=True)
    base = os.path.join(keep, f"seed_{seed}")
    with open(base + ".yaml", "w", encoding="utf-8") as fh:
        fh.write(text)
    with open(base + ".json", "w", encoding="utf-8") as fh:
        json.dump(scn, fh, indent=1)
    with open(base + ".expected.tsv", "w", encoding="utf-8") as fh:
        for name in metric_order(expected):
            v = expected[name]
            fh.write(f"{name}\t{v if name in COUNT_METRICS else pounds(v)}\n")


def check_seed(seed: int, args) -> Outcome:
    """Generate, evaluate and compare one scenario."""
    out = Outcome(seed)
    text, scn = generate(seed, big=args.big, envelope_by_year=not args.no_envelope_by_year,
                         money_strings=not args.no_money_strings)
    expected, tolerant = compute_full(scn)
    names = metric_order(expected)
    if args.totals_only:
        names = [n for n in names if "@" not in n]
    with tempfile.TemporaryDirectory(prefix="envelope-xcheck-") as tmp:
        path = os.path.join(tmp, f"seed_{seed}.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        for i in range(0, len(names), args.batch):
            batch = names[i:i + args.batch]
            lines, error = run_eval(args.envelope, path, batch, args.timeout)
            if error:
                out.fail(f"  seed {seed}: {error}")
                break
            compare_batch(out, batch, lines, expected, tolerant)
    if args.run_json and out.ok:
        check_run_json(out, args, text, expected, tolerant)
    if len(out.mismatched) > MAX_SHOWN:
        out.lines.append(f"  seed {seed}: ... {len(out.mismatched) - MAX_SHOWN} more mismatches")
    if args.keep and (not out.ok or args.keep_all):
        keep_files(args.keep, seed, text, scn, expected)
    return out


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--envelope", required=True, help="path to the envelope binary")
    p.add_argument("--count", type=int, default=200, help="scenarios (default 200)")
    p.add_argument("--seed", type=int, default=1, help="first seed (default 1)")
    p.add_argument("--keep", metavar="DIR", help="write failing scenarios here")
    p.add_argument("--keep-all", action="store_true", help="with --keep, keep every scenario")
    p.add_argument("--big", action="store_true", help="~1000 contracts per scenario")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel scenarios")
    p.add_argument("--batch", type=int, default=400, help="metrics per eval call")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per eval call")
    p.add_argument("--run-json", action="store_true",
                   help="also compare `run --format json` metrics")
    p.add_argument("--totals-only", action="store_true", help="skip NAME@LABEL metrics")
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
    seeds = range(args.seed, args.seed + args.count)
    passed = failed = compared = 0
    families: dict[str, int] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for out in pool.map(lambda s: check_seed(s, args), seeds):
            compared += out.checked
            if out.ok:
                passed += 1
                continue
            failed += 1
            print(f"FAIL seed {out.seed} ({out.checked} metrics compared, "
                  f"{len(out.mismatched)} mismatched)")
            for line in out.lines:
                print(line)
            for name in out.mismatched:
                family = name.split("@")[0].split(".")[0] + ("@" if "@" in name else "")
                families[family] = families.get(family, 0) + 1
            sys.stdout.flush()
    if families:
        print("mismatches by metric family: " +
              ", ".join(f"{k} {v}" for k, v in sorted(families.items())))
    print(f"compared {compared} values")
    print(f"crosscheck: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
