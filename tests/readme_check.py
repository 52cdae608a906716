#!/usr/bin/env python3
"""Runs every command the README shows and compares what it prints.

Each ```console block of README.md holds commands (`$ envelope ...`, `$
build/envelope ...`) each followed by the lines it prints (standard output
and standard error together, as a terminal shows them). Every command runs
through bash in a folder that links the repository's examples, tests and
docs, with `envelope` and `build/envelope`
replaced by the binary under test and NO_COLOR set; its output must match
exactly. A ```text block that follows a line naming a command in backticks
and ending in "prints:" or "(the SPEC's worked example ...)" is not checked
here; `run` of the example is shown as a console block for that reason.
Last line: `readme: P passed, F failed`.

    readme_check.py ENVELOPE REPO_ROOT
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def blocks(text):
    """The ```console blocks, each as (first line number, lines)."""
    out, lines = [], text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```console":
            start, body = i + 2, []
            i += 1
            while lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            out.append((start, body))
        i += 1
    return out


def cases(block):
    start, body = block
    found = []
    for n, line in enumerate(body):
        if line.startswith("$ "):
            found.append({"line": start + n, "cmd": line[2:], "out": []})
        elif found:
            found[-1]["out"].append(line)
    return found


def main():
    binary, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
    env = dict(os.environ, NO_COLOR="1")
    # Commands run in a folder of their own that links the repository's
    # examples, tests and docs, so that what they write (checks.xml) stays there.
    work = tempfile.mkdtemp()
    for name in ("examples", "tests", "docs"):
        os.symlink(os.path.join(os.path.abspath(root), name), os.path.join(work, name))
    passed = failed = 0
    for block in blocks(readme):
        for case in cases(block):
            cmd = re.sub(r"(?<![\w/.-])(build/)?envelope(?= )", binary, case["cmd"])
            run = subprocess.run(["bash", "-c", cmd + " 2>&1"], cwd=work, env=env,
                                 capture_output=True, text=True, timeout=120)
            got = run.stdout.rstrip("\n").split("\n") if run.stdout else []
            want = case["out"]
            while want and not want[-1]:
                want = want[:-1]
            if got == want:
                passed += 1
                continue
            failed += 1
            print(f"FAIL README.md:{case['line']}: $ {case['cmd']}")
            print("  --- README shows\n" + "\n".join("  " + l for l in want))
            print("  --- it prints\n" + "\n".join("  " + l for l in got))
    shutil.rmtree(work)
    print(f"readme: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
