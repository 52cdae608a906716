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


def main():
    binary, folder = os.path.abspath(sys.argv[1]), sys.argv[2]
    env = dict(os.environ, NO_COLOR="1")
    passed = failed = 0
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
        problems = []
        start = time.monotonic()
        r = subprocess.run([binary, "validate", name] + extra, cwd=folder, env=env,
                           capture_output=True, text=True, errors="replace", timeout=10)
        elapsed = time.monotonic() - start
        if r.stderr != expected:
            problems.append(f"stderr differs:\n--- expected\n{expected}--- got\n{r.stderr}")
        if r.returncode != 2:
            problems.append(f"validate exit status {r.returncode}, expected 2")
        if elapsed > 2.0:
            problems.append(f"took {elapsed:.2f} s, more than 2 s")
        with tempfile.TemporaryDirectory() as out_dir:
            out = os.path.join(out_dir, "out.json")
            r = subprocess.run([binary, "run", name, "-o", out] + extra, cwd=folder, env=env,
                               capture_output=True, text=True, errors="replace", timeout=10)
            if r.returncode != 2:
                problems.append(f"run exit status {r.returncode}, expected 2")
            if os.listdir(out_dir):
                problems.append(f"run left files behind: {os.listdir(out_dir)}")
        if problems:
            failed += 1
            print(f"FAIL {stem}")
            for p in problems:
                print("  " + p.replace("\n", "\n  "))
        else:
            passed += 1
    print(f"errors: {passed} passed, {failed} failed")
    return 1 if failed else 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
