#!/usr/bin/env python3
"""Names that look like Markdown, read back by pandoc: a contract named
`a \\| b` must not shift its row, and `*x*`, `<b>`, backticks, `[a](b)` and
`_y_` must show as written, not as emphasis, HTML, code or links. Runs
`run --format md` and `report -o .md`, has pandoc (GitHub-flavoured
Markdown) turn each into HTML, and checks every table row has as many cells
as its header and every name's text comes back exactly.
Last line `markdown: P passed, F failed`.

    markdown_check.py ENVELOPE
"""
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from readers import Checks  # noqa: E402

binary = sys.argv[1]
if not shutil.which("pandoc"):
    print("skipped: pandoc is not installed (Debian's pandoc; ./build.sh installs it)")
    sys.exit(77)
expect = Checks()

class Tables(html.parser.HTMLParser):
    """Each table's rows as lists of cell texts, and the tags seen inside cells."""

    def __init__(self):
        super().__init__()
        self.tables, self.tags, self.cell = [], set(), None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = ""
        elif self.cell is not None:
            self.tags.add(tag)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


names = {"a": "Pipe a \\| b", "b": "*x* and <b>bold</b>", "c": "`code` [a](b) _y_ ~z~ $m$ & co"}
work = tempfile.mkdtemp()
scenario = os.path.join(work, "names.yaml")
with open(scenario, "w", encoding="utf-8") as f:
    f.write("scenario: {name: Markdown names, start: 2024-04-01}\nenvelope: {annual: 1000}\n"
            "contracts:\n")
    for i, name in names.items():
        f.write(f"  {i}: {{name: '{name}', group: '{name}', annual: 100, term: 1}}\n")
for what, cmd in (("run", [binary, "run", scenario, "--format", "md"]),
                  ("report", [binary, "report", scenario])):
    md = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    out = subprocess.run(["pandoc", "-f", "gfm", "-t", "html"], input=md, capture_output=True,
                         text=True, check=True).stdout
    parser = Tables()
    parser.feed(out)
    expect(parser.tables, f"{what}: pandoc finds tables")
    for t, rows in enumerate(parser.tables):
        for r, row in enumerate(rows):
            expect(len(row) == len(rows[0]), f"{what}: table {t} row {r} has {len(row)} cells, "
                                             f"its header {len(rows[0])}: {row}")
    cells = {" ".join(c.split()) for rows in parser.tables for row in rows for c in row}
    for name in names.values():
        expect(any(name in c for c in cells), f"{what}: {name!r} comes back as written")
    expect(not parser.tags & {"em", "code", "a", "b", "del", "span"},
           f"{what}: no markup inside cells ({sorted(parser.tags)})")
shutil.rmtree(work)
expect.finish("markdown")
