#!/usr/bin/env python3
"""Arbitrary names through every writer, each output judged by a reader that
is not envelope's own.

For each of COUNT random names (from a seed), built from the characters that
break writers (markup, Markdown, quotes, backslashes, control characters a
paste from Word brings, U+FFFE, non-ASCII text, YAML's special words and
forms), a scenario uses the name for the scenario, a contract, its group and
a check. Then:
  * `run --format md` and `report -o .md`: pandoc (GFM) reads every table
    with as many cells per row as its header, and the name's text back;
  * `report -o .html`: Python's HTML parser, no character XML cannot hold;
  * `report -o .xlsx`: every XML part parses, openpyxl opens the workbook;
  * `check --junit`: xmllint parses it, junitparser reads the check's name;
  * `convert --to yaml`: PyYAML (not envelope's libfyaml reader) reads every
    name back as the same text, and envelope reads the output back to the
    same figures.
Characters XML 1.0 cannot hold are expected as U+FFFD in XML outputs.
Last line `names: P passed, F failed`.

    names_property_check.py ENVELOPE [--count N] [--seed S]
"""
import argparse
import html.parser
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import junitparser
import openpyxl
import yaml
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from readers import Checks, xlsx_xml_errors  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("envelope")
parser.add_argument("--count", type=int, default=25)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()
binary = args.envelope
expect = Checks()
NOT_XML = {chr(c) for c in range(32)} - set("\t\n\r") | {"\ufffe", "\uffff"}



def random_name(rng):
    pieces = ["*", "_", "`", "[a](b)", "<b>", "</td>", "&amp;", "&", "|", "\\|", "\\", "~~",
              "$x$", "#", "'", '"', ":", ": ", " #", "-", "=", "@", "%", "{", "}", "[", "]",
              "\v", "\a", "\x0c", "\ufffe", "£", "é", "—", "✓", "No", "yes", "on", "1e3",
              "0x1F", "2019-07-01", "~", "null", "lot", "Domestic abuse", " "]
    name = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))).strip()
    if not name.strip() or name[0] in "-": name = "x" + name
    return name.replace("\n", " ")


def yaml_quoted(text):
    """A YAML double-quoted scalar of any text (for the input scenario)."""
    out = '"'
    for ch in text:
        if ch == '"' or ch == "\\":
            out += "\\" + ch
        elif ord(ch) < 0x20 or ch in ("\ufffe", "\uffff"):
            out += f"\\u{ord(ch):04x}"
        else:
            out += ch
    return out + '"'


def xml_shown(text):
    return "".join("\ufffd" if ch in NOT_XML else ch for ch in text)


class Tables(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(" ".join(self.cell.split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def run(*command, ok=(0,), **kw):
    r = subprocess.run(list(command), capture_output=True, text=True, **kw)
    if r.returncode not in ok:
        raise RuntimeError(f"{' '.join(command)}: exit {r.returncode}: {r.stderr.strip()}")
    return r.stdout


rng = random.Random(args.seed)
work = tempfile.mkdtemp()
try:
    for n in range(args.count):
        name = random_name(rng)
        label = f"name {n} {name!r}"
        scenario = os.path.join(work, f"s{n}.yaml")
        with open(scenario, "w", encoding="utf-8") as f:
            f.write(f"scenario: {{name: {yaml_quoted(name)}, start: 2024-04-01}}\n"
                    "envelope: {annual: 1000}\n"
                    f"contracts:\n  a: {{name: {yaml_quoted(name)}, group: {yaml_quoted(name)}, "
                    "annual: 1200, term: 1}\n"
                    f"checks:\n  - {{name: {yaml_quoted(name)}, metric: cost, max: 1000}}\n")
        try:
            shown = " ".join(name.split())
            for what, md in (("run", run(binary, "run", scenario, "--format", "md")),
                             ("report", run(binary, "report", scenario))):
                tables = Tables()
                tables.feed(run("pandoc", "-f", "gfm", "-t", "html", input=md))
                widths_ok = all(len(row) == len(rows[0]) for rows in tables.tables for row in rows)
                expect(tables.tables and widths_ok, f"{label}: {what} Markdown rows as wide as headers")
                cells = {c for rows in tables.tables for row in rows for c in row}
                expect(any(shown in c for c in cells), f"{label}: {what} Markdown shows the name")
            page = os.path.join(work, f"s{n}.html")
            run(binary, "report", scenario, "-o", page)
            text = open(page, encoding="utf-8").read()
            expect(not NOT_XML & set(text), f"{label}: HTML holds no character XML cannot")
            Tables().feed(text)
            book = os.path.join(work, f"s{n}.xlsx")
            run(binary, "report", scenario, "-o", book)
            errors = xlsx_xml_errors(book)
            expect(not errors, f"{label}: every XML part of the XLSX is well formed: {errors}")
            wb = openpyxl.load_workbook(book)
            values = {c.value for ws in wb for row in ws.iter_rows() for c in row}
            expect(xml_shown(name) in values or any(
                isinstance(v, str) and xml_shown(name) in v for v in values),
                f"{label}: the workbook holds the name")
            junit = os.path.join(work, f"s{n}.xml")
            run(binary, "check", scenario, "--junit", junit, ok=(1,))
            expect(subprocess.run(["xmllint", "--noout", junit]).returncode == 0,
                   f"{label}: xmllint reads the JUnit")
            cases = [c.name for s in junitparser.JUnitXml.fromfile(junit) for c in s]
            expect(cases == [xml_shown(name)], f"{label}: junitparser reads {cases!r}")
            converted = run(binary, "convert", scenario, "--to", "yaml")
            d = yaml.safe_load(converted)
            got = [d["scenario"]["name"], d["contracts"]["a"]["name"],
                   d["contracts"]["a"]["group"], d["checks"][0]["name"]]
            expect(got == [name] * 4, f"{label}: PyYAML reads convert's names back: {got!r}")
            again = os.path.join(work, f"s{n}.again.yaml")
            open(again, "w", encoding="utf-8").write(converted)
            a = json.loads(run(binary, "run", scenario, "--format", "json"))
            b = json.loads(run(binary, "run", again, "--format", "json"))
            expect(a == b, f"{label}: convert's YAML gives the same figures")
        except Exception as e:  # a reader that refuses an output is a failure, not a crash
            expect(False, f"{label}: {type(e).__name__}: {e}")
finally:
    shutil.rmtree(work)
expect.finish("names")
