#!/usr/bin/env python3
"""`envelope lock` and `envelope check --lock`, against figures worked out
independently.

1. Every example: `lock` twice gives the same bytes, `report --lock` gives
   those bytes too, and `check --lock` on the lock passes (exit 0) in every
   format. Every amount the Markdown appendix quotes (summary, projection,
   whole-life values, variants, tornado, Monte Carlo) is a value of the lock.
2. The SPEC example (examples/coventry-2019.yaml): the lock's figures of the
   base, each variant and the tornado equal those of the independent Python
   implementation of SPEC 3 (tests/reference/reference.py, exact fractions);
   then `check --lock --set assumptions.uplift=0.01` exits 1 and lists exactly
   the figures that the reference says move, each with its quoted value and
   the reference's new value, in the table, in JSON and in JUnit (read back
   by xmllint and python3-junitparser).

The Monte Carlo figures must not move: every draw sets assumptions.uplift
(a sensitivity parameter) itself, so the base value of the uplift enters no
draw. The variant uplift_2pc sets the uplift to 0.02 itself, so its figures
do not move either; the reference computes it as such.

    lock_check.py ENVELOPE REPO_ROOT
"""
import copy
import decimal
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import junitparser

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
from readers import Checks  # noqa: E402
import reference  # noqa: E402

binary, root = os.path.abspath(sys.argv[1]), sys.argv[2]
expect = Checks()
work = tempfile.mkdtemp()
env = dict(os.environ, NO_COLOR="1")


def run(*args):
    return subprocess.run([binary, *args], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)


def lock_values(text):
    """{name: pence or count} of a lock's figure sections."""
    values, section = {}, None
    for line in text.split("\n"):
        if line.startswith("["):
            section = line.strip("[]")
        elif " = " in line and section not in (None, "lock", "shape"):
            name, value = line.rsplit(" = ", 1)
            values[name] = int(value.replace(".", "")) if "." in value else int(value)
    return values


def report_amounts(markdown):
    """Pence of every £ amount the appendix quotes, outside the assumptions,
    the differences from base, the rank correlations, the checks and the
    provenance (inputs and derived figures that the lock does not hold)."""
    amounts, skip_section, skip_table = [], False, False
    for line in markdown.split("\n"):
        if line.startswith("## "):
            skip_section = line[3:] in ("Assumptions", "Checks", "Provenance")
        elif line.startswith("**"):
            table = line.strip("*")
            skip_table = table == "Difference from base" or table.startswith("Rank correlation")
        if skip_section or skip_table or not line.startswith("| "):
            continue
        if line.startswith("| Envelope per financial year (before any change)"):
            continue  # envelope.annual: an input
        for sign, pounds in re.findall(r"(-?)£([\d,]+\.\d\d)", line):
            amounts.append(int(sign + pounds.replace(",", "").replace(".", "")))
    return amounts


# 1. Every example.
examples = sorted(f for f in os.listdir(os.path.join(root, "examples"))
                  if f.endswith((".yaml", ".csv")))
for name in examples:
    path = os.path.join("examples", name)
    first, second = run("lock", path), run("lock", path)
    expect(first.returncode == 0, f"{name}: lock exits 0 ({first.stderr.strip()})")
    expect(first.stdout == second.stdout and first.stdout, f"{name}: the same lock twice")
    lock = os.path.join(work, name + ".lock")
    report = run("report", path, "-o", os.path.join(work, name + ".md"), "--lock", lock)
    expect(report.returncode == 0, f"{name}: report --lock exits 0 ({report.stderr.strip()})")
    expect(open(lock).read() == first.stdout, f"{name}: report --lock writes lock's bytes")
    for fmt in ("table", "csv", "md", "json"):
        checked = run("check", path, "--lock", lock, "--format", fmt)
        expect(checked.returncode == 0, f"{name}: check --lock --format {fmt} exits 0 "
                                        f"({checked.stdout[-300:]}{checked.stderr.strip()})")
    values = set(lock_values(first.stdout).values())
    quoted = report_amounts(open(os.path.join(work, name + ".md"), encoding="utf-8").read())
    missing = [a for a in quoted if a not in values]
    expect(quoted and not missing, f"{name}: every amount of the appendix is in the lock "
                                   f"({len(quoted)} amounts; not in it: {missing[:5]})")

