#!/usr/bin/env python3
"""Golden command-line tests: runs every case of one .t file and compares.

A .t file holds cases, each:

    # what the case checks (comments and blank lines before `$` are skipped)
    $ envelope eval examples/coventry-2019.yaml cost
    12131595.00
    >2
    expected standard error lines (optional section)
    >= 0

The command runs through bash in the repository root with the command word
`envelope` replaced by the binary under test and NO_COLOR set. Standard output must match
exactly (the lines between `$` and `>2` or `>=`), then standard error if a
`>2` section is given, then the exit status. Stdin can be given with `<<<` on
the line after `$`, followed by lines up to `>>>`.
"""
import os
import re
import subprocess
import sys


def parse(path):
    cases, lines = [], open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            i += 1
            continue
        case = {"cmd": line[2:], "line": i + 1, "stdin": None, "out": [], "err": None, "status": 0}
        i += 1
        if i < len(lines) and lines[i] == "<<<":
            i += 1
            stdin = []
            while lines[i] != ">>>":
                stdin.append(lines[i])
                i += 1
            case["stdin"] = "\n".join(stdin) + "\n"
            i += 1
        section = case["out"]
        while i < len(lines):
            line = lines[i]
            if line.startswith(">= "):
                case["status"] = int(line[3:])
                i += 1
                break
            if line == ">2":
                case["err"] = []
                section = case["err"]
            else:
                section.append(line)
            i += 1
        cases.append(case)
    return cases


def main():
    binary, repo, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    env = dict(os.environ, NO_COLOR="1")
    passed = failed = 0
    for path in files:
        for case in parse(path):
            cmd = re.sub(r"(?<![/\w.-])envelope(?=\s|$)", binary, case["cmd"])
            r = subprocess.run(cmd, shell=True, executable="/bin/bash", cwd=repo, env=env,
                               input=case["stdin"], capture_output=True, text=True, timeout=60)
            out = r.stdout.split("\n")
            if out and out[-1] == "":
                out.pop()
            err = r.stderr.split("\n")
            if err and err[-1] == "":
                err.pop()
            problems = []
            if out != case["out"]:
                problems.append("stdout differs:\n--- expected\n" + "\n".join(case["out"]) +
                                "\n--- got\n" + "\n".join(out))
            if case["err"] is not None and err != case["err"]:
                problems.append("stderr differs:\n--- expected\n" + "\n".join(case["err"]) +
                                "\n--- got\n" + "\n".join(err))
            if r.returncode != case["status"]:
                problems.append(f"exit status {r.returncode}, expected {case['status']}\n"
                                f"stderr: {r.stderr}")
            if problems:
                failed += 1
                print(f"FAIL {path}:{case['line']}: $ {case['cmd']}")
                for p in problems:
                    print("  " + p.replace("\n", "\n  "))
            else:
                passed += 1
    print(f"golden: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
