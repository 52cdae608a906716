"""Recomputes, from a --draws-out CSV alone, each metric's mean and type 7
percentiles exactly (Python's fractions, from the decimals the CSV writes),
rounds each half away from zero to the penny (SPEC 4), and checks that the
montecarlo output in CSV, Markdown and JSON all show exactly those figures.
Prints how many of them were exact half pennies before rounding.
    percentile_check.py DRAWS_CSV SUMMARY_CSV SUMMARY_MD SUMMARY_JSON"""
import csv
import json
import sys
from fractions import Fraction

draws_csv, summary_csv, summary_md, summary_json = sys.argv[1:5]
rows = list(csv.DictReader(open(draws_csv)))
csv_rows = {r["metric"]: r for r in csv.DictReader(open(summary_csv))}
md_table = next(t for t in open(summary_md).read().split("\n\n") if t.startswith("| Metric"))
md_lines = md_table.splitlines()
md_header = [c.strip() for c in md_lines[0].strip("|").split("|")]
md_rows = {}
for line in md_lines[2:]:
    cells = [c.strip() for c in line.strip("|").split("|")]
    md_rows[cells[0]] = dict(zip(md_header, cells))
result = json.load(open(summary_json))["metrics"]


def half_away(x):
    """x (a Fraction of pence) to whole pence, half away from zero."""
    q, r = divmod(abs(x.numerator), x.denominator)
    q += 2 * r >= x.denominator
    return q if x >= 0 else -q


def pounds(pence):
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


checked = ties = 0
for metric in result:
    xs = sorted(Fraction(r[metric]) * 100 for r in rows)  # pence
    n = len(xs)
    expected = {"mean": sum(xs) / n, "min": xs[0], "max": xs[-1]}
    for p in (5, 10, 25, 50, 75, 90, 95):
        h = Fraction((n - 1) * p, 100)
        i = h.numerator // h.denominator
        upper = xs[i + 1] if i + 1 < n else xs[i]
        expected[f"p{p}"] = xs[i] + (h - i) * (upper - xs[i])
    for name, exact in expected.items():
        ties += exact.denominator == 2
        want = pounds(half_away(exact))
        got = {"csv": csv_rows[metric][name], "md": md_rows[metric][name].replace(",", ""),
               "json": f"{result[metric][name]:.2f}"}
        for form, text in got.items():
            if text != want:
                print(f"{metric} {name} ({form}): {text}, expected {want} (exactly {float(exact) / 100})")
                sys.exit(1)
        checked += 1
print(f"{checked} figures agree in every format, {ties} of them exact half pennies")