# 2. The SPEC example against the reference.
SPEC = os.path.join("examples", "coventry-2019.yaml")
HEADLINES = ["cost", "envelope", "headroom", "min_headroom", "shortfall_years", "funding", "gap",
             "min_gap", "npv", "tcv", "tcv_base", "tcv_max"]
TORNADO = [  # sensitivity.parameters of the example: path, low, high
    ("assumptions.uplift", 0.0, 0.03), ("funding.public_health.change", -0.05, 0.0),
    ("defaults.exercise", 0, 2)]


def with_uplift(scn, uplift):
    for c in scn["contracts"]:
        c["uplift"] = uplift


def with_exercise(scn, n):
    for c in scn["contracts"]:
        c["exercise"] = n


def with_grant_change(scn, change):
    next(s for s in scn["funding"] if s["id"] == "public_health")["change"] = change


def varied(scn, how, value):
    out = copy.deepcopy(scn)
    how(out, value)
    return out


def expected_figures(uplift):
    """{lock name: pence or count} of the example with this uplift, from the reference."""
    base = reference.spec_example(uplift=uplift)
    m = reference.compute(base)
    out = {k: v for k, v in m.items()
           if "@" not in k or not re.search(r"@\d{4}-\d\d$", k)}
    variants = {
        "no_extensions": varied(base, with_exercise, 0),
        "one_extension": varied(base, with_exercise, 1),
        "uplift_2pc": varied(base, with_uplift, 0.02),
        "ph_grant_cut": varied(base, with_grant_change, -0.025)}
    for vname, scn in variants.items():
        vm = reference.compute(scn)
        for metric in HEADLINES:
            out[f"variant[{vname}].{metric}"] = vm[metric]
    how = {"assumptions.uplift": with_uplift, "funding.public_health.change": with_grant_change,
           "defaults.exercise": with_exercise}
    for path, low, high in TORNADO:
        at_low = reference.compute(varied(base, how[path], low))["headroom"]
        at_high = reference.compute(varied(base, how[path], high))["headroom"]
        out[f"tornado[{path}].at_low"] = at_low
        out[f"tornado[{path}].at_high"] = at_high
        out[f"tornado[{path}].swing"] = abs(at_high - at_low)
    return out


before, after = expected_figures(0.0), expected_figures(0.01)
lock_path = os.path.join(work, "spec.lock")
made = run("lock", SPEC, "-o", lock_path)
locked = lock_values(open(lock_path).read())
reference_names = [n for n in locked if not n.startswith("montecarlo[")]
expect(len(reference_names) > 250, f"the lock holds {len(reference_names)} figures outside "
                                   "Monte Carlo")
wrong = [(n, locked[n], before.get(n)) for n in reference_names if before.get(n) != locked[n]]
expect(not wrong, f"every locked figure outside Monte Carlo is the reference's: {wrong[:5]}")
moved = {n: after[n] for n in reference_names if after[n] != before[n]}
expect(len(moved) > 100 and len(moved) < len(reference_names),
       f"the uplift moves some figures, not all ({len(moved)} of {len(reference_names)})")
expect(not any(n.startswith("variant[uplift_2pc]") for n in moved),
       "the reference says uplift_2pc's figures stay")


def pence(d):
    return int(decimal.Decimal(d) * 100) if isinstance(d, decimal.Decimal) else d


# In JSON: exactly the figures that moved, each quoted and now as the reference has them.
checked = run("check", SPEC, "--lock", lock_path, "--set", "assumptions.uplift=0.01",
              "--format", "json")
expect(checked.returncode == 1, f"check --lock exits 1 when figures moved (got "
                                f"{checked.returncode}: {checked.stderr[-300:]})")
