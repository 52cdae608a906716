"""What the reader-based test scripts share: a tally of checks that prints
`NAME: P passed, F failed` last and exits 0 only when none failed (and some
ran), headless Chromium's flags for this machine, and the XML parts of an
XLSX file that do not parse, and an HTML
parser that checks every element is closed in order."""
import html.parser
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
