"""Prints whether Spearman's rho between two columns of a draws CSV is within
four standard errors (about 0.75 / sqrt(n) near rho = -0.5) of a target.
    rank_correlation.py FILE COLUMN_A COLUMN_B TARGET"""
import csv
import sys

path, col_a, col_b, target = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
rows = list(csv.DictReader(open(path)))


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0] * len(values)
    for rank, i in enumerate(order):
        out[i] = rank
    return out


a = ranks([float(r[col_a]) for r in rows])
b = ranks([float(r[col_b]) for r in rows])
n = len(a)
mean = (n - 1) / 2
rho = sum((x - mean) * (y - mean) for x, y in zip(a, b)) / sum((x - mean) ** 2 for x in a)
print(abs(rho - target) < 4 * 0.75 / n ** 0.5)
