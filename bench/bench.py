#!/usr/bin/env python3
"""Prints how long `envelope run` takes on the examples, wall clock, as a user
runs it (process start to exit), plus the in-process stages.

    python3 bench/bench.py [--runs 50] [--baseline OTHER_BUILD_DIR]

Run from the repository root after ./build.sh (a Release build). With
--baseline (a build directory of another commit, e.g. a git worktree of the
commit before a change, built with ./build.sh there), Monte Carlo and
re-evaluation are also measured for that build, runs alternating between the
two in one session, so that a speed-up or a slow-down is measured side by
side on the same noisy machine, with instruction counts from callgrind where
valgrind is installed.
"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import time


def timed(cmd):
    """Wall milliseconds and peak resident memory (MB) of one run of cmd."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)}: exit status {status}")
    return elapsed, usage.ru_maxrss / 1024


def wall_ms(cmd, runs):
    times = [timed(cmd)[0] for _ in range(runs)]
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--baseline", help="another build directory to measure side by side")
    parser.add_argument("--per-year", action="store_true",
                        help="only the per-year against scalar uplift figure")
    args = parser.parse_args()
    if args.per_year:
        per_year_side_by_side()
        return
    if args.baseline:
        side_by_side(args.baseline, "build")
        return
    for example in sorted(glob.glob("examples/*.yaml")):
        for fmt in ("table", "json"):
            median, worst = wall_ms(["build/envelope", "run", example, "--format", fmt], args.runs)
            print(f"envelope run {example} --format {fmt}: median {median:.2f} ms, "
                  f"worst {worst:.2f} ms over {args.runs} runs")
    # What-if: a 100 x 100 grid on the example, and a tornado of 50 parameters
    # (--spread over a scenario of 46 contracts and 4 funding streams).
    grid = ["build/envelope", "grid", "examples/coventry-2019.yaml",
            "--x", "assumptions.uplift=0:0.0099:0.0001",
            "--y", "contracts.sva_counselling.annual=150000:199500:500", "--metric", "headroom"]
    median, worst = wall_ms(grid, 5)
    print(f"envelope grid, 100 x 100 cells: median {median:.0f} ms, worst {worst:.0f} ms over 5 runs")
    path = "/tmp/envelope-bench-50.yaml"
    with open(path, "w") as f:
        f.write("scenario: {name: Fifty parameters, start: 2024-04-01}\n"
                "envelope: {annual: 5000000}\nfunding:\n")
        for s in range(4):
            f.write(f"  s{s}: {{annual: {1000000 + s * 1000}}}\n")
        f.write("defaults: {term: 5, extensions: [2], funded_by: {s0: 0.5, s1: 0.5}}\ncontracts:\n")
        for c in range(46):
            f.write(f"  c{c}: {{annual: {100000 + c * 137}}}\n")
    tornado = ["build/envelope", "tornado", path, "--spread", "10%"]
    rows = subprocess.run(tornado + ["--format", "csv"], check=True, capture_output=True,
                          text=True).stdout.count("\n") - 1
    median, worst = wall_ms(tornado, 5)
    print(f"envelope tornado, {rows} parameters: median {median:.0f} ms, worst {worst:.0f} ms "
          f"over 5 runs")
    # Scale: 1,000 contracts over 30 years with 5 funding streams.
    scale = "/tmp/envelope-bench-scale.yaml"
    subprocess.run(["python3", "bench/scale_scenario.py", scale], check=True)
    for fmt in ("table", "json"):
        runs = [timed(["build/envelope", "run", scale, "--format", fmt]) for _ in range(10)]
        print(f"envelope run, 1,000 contracts x 30 years x 5 streams, --format {fmt}: "
              f"median {statistics.median(t for t, _ in runs):.0f} ms, "
              f"worst {max(t for t, _ in runs):.0f} ms over 10 runs, "
              f"peak memory {max(m for _, m in runs):.0f} MB (targets: 100 ms, 50 MB)")
    # Monte Carlo: the example's sensitivity block, 1,000,000 draws, the six
    # default metrics (cost, headroom, gap, min_headroom, min_gap, npv).
    # Bytes per draw per metric: the peak, less what the process holds with
    # one draw (its code, libraries and scenario), over 6 metrics x 1e6 draws.
    # That baseline is read with GNU time where it is installed: a peak read
    # here through fork would count this Python's own pages.
    def montecarlo(draws, threads):
        return ["build/envelope", "montecarlo", "examples/coventry-2019.yaml", "-n", str(draws),
                "--threads", str(threads), "--quiet", "--format", "json"]
    base = None
    if os.path.exists("/usr/bin/time"):
        base = max(int(subprocess.run(["/usr/bin/time", "-f", "%M"] + montecarlo(1, 1),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                      check=True).stderr.split()[-1]) / 1024 for _ in range(3))
    for threads in (2, 1):
        runs = [timed(montecarlo(1000000, threads)) for _ in range(5)]
        wall = statistics.median(t for t, _ in runs)
        peak = max(m for _, m in runs)
        memory = f"peak memory {peak:.1f} MB ({peak * 2**20 / 6e6:.1f} bytes per draw per metric"
        if base is not None:
            memory += (f"; {base:.1f} MB of it the process with one draw, so "
                       f"{(peak - base) * 2**20 / 6e6:.1f} bytes per draw per metric for the draws")
        print(f"envelope montecarlo, 1,000,000 draws, {threads} thread(s): median {wall / 1000:.3f} s, "
              f"best {min(t for t, _ in runs) / 1000:.3f} s, worst {max(t for t, _ in runs) / 1000:.3f} "
              f"s over 5 runs ({1e6 / (wall / 1000):,.0f} draws per second); {memory}) "
              f"(targets: 0.5 s with 2 threads, about 8 bytes)")
    subprocess.run(["build/envelope_bench", "examples/coventry-2019.yaml", "2000"], check=True)


