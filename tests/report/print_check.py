#!/usr/bin/env python3
"""The appendix as it prints. The XLSX is converted to PDF by LibreOffice and
the HTML printed to PDF by headless Chromium; poppler's pdftotext reads the
pages back. Checked:
  * XLSX: amounts in the Assumptions sheet in £ (they were General);
    at most one page per sheet and one per chart (each sheet fits one
    page wide; the example's workbook used to print as 32 pages), and each
    chart starts a page of its own (a manual break above it), so none splits;
  * HTML: no page ends with a section's heading or the paragraphs under it
    (each stays with what follows), and no date is wrapped.
Skipped (exit 77) when soffice, chromium or pdftotext is missing.
Last line `print: P passed, F failed`.

    print_check.py ENVELOPE SCENARIO
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from readers import CHROMIUM, Checks  # noqa: E402

binary, scenario = sys.argv[1:3]
tools = {"soffice": "libreoffice-calc", "chromium": "chromium", "pdftotext": "poppler-utils"}
missing = [f"{t} ({p})" for t, p in tools.items() if not shutil.which(t)]
if missing:
    print("skipped: not installed: " + ", ".join(missing))
    sys.exit(77)
expect = Checks()

def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), pdf, "-"],
                           capture_output=True, text=True, check=True).stdout
            for i in range(1, count + 1)]


work = tempfile.mkdtemp()
try:
    # XLSX through LibreOffice.
    book = os.path.join(work, "appendix.xlsx")
    subprocess.run([binary, "report", scenario, "-o", book], check=True)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", work, book], capture_output=True,
                   check=True, timeout=300)
    import openpyxl  # noqa: E402  (only now: the skip above needs none of this)
    wb = openpyxl.load_workbook(book)
    charts = sum(len(ws._charts) for ws in wb)
    xlsx_pages = pages(os.path.join(work, "appendix.pdf"))
    expect(len(xlsx_pages) <= len(wb.sheetnames) + charts,
           f"XLSX prints as {len(xlsx_pages)} pages, at most {len(wb.sheetnames)} sheets + "
           f"{charts} charts")
    assumptions = wb["Assumptions"]
    money = [c for row in assumptions.iter_rows() for c in row
             if isinstance(c.value, (int, float)) and c.offset(0, -1).value in
             ("envelope.annual", "funding.core.annual", "contracts.da_victims.annual")]
    expect(len(money) == 3 and all("£" in c.number_format for c in money),
           f"XLSX Assumptions: amounts in £ ({[c.number_format for c in money]})")
    for ws in wb:
        breaks = {b.id for b in ws.row_breaks.brk}
        for chart in ws._charts:
            row = chart.anchor._from.row  # 0-based; a break with id n falls below row n
            expect(row in breaks, f"XLSX sheet {ws.title}: the chart at row {row + 1} starts a "
                                  f"page (manual breaks below rows {sorted(breaks)})")
        expect(ws.page_setup.fitToWidth in (1, None) and ws.sheet_properties.pageSetUpPr.fitToPage,
               f"XLSX sheet {ws.title} fits one page wide")
    # HTML through Chromium.
    page = os.path.join(work, "appendix.html")
    subprocess.run([binary, "report", scenario, "-o", page], check=True)
    pdf = os.path.join(work, "appendix-html.pdf")
    subprocess.run(CHROMIUM + [f"--user-data-dir={work}/chrome", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", "file://" + page],
                   capture_output=True, check=True, timeout=300)
    md = subprocess.run([binary, "report", scenario], capture_output=True, text=True,
                        check=True).stdout
    headings = re.findall(r"^## (.+)$", md, re.M)
    openings = [p for p in md.split("\n\n") if p and not p.startswith(("#", "|", "**"))]
    html_pages = pages(pdf)
    expect(len(html_pages) >= 2, f"HTML prints as {len(html_pages)} pages")
    for i, text in enumerate(html_pages):
        lines = [l.strip() for l in text.splitlines() if l.strip()]
        last = lines[-1] if lines else ""
        expect(not any(last.startswith(h) for h in headings),
               f"HTML page {i + 1} ends with a heading: {last!r}")
        expect(not any(last and last in " ".join(o.split()) for o in openings),
               f"HTML page {i + 1} ends with a section's opening paragraph: {last!r}")
        wrapped = re.findall(r"\b\d{4}-\d{2}-$|\b\d{4}-$", text, re.M)
        expect(not wrapped, f"HTML page {i + 1} wraps a date: {wrapped}")
finally:
    shutil.rmtree(work)
expect.finish("print")
