"""What the reader-based test scripts share: a tally of checks that prints
`NAME: P passed, F failed` last and exits 0 only when none failed (and some
ran), headless Chromium's flags for this machine, and the XML parts of an
XLSX file that do not parse, an HTML
parser that checks every element is closed in order, and LibreOffice
recalculating workbooks headless."""
import html.parser
import os
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

# As the machine's notes say Chromium runs here as root: no sandbox, no GPU,
# and nothing of its own on the network.
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync"]


class Checks:
    """expect(ok, what) counts a check and prints `FAIL what` when it fails."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}")

    def finish(self, name):
        print(f"{name}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed or not self.passed else 0)


def xlsx_xml_errors(path):
    """(part, error) for each XML part of the workbook that does not parse."""
    errors = []
    with zipfile.ZipFile(path) as z:
        for part in z.namelist():
            if part.endswith((".xml", ".rels")):
                try:
                    ET.fromstring(z.read(part))
                except ET.ParseError as e:
                    errors.append((part, str(e)))
    return errors


class TagBalance(html.parser.HTMLParser):
    """Checks that every non-void element is closed in order."""
    VOID = {"meta", "br", "hr", "img", "link", "input", "col", "area", "base", "wbr", "source"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


# LibreOffice: recalculating workbooks headless (tests/spreadsheet, tests/workbook).

PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<!-- Tools > Options > Calc > Formula > Recalculation on file load: 0 always, 1 never (default), 2 prompt -->
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def recalculate_xlsx(soffice, files, outdir, workdir, timeout):
    """Recalculate every file in one LibreOffice run; {src: recalculated path}."""
    profile = os.path.join(workdir, "lo-profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(PROFILE_XCU)
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env["HOME"] = workdir
    os.makedirs(outdir, exist_ok=True)
    cmd = [soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault",
           "-env:UserInstallation=file://" + os.path.abspath(profile),
           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir] + files
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env,
                            start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise RuntimeError(f"LibreOffice did not finish within {timeout} s")
    out = {}
    for f in files:
        path = os.path.join(outdir, os.path.basename(f))
        if os.path.exists(path):
            out[f] = path
    if proc.returncode != 0 or len(out) != len(files):
        raise RuntimeError(f"LibreOffice failed (exit {proc.returncode}, {len(out)} of "
                           f"{len(files)} files):\n{output}")
    return out
