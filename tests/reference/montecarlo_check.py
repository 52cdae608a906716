#!/usr/bin/env python3
"""Checks `envelope montecarlo` on the SPEC example against an independent
Monte Carlo: Python's own generator (Mersenne Twister), samplers and copula
written here from SPEC 4, and every draw evaluated by reference.py in exact
arithmetic (a drawn uplift or change is a double, which enters the
calculation as its shortest decimal, SPEC 3.1; every draw is projected over
the base scenario's horizon, the nine years with every extension, SPEC 4).

usage: montecarlo_check.py --envelope PATH [--draws N] [--envelope-draws M] [--seed S]

The two runs use different random numbers, so they agree only statistically:
- each mean within 4 standard errors of the difference;
- each percentile of envelope inside the reference sample's distribution-free
  band for that percentile: the order statistics at ranks N p -+ 4 sqrt(N p (1-p))
  (which stays honest where a percentile sits on a jump between extension
  choices, as cost's p10 does: 10% of draws take no extension);
- the rank correlation of the uplift and the grant change within 4 of its
  standard errors, about (1 - rho^2) / sqrt(N), of -0.5.
It also prints each percentile's gap as a share of the spread (max - min).
The last line is `montecarlo_check: P passed, F failed`; exit 0 iff none failed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reference import compute, spec_example  # noqa: E402

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "coventry-2019.yaml")
METRICS = ["cost", "headroom", "gap", "min_headroom", "min_gap", "npv"]
PERCENTILES = [("p5", 0.05), ("p10", 0.10), ("p25", 0.25), ("p50", 0.50), ("p75", 0.75),
               ("p90", 0.90), ("p95", 0.95)]
NORMAL = statistics.NormalDist()


def triangular(u: float, low: float, mode: float, high: float) -> float:
    """Inverse CDF of the triangular distribution."""
    cut = (mode - low) / (high - low)
    if u < cut:
        return low + math.sqrt(u * (high - low) * (mode - low))
    return high - math.sqrt((1 - u) * (high - low) * (high - mode))


def discrete(u: float, values: list[float], weights: list[float]) -> float:
    total, running = sum(weights), 0.0
    for value, weight in zip(values, weights):
        running += weight / total
        if u < running:
            return value
    return values[-1]


def draw(rng: random.Random) -> tuple[float, float, int]:
    """The example's sensitivity block: uplift and grant change rank-correlated -0.5."""
    r = 2 * math.sin(math.pi * -0.5 / 6)
    z1, z2 = NORMAL.inv_cdf(rng.random() or 0.5), NORMAL.inv_cdf(rng.random() or 0.5)
    x2 = r * z1 + math.sqrt(1 - r * r) * z2
    uplift = triangular(NORMAL.cdf(z1), 0.0, 0.01, 0.03)
    change = -0.05 + NORMAL.cdf(x2) * 0.05
    exercise = int(discrete(rng.random(), [0, 1, 2], [0.1, 0.3, 0.6]))
    return uplift, change, exercise


def reference_metrics(uplift: float, change: float, exercise: int) -> dict[str, int]:
    """One draw.  Taking fewer extensions does not shorten the horizon: the
    default end is the end with every extension (SPEC 2.1), which is also the
    base scenario's horizon that every draw is projected over (SPEC 4)."""
    scn = spec_example(uplift)
    for c in scn["contracts"]:
        c["exercise"] = exercise
    scn["funding"][1]["change"] = change
    return compute(scn)


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def residuals(y: list[float], xs: list[list[float]]) -> list[float]:
    """y less its least-squares fit on xs and a constant: the normal equations
    solved by Gaussian elimination, written here (no numpy)."""
    cols = [[1.0] * len(y)] + xs
    k = len(cols)
    a = [[sum(p * q for p, q in zip(cols[i], cols[j])) for j in range(k)] +
         [sum(p * q for p, q in zip(cols[i], y))] for i in range(k)]
    for i in range(k):
        pivot = max(range(i, k), key=lambda r: abs(a[r][i]))
        a[i], a[pivot] = a[pivot], a[i]
        for r in range(k):
            if r != i:
                f = a[r][i] / a[i][i]
                a[r] = [x - f * z for x, z in zip(a[r], a[i])]
    beta = [a[i][k] / a[i][i] for i in range(k)]
    return [v - sum(b * c[d] for b, c in zip(beta, cols)) for d, v in enumerate(y)]


