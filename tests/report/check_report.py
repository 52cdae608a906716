#!/usr/bin/env python3
"""Structural checks of `envelope report` in HTML and XLSX.

usage: check_report.py ENVELOPE SCENARIO html|xlsx CHARTS

Writes the report of SCENARIO to a temporary file and checks its structure,
and that every headline figure (as `envelope eval` prints it) is in it as a
number: in HTML as the text "£12,131,595.00", in XLSX as a numeric cell with
a £ format; so is the first financial year's cost. CHARTS is how many charts
the scenario should have (cost by year; a tornado with a sensitivity block; a
fan with Monte Carlo settings). The last line is
`check_report: P passed, F failed`.
"""
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.dom.minidom
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from readers import TagBalance  # noqa: E402

HEADLINES = ["cost", "envelope", "headroom", "min_headroom", "funding", "gap", "min_gap",
             "npv", "tcv", "tcv_base", "tcv_max"]


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, what):
        self.passed, self.failed = self.passed + bool(ok), self.failed + (not ok)
        print(("ok   " if ok else "FAIL ") + what)


def headline_pounds(envelope, scenario):
    """The headline metrics and the first financial year's cost, from eval."""
    run = json.loads(subprocess.run([envelope, "run", scenario, "--format", "json"], check=True,
                                    capture_output=True, text=True).stdout)
    names = HEADLINES + ["cost@" + run["periods"][0]["label"]]
    out = subprocess.run([envelope, "eval", scenario] + names, check=True,
                         capture_output=True, text=True).stdout.split()
    return dict(zip(names, (float(x) for x in out)))


def as_display(pounds):
    sign = "-" if pounds < 0 else ""
    return f"{sign}£{abs(pounds):,.2f}"



def check_html(path, figures, charts, check):
    text = open(path, encoding="utf-8").read()
    parser = TagBalance()
    parser.feed(text)
    parser.close()
    check(not parser.errors and not parser.stack,
          f"well-formed: every element closed ({parser.errors[:3]}, open {parser.stack[:3]})")
    check(text.startswith("<!DOCTYPE html>"), "HTML5 doctype")
    check('lang="en-GB"' in text, "language given")
    check("<script" not in text.lower(), "no script")
    check(not re.search(r"(?i)(https?:|//[a-z0-9.-]+\.[a-z]{2,}|url\()", text),
          "no external request (no URL, no url())")
    check(not re.search(r'(?i)\b(src|href)\s*=\s*"(?!#)', text), "no src or href outside the page")
    svgs = re.findall(r"<svg\b.*?</svg>", text, flags=re.S)
    check(len(svgs) == charts, f"{charts} inline SVG charts ({len(svgs)})")
    for i, svg in enumerate(svgs):
        try:
            xml.dom.minidom.parseString(svg)
            parsed = True
        except Exception as e:  # noqa: BLE001
            parsed = False
            print("    ", e)
        check(parsed and 'role="img"' in svg and "<title" in svg and "<desc" in svg
              and "aria-labelledby" in svg, f"chart {i + 1}: well-formed XML, role, title, desc")
    check(text.count("<caption>") >= 4 and 'scope="col"' in text and 'scope="row"' in text,
          "tables have captions and header cells")
    check(re.search(r"@page\s*\{\s*size:\s*A4", text) is not None, "print CSS for A4")
    for name, pounds in figures.items():
        check(as_display(pounds) in text, f"{name} {as_display(pounds)} present")


def check_xlsx(path, figures, charts, check):
    import openpyxl  # Debian's python3-openpyxl
    wb = openpyxl.load_workbook(path)
    order = ["Summary", "By year", "Contracts", "Variants", "Sensitivity", "Monte Carlo",
             "Assumptions"]
    wanted = [name for name in order if name in wb.sheetnames]
    check(wb.sheetnames[:len(wanted)] == wanted and {"Summary", "By year", "Contracts",
                                                     "Assumptions"} <= set(wanted),
          f"sheets in order: {wb.sheetnames}")
    numbers, formats = [], set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    numbers.append(round(cell.value, 2))
                    formats.add(cell.number_format)
    check(any("£" in f for f in formats), f"£ number formats ({sorted(formats)[:4]})")
    for name, pounds in figures.items():
        check(round(pounds, 2) in numbers, f"{name} {pounds:.2f} stored as a number")
    native = sum(len(ws._charts) for ws in wb.worksheets)
    check(native == charts, f"{charts} native charts ({native})")
    tables = sum(len(ws.tables) for ws in wb.worksheets)
    check(tables >= 4, f"Excel tables ({tables})")
    frozen = [ws.title for ws in wb.worksheets if ws.freeze_panes]
    check(set(wanted) <= set(frozen), f"header rows frozen on {frozen}")
    summary = wb["Summary"]
    money_cells = [c for row in summary.iter_rows() for c in row
                   if isinstance(c.value, float) and "£" in c.number_format]
    check(bool(money_cells), "money on Summary has a £ format")


def main():
    envelope, scenario, kind, charts = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    check = Checks()
    figures = headline_pounds(envelope, scenario)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "appendix." + kind)
        subprocess.run([envelope, "report", scenario, "-o", path], check=True)
        (check_html if kind == "html" else check_xlsx)(path, figures, charts, check)
    print(f"check_report: {check.passed} passed, {check.failed} failed")
    return 0 if check.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
