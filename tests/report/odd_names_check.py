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
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

binary = sys.argv[1]
passed = failed = 0


def expect(ok, what):
    global passed, failed
    passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    if not ok:
        print(f"FAIL {what}")


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
        with zipfile.ZipFile(out) as z:
            for part in z.namelist():
                if part.endswith(".xml") or part.endswith(".rels"):
                    try:
                        ET.fromstring(z.read(part))
                        expect(True, part)
                    except ET.ParseError as e:
                        expect(False, f"{part} is well formed XML: {e}")
        book = openpyxl.load_workbook(out)
        names = [c.value for ws in book for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str) and "Lot" in c.value]
        expect(any("Lot\ufffdone\ufffd" == n for n in names), f"the name with U+FFFD: {names[:3]}")
    else:
        text = open(out, encoding="utf-8").read()
        expect(not any(ch in text for ch in bad), f"{fmt} holds no character XML cannot carry")
print(f"odd_names: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
