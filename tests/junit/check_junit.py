#!/usr/bin/env python3
"""JUnit from `envelope check`, as CI systems read it.

Runs `envelope check --junit` on two scenarios (one with a failing check,
one whose check names hold characters XML 1.0 cannot carry), then checks
the file three ways: xmllint (libxml2) parses it; the attributes that
Jenkins' xUnit schema (junit-10.xsd) requires are present on every
element, with the counts adding up; and python3-junitparser reads back the
suites, their names, each case's name and class name, and each failure's
message. Prints `junit: P passed, F failed` last; exit 0 iff none failed.

    check_junit.py ENVELOPE REPO_ROOT
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import junitparser
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from readers import Checks  # noqa: E402

binary, root = sys.argv[1], sys.argv[2]
expect = Checks()

work = tempfile.mkdtemp()
odd = os.path.join(work, "odd.names.yaml")
with open(odd, "w", encoding="utf-8") as f:
    # A bell, a vertical tab (pasted from Word) and U+FFFE in check names.
    f.write("scenario: {name: Odd names, start: 2024-04-01}\n"
            "envelope: {annual: 1000}\n"
            "contracts: {a: {annual: 100, term: 1}}\n"
            "checks:\n"
            '  - {name: "Bell \\a here & <there>", metric: cost, max: 50}\n'
            '  - {name: "Tab\\vfrom Word", metric: cost, min: 0}\n'
            '  - {name: "Not a character \\uFFFE", metric: cost, min: 0}\n')
example = os.path.join(root, "examples", "coventry-2019.yaml")
out = os.path.join(work, "checks.xml")
run = subprocess.run([binary, "check", example, odd, "--set", "envelope.annual=1300000",
                      "--junit", out], capture_output=True, text=True)
expect(run.returncode == 1, f"check exits 1 when a check fails (got {run.returncode})")

# 1. A real XML parser reads it.
if shutil.which("xmllint"):
    lint = subprocess.run(["xmllint", "--noout", out], capture_output=True, text=True)
    expect(lint.returncode == 0, f"xmllint parses the file: {lint.stderr.strip()}")
else:
    print("note: xmllint not installed (Debian's libxml2-utils); skipped that reader")

# 2. The attributes junit-10.xsd requires, and counts that add up.
tree = ET.parse(out).getroot()
expect(tree.tag == "testsuites", "the root is <testsuites>")
suites = tree.findall("testsuite")
expect(len(suites) == 2, f"one <testsuite> per input file (got {len(suites)})")
for suite in suites:
    for attribute in ("name", "tests", "failures", "errors", "skipped", "time", "timestamp"):
        expect(attribute in suite.attrib, f"<testsuite> has {attribute}")
    expect(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", suite.get("timestamp", "")),
           "timestamp is an ISO 8601 date and time without a zone")
    cases = suite.findall("testcase")
    expect(int(suite.get("tests")) == len(cases), "tests counts the cases")
    expect(int(suite.get("failures")) == len(suite.findall("testcase/failure")),
           "failures counts the failures")
    for case in cases:
        for attribute in ("name", "classname", "time"):
            expect(attribute in case.attrib, f"<testcase> has {attribute}")
        expect("." not in case.get("classname"), "a class name has no dot for Jenkins to split at")
        for failure in case.findall("failure"):
            expect("message" in failure.attrib and "type" in failure.attrib,
                   "<failure> has message and type")
expect(int(tree.get("tests")) == sum(int(s.get("tests")) for s in suites), "totals add up")
expect(int(tree.get("failures")) == 2, f"two checks fail in all (got {tree.get('failures')})")

# 3. A JUnit reader gets names, class names and messages back.
xml = junitparser.JUnitXml.fromfile(out)
names = [s.name for s in xml]
expect(names == [example, odd], f"suites named after their files: {names}")
by_suite = {s.name: list(s) for s in xml}
first = by_suite.get(example, [])
expect([c.name for c in first] == ["Fits the envelope every year",
                                   "Nine-year cost as reported to cabinet", "Extensions-off cost"],
       "the example's cases by name")
expect(all(c.classname == os.path.normpath(example)[:-len(".yaml")] for c in first),
       "the class name is the path without its extension")
failures = [r for c in first for r in c.result if isinstance(r, junitparser.Failure)]
expect(len(failures) == 1 and failures[0].message ==
       "min_headroom on base: actual -47,955.00, expected min 0.00",
       "the failure message: a whole year's headroom is 1,300,000 - 1,347,955 = -47,955")
odd_cases = by_suite.get(odd, [])
expect([c.name for c in odd_cases] == ["Bell \ufffd here & <there>", "Tab\ufffdfrom Word",
                                       "Not a character \ufffd"],
       f"characters XML cannot hold become U+FFFD: {[c.name for c in odd_cases]}")
expect(all(c.classname == os.path.join(work, "odd_names") for c in odd_cases),
       "a dot inside the file name becomes _")
shutil.rmtree(work)
expect.finish("junit")