def partial_rank_correlation(param: list[float], others: list[list[float]],
                             metric: list[float]) -> float:
    """Spearman's correlation of param and metric with the others' ranks
    regressed out of both (PRCC): correlated residuals of the ranks."""
    rank_others = [ranks(o) for o in others]
    return statistics.correlation(residuals(ranks(param), rank_others),
                                  residuals(ranks(metric), rank_others))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--envelope", required=True)
    parser.add_argument("--draws", type=int, default=3000, help="reference draws")
    parser.add_argument("--envelope-draws", type=int, default=200000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    samples = {m: [] for m in METRICS}
    uplifts, changes, exercises = [], [], []
    for _ in range(args.draws):
        uplift, change, exercise = draw(rng)
        uplifts.append(uplift)
        changes.append(change)
        exercises.append(exercise)
        values = reference_metrics(uplift, change, exercise)
        for m in METRICS:
            samples[m].append(values[m] / 100)

    out = subprocess.run([args.envelope, "montecarlo", EXAMPLE, "-n", str(args.envelope_draws),
                          "--quiet", "--format", "json"], check=True, capture_output=True,
                         text=True).stdout
    report = json.loads(out)
    got = report["metrics"]

    passed = failed = 0

    def verdict(ok: bool, line: str) -> None:
        nonlocal passed, failed
        passed, failed = passed + ok, failed + (not ok)
        print(("ok   " if ok else "FAIL ") + line)

    n = args.draws
    for m in METRICS:
        ref = sorted(samples[m])
        mean, sd = statistics.fmean(ref), statistics.stdev(ref)
        se = math.hypot(sd / math.sqrt(n), got[m]["se"])
        verdict(abs(got[m]["mean"] - mean) <= 4 * se,
                f"{m} mean {got[m]['mean']:.2f} vs {mean:.2f} (4 se = {4 * se:.2f})")
        spread = ref[-1] - ref[0]
        for name, p in PERCENTILES:
            half = 4 * math.sqrt(n * p * (1 - p))
            low = ref[max(0, math.floor(n * p - half))]
            high = ref[min(n - 1, math.ceil(n * p + half))]
            gap = abs(got[m][name] - ref[round((n - 1) * p)]) / spread if spread else 0
            verdict(low <= got[m][name] <= high,
                    f"{m} {name} {got[m][name]:.2f} in [{low:.2f}, {high:.2f}] "
                    f"({100 * gap:.2f}% of the spread from the reference's)")
    ru, rc = ranks(uplifts), ranks(changes)
    rho = statistics.correlation(ru, rc)
    verdict(abs(rho - -0.5) <= 4 * 0.75 / math.sqrt(n),
            f"reference copula rank correlation {rho:.4f} vs -0.5")
    # Partial rank correlations against this sample's own (SPEC 4): each
    # within 4 standard errors, about (1 - r^2) / sqrt(N - 3) for each run.
    params = {"assumptions.uplift": uplifts, "funding.public_health.change": changes,
              "defaults.exercise": exercises}
    big_n = args.envelope_draws
    for path, values in params.items():
        others = [v for p, v in params.items() if p != path]
        for m in METRICS:
            ref = partial_rank_correlation(values, others, samples[m])
            mine = report["parameters"][path][m]["partial_rank_correlation"]
            se = math.hypot((1 - ref * ref) / math.sqrt(n - 3),
                            (1 - mine * mine) / math.sqrt(big_n - 3))
            verdict(abs(mine - ref) <= 4 * se + 1e-9,
                    f"partial rank correlation of {path} with {m} {mine:+.4f} vs {ref:+.4f} "
                    f"(4 se = {4 * se:.4f})")
    # Headroom does not depend on the grant: its rank correlation with the
    # grant's change comes only through the uplift, and its partial is noise.
    grant = report["parameters"]["funding.public_health.change"]["headroom"]
    noise = 4 / math.sqrt(big_n)
    verdict(abs(grant["partial_rank_correlation"]) <= noise < abs(grant["rank_correlation"]) / 10,
            f"grant change with headroom: partial {grant['partial_rank_correlation']:+.4f} within "
            f"{noise:.4f} of zero, rank correlation {grant['rank_correlation']:+.4f} not")
    print(f"montecarlo_check: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
