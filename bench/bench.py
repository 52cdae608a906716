#!/usr/bin/env python3
"""Prints how long `envelope run` takes on the examples, wall clock, as a user
runs it (process start to exit), plus the in-process stages.

    python3 bench/bench.py [--runs 50]

Run from the repository root after ./build.sh (a Release build).
"""
import argparse
import glob
import statistics
import subprocess
import time


def wall_ms(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    for example in sorted(glob.glob("examples/*.yaml")):
        for fmt in ("table", "json"):
            median, worst = wall_ms(["build/envelope", "run", example, "--format", fmt], args.runs)
            print(f"envelope run {example} --format {fmt}: median {median:.2f} ms, "
                  f"worst {worst:.2f} ms over {args.runs} runs")
    subprocess.run(["build/envelope_bench", "examples/coventry-2019.yaml", "2000"], check=True)


if __name__ == "__main__":
    main()
