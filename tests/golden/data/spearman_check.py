"""Recomputes, from a --draws-out CSV alone, Spearman's rho between every
parameter and every metric (average ranks for ties, Pearson's correlation of
the ranks), and prints whether each equals the rank_correlation of the
montecarlo JSON to 1e-12.
    spearman_check.py DRAWS_CSV MONTECARLO_JSON"""
import csv
import json
import os
import sys

# Average ranks (ties sharing theirs), as the independent Monte Carlo check ranks.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "reference"))
from montecarlo_check import ranks as average_ranks  # noqa: E402

rows = list(csv.DictReader(open(sys.argv[1])))
result = json.load(open(sys.argv[2]))


def pearson(a, b):
    n = len(a)
    ma, mb = sum(a) / n, sum(b) / n
    sab = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    saa = sum((x - ma) ** 2 for x in a)
    sbb = sum((y - mb) ** 2 for y in b)
    return 0.0 if saa == 0 or sbb == 0 else sab / (saa * sbb) ** 0.5


checked = 0
for parameter, by_metric in result["parameters"].items():
    p = average_ranks([float(r[parameter]) for r in rows])
    for metric, figures in by_metric.items():
        m = average_ranks([float(r[metric]) for r in rows])
        expected = pearson(p, m)
        if abs(expected - figures["rank_correlation"]) > 1e-12:
            print(f"{parameter} / {metric}: {figures['rank_correlation']} != {expected}")
            sys.exit(1)
        checked += 1
print(f"{checked} rank correlations agree")
