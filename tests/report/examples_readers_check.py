#!/usr/bin/env python3
"""Every example's outputs, in every format, opened by a reader that is not
envelope's own: run's CSV by Python's csv module (every row as wide as its
header), JSON by json (amounts as decimals), Markdown by pandoc (every table
row as wide as its header); the report's Markdown by pandoc, HTML by
Python's HTML parser (every element closed, in order, as check_report.py asks), XLSX part by part as XML and by
openpyxl. Last line `examples: P passed, F failed`.

    examples_readers_check.py ENVELOPE EXAMPLES_DIR
"""
import csv
import decimal
import glob
import html.parser
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from readers import Checks, TagBalance, xlsx_xml_errors  # noqa: E402

binary, folder = sys.argv[1:3]
expect = Checks()



def out(*cmd, **kw):
    return subprocess.run(list(cmd), capture_output=True, text=True, check=True, **kw).stdout


def markdown_tables_ok(md):
    """pandoc reads it: each table's rows as wide as its header."""
    html_text = out("pandoc", "-f", "gfm", "-t", "html", input=md)

    class Rows(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.tables = []

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.tables.append([])
            elif tag == "tr":
                self.tables[-1].append(0)
            elif tag in ("td", "th"):
                self.tables[-1][-1] += 1

    rows = Rows()
    rows.feed(html_text)
    return bool(rows.tables) and all(len(set(t)) == 1 for t in rows.tables)


work = tempfile.mkdtemp()
try:
    examples = sorted(glob.glob(os.path.join(folder, "*.yaml")) + glob.glob(os.path.join(folder, "*.csv")))
    for example in examples:
        name = os.path.basename(example)
        for table in out(binary, "run", example, "--format", "csv").strip().split("\n\n"):
            rows = list(csv.reader(io.StringIO(table)))
            expect(rows and all(len(r) == len(rows[0]) for r in rows), f"{name}: run CSV rows")
        data = json.loads(out(binary, "run", example, "--format", "json"), parse_float=decimal.Decimal)
        expect("periods" in data and "metrics" in data, f"{name}: run JSON")
        expect(markdown_tables_ok(out(binary, "run", example, "--format", "md")), f"{name}: run Markdown")
        expect(markdown_tables_ok(out(binary, "report", example)), f"{name}: report Markdown")
        page = os.path.join(work, name + ".html")
        subprocess.run([binary, "report", example, "-o", page], check=True)
        nesting = TagBalance()
        nesting.feed(open(page, encoding="utf-8").read())
        nesting.close()
        expect(not nesting.errors and not nesting.stack,
               f"{name}: HTML elements nest and close: {nesting.errors[:3]} open {nesting.stack[-3:]}")
        book = os.path.join(work, name + ".xlsx")
        subprocess.run([binary, "report", example, "-o", book], check=True)
        errors = xlsx_xml_errors(book)
        expect(not errors, f"{name}: every XML part of the XLSX is well formed: {errors}")
        expect(len(openpyxl.load_workbook(book).sheetnames) >= 3, f"{name}: openpyxl opens the XLSX")
finally:
    shutil.rmtree(work)
expect.finish("examples")
