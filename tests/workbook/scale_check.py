#!/usr/bin/env python3
"""Speed of `envelope workbook` on the scale scenario, and that LibreOffice opens it.

usage: scale_check.py --envelope PATH [--contracts N] [--runs R] [--no-libreoffice]

Writes bench/scale_scenario.py's scenario (1,000 contracts over 30 years, 5
streams), times `envelope workbook` over R runs (wall clock, median and
range), then has headless LibreOffice open and recalculate the workbook and
compares every period figure and metric with `run --format json`.  Not a
CTest test (timing belongs to benchmarks): run it by hand.
"""
import argparse
import atexit
import shutil
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
import workbook_check as wc  # noqa: E402
from readers import Checks  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--envelope", required=True)
    ap.add_argument("--contracts", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-libreoffice", action="store_true")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="envelope-wbscale-")
    atexit.register(shutil.rmtree, work, True)
    scenario = os.path.join(work, "scale.yaml")
    subprocess.run([sys.executable, os.path.join(HERE, "..", "..", "bench", "scale_scenario.py"),
                    scenario, "--contracts", str(args.contracts)], check=True)
    out = os.path.join(work, "scale.xlsx")
    times = []
    for _ in range(args.runs):
        t = time.monotonic()
        done = wc.write_workbook(args.envelope, scenario, out)
        times.append(time.monotonic() - t)
        if done.returncode != 0:
            print(done.stderr)
            return 1
    print(f"envelope workbook, {args.contracts} contracts: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}) over {args.runs} runs; "
          f"{os.path.getsize(out) / 1e6:.1f} MB")
    check = Checks()
    check(statistics.median(times) < 2.0, "median under 2 s")
    if not args.no_libreoffice:
        stripped = os.path.join(work, "stripped.xlsx")
        wc.strip_cached_values(out, stripped)
        t = time.monotonic()
        got = wc.recalculate_xlsx("soffice", [stripped], os.path.join(work, "lo"), work, 1800)
        print(f"LibreOffice opened, recalculated and saved it in {time.monotonic() - t:.1f} s")
        want = wc.expected_figures(wc.run_json(args.envelope, scenario))
        wc.compare(check, "scale", wc.read_figures(got[stripped]), want, "LibreOffice")
        print(f"{len(want)} figures compared")
    check.finish("scale_check")


if __name__ == "__main__":
    sys.exit(main())