doc = json.loads(checked.stdout, parse_float=decimal.Decimal)
listed = {f["name"]: f for f in doc["figures"]}
expect(set(listed) == set(moved),
       f"JSON lists exactly the figures that moved: extra {sorted(set(listed) - set(moved))[:5]},"
       f" missing {sorted(set(moved) - set(listed))[:5]}")
expect(doc["compared"] == len(locked) and doc["moved"] == len(moved),
       f"JSON counts: compared {doc['compared']}, moved {doc['moved']}")
bad = [n for n, f in listed.items() if n in moved and (
    pence(f["quoted"]) != before[n] or pence(f["now"]) != after[n]
    or pence(f["difference"]) != after[n] - before[n])]
expect(not bad, f"JSON quoted, now and difference are the reference's: {bad[:5]}")

# In the table: one row per figure that moved, and the count.
table = run("check", SPEC, "--lock", lock_path, "--set", "assumptions.uplift=0.01")
expect(table.returncode == 1, "the table form exits 1 too")
lines = table.stdout.split("\n")
rows = {}
for line in lines[2:]:
    if not line.strip():
        break
    cells = re.split(r"\s{2,}", line.strip())
    rows[cells[0]] = [int(c.replace(",", "").replace(".", "")) for c in cells[1:]]
expect(set(rows) == set(moved), f"the table lists exactly the figures that moved "
                                f"({len(rows)} rows, {len(moved)} expected)")
expect(all(rows[n] == [before[n], after[n], after[n] - before[n]] for n in rows if n in moved),
       "each row: quoted, now, difference, as the reference has them")
expect(f"{len(moved)} of {len(locked)} figures moved since {lock_path}" in table.stdout,
       "the table ends with the count")

# In JUnit: one case per figure, a failure for each that moved.
junit = os.path.join(work, "lock.xml")
run("check", SPEC, "--lock", lock_path, "--set", "assumptions.uplift=0.01", "--junit", junit)
if shutil.which("xmllint"):
    lint = subprocess.run(["xmllint", "--noout", junit], capture_output=True, text=True)
    expect(lint.returncode == 0, f"xmllint parses the JUnit file: {lint.stderr.strip()}")
xml = junitparser.JUnitXml.fromfile(junit)
suites = list(xml)
expect(len(suites) == 1 and suites[0].name == lock_path, "one suite, named after the lock")
cases = [c for s in suites for c in s]
expect(len(cases) == len(locked), f"one case per figure ({len(cases)})")
failed = {c.name: [r for r in c.result if isinstance(r, junitparser.Failure)][0]
          for c in cases if any(isinstance(r, junitparser.Failure) for r in c.result)}
expect(set(failed) == set(moved), f"the failing cases are exactly the figures that moved "
                                  f"({len(failed)}, {len(moved)} expected)")


def decimal_text(n, count):
    return str(n) if count else f"{'-' if n < 0 else ''}{abs(n) // 100}.{abs(n) % 100:02d}"


messages_ok = all(
    failed[n].message == "quoted {}, now {}, difference {}".format(
        *(decimal_text(v, n.endswith("shortfall_years"))
          for v in (before[n], after[n], after[n] - before[n])))
    for n in failed if n in moved)
expect(messages_ok, "each failure says quoted, now and difference, as the reference has them")
expect(all("." not in c.classname for c in cases), "no class name has a dot")
expect(all(c.classname.endswith(("/metrics", "/periods", "/variants", "/tornado", "/montecarlo"))
           for c in cases), "each class name ends with the figure's part")

# A tolerance of a pound hides the moves of less than a pound, and only those.
small = sorted(n for n in moved if abs(after[n] - before[n]) <= 100
               and not n.endswith("shortfall_years"))
tolerant = run("check", SPEC, "--lock", lock_path, "--set", "assumptions.uplift=0.01",
               "--format", "json", "--tolerance", "1")
listed = {f["name"] for f in json.loads(tolerant.stdout)["figures"]}
expect(listed == set(moved) - set(small), f"--tolerance 1 leaves out the {len(small)} figures "
                                          "that moved by a pound or less")
shutil.rmtree(work)
expect.finish("lock")
