#!/usr/bin/env python3
"""Names holding characters XML 1.0 cannot carry (a vertical tab pasted from
Word, a bell, U+FFFE) and markup (<b>, &) in a scenario, its contracts,
groups and checks: the XLSX and HTML reports must still be well formed.
Every XML part of the workbook is parsed, openpyxl opens it, and the HTML
holds no such character. Last line `odd_names: P passed, F failed`.

    odd_names_check.py ENVELOPE
"""
import os
import subprocess
import sys
import tempfile

import openpyxl
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from readers import Checks, xlsx_xml_errors  # noqa: E402

binary = sys.argv[1]
expect = Checks()

work = tempfile.mkdtemp()
scenario = os.path.join(work, "odd.yaml")
with open(scenario, "w", encoding="utf-8") as f:
    f.write('scenario: {name: "Odd\\vnames <b>& co", start: 2024-04-01}\n'
            "envelope: {annual: 1000}\n"
            "contracts:\n"
            '  a: {name: "Lot\\vone\\a", group: "Group \\uFFFE <i>", annual: 600, term: 2}\n'
            '  b: {name: "Lot two & <three>", group: "Group \\uFFFE <i>", annual: 300, term: 2}\n'
            "checks:\n"
            '  - {name: "Bell\\a check", metric: cost, max: 5000}\n')
bad = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]
for fmt in ("xlsx", "html"):
    out = os.path.join(work, "appendix." + fmt)
    run = subprocess.run([binary, "report", scenario, "-o", out], capture_output=True, text=True)
    expect(run.returncode == 0, f"report -o {fmt} exits 0: {run.stderr.strip()}")
    if run.returncode != 0:
        continue
    if fmt == "xlsx":
        errors = xlsx_xml_errors(out)
        expect(not errors, f"every XML part of the workbook is well formed: {errors}")
        book = openpyxl.load_workbook(out)
        names = [c.value for ws in book for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str) and "Lot" in c.value]
        expect(any("Lot\ufffdone\ufffd" == n for n in names), f"the name with U+FFFD: {names[:3]}")
    else:
        text = open(out, encoding="utf-8").read()
        expect(not any(ch in text for ch in bad), f"{fmt} holds no character XML cannot carry")
expect.finish("odd_names")