def reevaluation_us(build, iterations=200000):
    out = subprocess.run([f"{build}/envelope_bench", "examples/coventry-2019.yaml", str(iterations),
                          "reevaluate"], check=True, capture_output=True, text=True).stdout
    return float(out.split(":")[-1].split()[0])


def reevaluation_instructions(build):
    """Instructions of one re-evaluation: callgrind's count of 20,000 less 10,000."""
    counts = []
    for n in (10000, 20000):
        err = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                              f"{build}/envelope_bench", "examples/coventry-2019.yaml", str(n),
                              "reevaluate"], capture_output=True, text=True).stderr
        counts.append(int(err.split("Collected :")[-1].split()[0]))
    return (counts[1] - counts[0]) / 10000


PORTFOLIO_50 = "/tmp/envelope-bench-portfolio-50.yaml"


def write_portfolio_50(path=PORTFOLIO_50):
    """50 contracts over 5 funding streams, with 4 correlated sensitivity parameters."""
    with open(path, "w") as f:
        f.write("scenario: {name: Fifty contracts, start: 2024-04-01}\n"
                "assumptions: {uplift: 0.02}\n"
                "envelope: {annual: 9000000}\nfunding:\n")
        for s in range(5):
            f.write(f"  s{s}: {{annual: {3000000 + s * 1000}}}\n")
        f.write("defaults: {term: 5, extensions: [2, 2], exercise: 2, uplift: uplift, "
                "funded_by: {s0: 0.4, s1: 0.3, s2: 0.3}}\ncontracts:\n")
        for c in range(50):
            f.write(f"  c{c}: {{annual: {90000 + c * 1371}, start: {2024 + c % 3}-0{1 + c % 9}-01}}\n")
        f.write("sensitivity:\n  parameters:\n"
                "    assumptions.uplift: {low: 0, high: 0.04, dist: triangular, mode: 0.02}\n"
                "    funding.s0.change: {low: -0.05, high: 0.01}\n"
                "    funding.s1.change: {low: -0.04, high: 0.02, dist: pert, mode: 0}\n"
                "    defaults.exercise: {low: 0, high: 2, dist: discrete, values: [0, 1, 2], "
                "weights: [0.2, 0.3, 0.5]}\n"
                "  correlation:\n"
                "    - [assumptions.uplift, funding.s0.change, -0.4]\n"
                "    - [assumptions.uplift, funding.s1.change, -0.3]\n"
                "    - [funding.s0.change, funding.s1.change, 0.5]\n")
    return path


def alternate(builds, command, runs):
    """Each build's runs of command(build), alternating builds run by run."""
    results = {name: [] for name in builds}
    for _ in range(runs):
        for name, build in builds.items():
            results[name].append(timed(command(build)))
    return results


def print_side_by_side(what, builds, results, per_second=None):
    medians = {}
    for name, runs in results.items():
        wall = statistics.median(t for t, _ in runs)
        medians[name] = wall
        rate = f", {per_second / (wall / 1000):,.0f} draws per second" if per_second else ""
        print(f"{what}, {name} ({builds[name]}): median {wall:.1f} ms, best "
              f"{min(t for t, _ in runs):.1f} ms over {len(runs)} runs{rate}, peak memory "
              f"{max(m for _, m in runs):.1f} MB")
    print(f"  this build is {medians['baseline'] / medians['this build']:.2f}x as fast")


