#!/usr/bin/env python3
"""The HTML appendix as a reader sees it at 1,280 pixels, measured by headless
Chromium: a copy of the page gets a script that measures, after layout, the
projection table's Total column and every cell holding a date, and
--dump-dom gives the measurements back. Checked: the Total column (header
and cells) lies inside the window, and its label column too, however the
table scrolls; no date is wrapped over two lines. Skipped (exit 77) without
chromium. Last line `layout: P passed, F failed`.

    html_layout_check.py ENVELOPE SCENARIO
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from readers import CHROMIUM, Checks  # noqa: E402

binary, scenario = sys.argv[1:3]
if not shutil.which("chromium"):
    print("skipped: chromium is not installed (Debian's chromium; ./build.sh installs it)")
    sys.exit(77)
expect = Checks()

MEASURE = """
<script>
window.addEventListener('load', () => {
  const out = {width: window.innerWidth, total: [], labels: [], dates: []};
  const wide = [...document.querySelectorAll('table')].find(t =>
      t.querySelector('thead th:last-child') &&
      t.querySelector('thead th:last-child').textContent.trim() === 'Total');
  if (wide) {
    for (const row of wide.rows) {
      const last = row.cells[row.cells.length - 1].getBoundingClientRect();
      const first = row.cells[0].getBoundingClientRect();
      out.total.push([last.left, last.right]);
      out.labels.push([first.left, first.right]);
    }
  }
  for (const cell of document.querySelectorAll('td, th')) {
    const text = cell.textContent.trim();
    if (/^(\\d{4}-\\d{2}-\\d{2}|\\d{1,2} [A-Z][a-z]+ \\d{4})$/.test(text)) {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      out.dates.push([text, lines.size]);
    }
  }
  const pre = document.createElement('pre');
  pre.id = 'layout';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""

work = tempfile.mkdtemp()
try:
    page = os.path.join(work, "appendix.html")
    subprocess.run([binary, "report", scenario, "-o", page], check=True)
    html = open(page, encoding="utf-8").read().replace("</body>", MEASURE + "</body>")
    open(page, "w", encoding="utf-8").write(html)
    dom = subprocess.run(CHROMIUM + [f"--user-data-dir={work}/chrome", "--window-size=1280,900",
                          "--hide-scrollbars", "--virtual-time-budget=5000", "--dump-dom",
                          "file://" + page], capture_output=True, text=True, timeout=300).stdout
    found = re.search(r'<pre id="layout">(.*?)</pre>', dom, re.S)
    expect(found, "Chromium ran the measuring script")
    if found:
        m = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
        width = m["width"]
        expect(width == 1280, f"the window is 1,280 pixels wide ({width})")
        expect(m["total"], "the projection table has a Total column")
        for left, right in m["total"]:
            expect(left >= 0 and right <= width + 0.5, f"a Total cell at {left:.0f}-{right:.0f} px is in view")
        for left, right in m["labels"]:
            expect(left >= 0 and right <= width, f"a label cell at {left:.0f}-{right:.0f} px is in view")
        expect(m["dates"], "the page shows dates")
        for text, lines in m["dates"]:
            expect(lines == 1, f"the date {text!r} is on one line ({lines})")
finally:
    shutil.rmtree(work)
expect.finish("layout")
