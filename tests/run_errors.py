#!/usr/bin/env python3
"""The bad-input catalogue: one minimal bad scenario per error message.

For every tests/errors/NAME.yaml or NAME.csv (or other input) with a sidecar NAME.expect
holding the exact standard error, this checks that

  * `envelope validate NAME.yaml` (run inside tests/errors, so messages name
    the file as NAME.yaml) prints exactly the expected lines and exits 2,
    within 2 seconds;
  * `envelope run NAME.yaml -o OUT.json` also exits 2 and leaves no OUT.json
    (nor any temporary file) behind.

Tables that a case includes live in tests/errors/tables/. A NAME.args file, when present, holds extra arguments (one per line) for both
commands, e.g. --set overrides.
"""
import glob
import os
import subprocess
import sys
import tempfile
import time


def refusal_problems(binary, args, cwd, env, expected, outputs, what):
    """Runs `binary args` plus the output options `outputs(folder)` give for a
    fresh temporary folder; what makes it less than a clean refusal: standard
    error other than `expected` (when given), an exit status other than 2,
    more than 2 s, or any file left in the folder."""
    problems = []
    with tempfile.TemporaryDirectory() as out_dir:
        start = time.monotonic()
        r = subprocess.run([binary] + args + outputs(out_dir), cwd=cwd, env=env,
                           capture_output=True, text=True, errors="replace", timeout=10)
        elapsed = time.monotonic() - start
        if expected is not None and r.stderr != expected:
            problems.append(f"stderr differs:\n--- expected\n{expected}--- got\n{r.stderr}")
        if r.returncode != 2:
            problems.append(f"{what} exit status {r.returncode}, expected 2")
        if elapsed > 2.0:
            problems.append(f"{what} took {elapsed:.2f} s, more than 2 s")
        if os.listdir(out_dir):
            problems.append(f"{what} left files behind: {os.listdir(out_dir)}")
    return problems


class Tally:
    """FAIL lines for each case with problems, then `NAME: P passed, F failed`."""

    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, 0

    def case(self, label, problems):
        if not problems:
            self.passed += 1
            return
        self.failed += 1
        print(f"FAIL {label}")
        for p in problems:
            print("  " + p.replace("\n", "\n  "))

    def status(self):
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0 if self.passed else 1


def main():
    binary, folder = os.path.abspath(sys.argv[1]), sys.argv[2]
    env = dict(os.environ, NO_COLOR="1")
    tally = Tally("errors")
    for expect_path in sorted(glob.glob(os.path.join(folder, "*.expect"))):
        stem = os.path.basename(expect_path)[: -len(".expect")]
        inputs = [f for f in os.listdir(folder)
                  if f.startswith(stem + ".") and not f.endswith((".expect", ".args"))]
        args_path = os.path.join(folder, stem + ".args")
        extra = open(args_path).read().split("\n") if os.path.exists(args_path) else []
        extra = [a for a in extra if a]
        preferred = [stem + ".yaml", stem + ".csv"]
        name = next((p for p in preferred if p in inputs), sorted(inputs)[0] if inputs else "")
        expected = open(expect_path, encoding="utf-8").read()
        problems = refusal_problems(binary, ["validate", name] + extra, folder, env, expected,
                                    lambda d: [], "validate")
        problems += refusal_problems(binary, ["run", name] + extra, folder, env, None,
                                     lambda d: ["-o", os.path.join(d, "out.json")], "run")
        tally.case(stem, problems)
    return tally.status()

if __name__ == "__main__":
    sys.exit(main())