def side_by_side(baseline, current):
    """Each figure of issue 13 for both builds, alternating run by run in one session."""
    builds = {"baseline": baseline, "this build": current}
    portfolio = write_portfolio_50()
    for example, label in (("examples/coventry-2019.yaml", "the example"),
                           (portfolio, "50 contracts, 4 correlated parameters")):
        for threads in (2, 1):
            def command(build, example=example, threads=threads):
                return [f"{build}/envelope", "montecarlo", example, "-n", "1000000", "--threads",
                        str(threads), "--quiet", "--format", "json"]
            print_side_by_side(f"montecarlo 1,000,000 draws of {label}, {threads} thread(s)",
                               builds, alternate(builds, command, 5), per_second=1e6)
    scale = "/tmp/envelope-bench-scale.yaml"
    subprocess.run(["python3", "bench/scale_scenario.py", scale], check=True)
    print_side_by_side("eval cost, 1,000 contracts x 30 years", builds,
                       alternate(builds, lambda b: [f"{b}/envelope", "eval", scale, "cost"], 9))
    times = {name: [] for name in builds}
    for _ in range(9):
        for name, build in builds.items():
            times[name].append(reevaluation_us(build))
    for name in builds:
        print(f"re-evaluation (uplift and exercise changed, cost), {name}: median "
              f"{statistics.median(times[name]):.3f} us over 9 runs of 200,000")
    if shutil.which("valgrind"):
        for name, build in builds.items():
            print(f"re-evaluation, {name}: {reevaluation_instructions(build):,.0f} instructions")
        for name, build in builds.items():
            for cmd, what in (([f"{build}/envelope", "montecarlo", "examples/coventry-2019.yaml",
                                "-n", "20000", "--threads", "1", "--quiet", "--format", "json"],
                               "montecarlo 20,000 draws on 1 thread"),
                              ([f"{build}/envelope", "eval", scale, "cost"],
                               "eval cost, 1,000 contracts")):
                err = subprocess.run(["valgrind", "--tool=callgrind",
                                      "--callgrind-out-file=/dev/null"] + cmd,
                                     capture_output=True, text=True).stderr
                count = int(err.split("Collected :")[-1].split()[0])
                print(f"{what}, {name}: {count:,} instructions")


def per_year_side_by_side(draws=100000, runs=5):
    """Draws per second of examples/per-year-inflation.yaml with its uplift
    drawn once (scalar) and per year, over 9 steps (a third extension year,
    so 9 anniversaries), the grant scalar in both, runs alternating in one
    session on one thread: with the example's PERT uplift, and with a
    triangular one of the same range and mode. Issue 19 asks that a per-year
    path over 9 steps cost at most 2x a scalar per draw. A PERT quantile is
    a search (some 7 us), and a path draws one per step."""
    text = open("examples/per-year-inflation.yaml").read().replace(
        "extensions: [2, 2]", "extensions: [2, 2, 1]").replace(
        "dist: triangular, mode: 0.02, per_year: true}", "dist: triangular, mode: 0.02}")
    for dist in ("pert", "triangular"):
        body = text.replace("dist: pert, mode: 0.025", f"dist: {dist}, mode: 0.025")
        files = {"scalar": body.replace(", per_year: true, autocorrelation: 0.6}", "}"),
                 "per-year": body}
        walls = {name: [] for name in files}
        for name, content in files.items():
            with open(f"/tmp/envelope-bench-{name}.yaml", "w") as f:
                f.write(content)
        for _ in range(runs):
            for name in files:
                cmd = ["build/envelope", "montecarlo", f"/tmp/envelope-bench-{name}.yaml", "-n",
                       str(draws), "--threads", "1", "--quiet", "--format", "json"]
                walls[name].append(timed(cmd)[0] / 1000)
        rates = {}
        for name, seconds in walls.items():
            rates[name] = draws / statistics.median(seconds)
            print(f"montecarlo {draws:,} draws, 1 thread, {dist} uplift {name}"
                  f"{', 9 steps' if name == 'per-year' else ''}: median "
                  f"{statistics.median(seconds):.3f} s over {runs} runs ({rates[name]:,.0f} draws "
                  f"per second)")
        print(f"  {dist}: per-year / scalar, time per draw: "
              f"{rates['scalar'] / rates['per-year']:.2f}x (target: at most 2x)")
        if shutil.which("valgrind"):  # repeatable where wall times on a shared machine are not
            per_draw = {}
            for name in files:
                counts = []
                for n in (10000, 30000):
                    err = subprocess.run(
                        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                         "build/envelope", "montecarlo", f"/tmp/envelope-bench-{name}.yaml", "-n",
                         str(n), "--threads", "1", "--quiet", "--format", "json"],
                        capture_output=True, text=True).stderr
                    counts.append(int(err.split("Collected :")[-1].split()[0]))
                per_draw[name] = (counts[1] - counts[0]) / 20000
            print(f"  {dist}: instructions per draw (callgrind, 30,000 less 10,000 draws): "
                  f"scalar {per_draw['scalar']:,.0f}, per-year {per_draw['per-year']:,.0f}: "
                  f"{per_draw['per-year'] / per_draw['scalar']:.2f}x")

if __name__ == "__main__":
    main()
