#!/usr/bin/env python3
"""The bad-lock catalogue: one minimal bad lock file per error message.

For every tests/lock/errors/NAME.lock with a sidecar NAME.expect holding the
exact standard error, this runs, inside tests/lock/errors,

    envelope check ../data/small.yaml --lock NAME.lock -o OUT/out.json --junit OUT/out.xml

(or, when NAME.args exists, the arguments it holds, one per line, in place of
`check ../data/small.yaml --lock NAME.lock`) and checks that it prints exactly
the expected lines, exits 2 within 2 seconds, and leaves nothing in OUT.
Each lock is tests/lock/data/small.lock with one thing wrong.

    run_lock_errors.py ENVELOPE FOLDER
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
        args_path = os.path.join(folder, stem + ".args")
        if os.path.exists(args_path):
            args = [a for a in open(args_path, encoding="utf-8").read().split("\n") if a]
        else:
            args = ["check", "../data/small.yaml", "--lock", stem + ".lock"]
        expected = open(expect_path, encoding="utf-8").read()
        problems = []
        with tempfile.TemporaryDirectory() as out_dir:
            outputs = ["-o", os.path.join(out_dir, "out.json"),
                       "--junit", os.path.join(out_dir, "out.xml")]
            start = time.monotonic()
            r = subprocess.run([binary] + args + outputs, cwd=folder, env=env,
                               capture_output=True, text=True, errors="replace", timeout=10)
            elapsed = time.monotonic() - start
            if r.stderr != expected:
                problems.append(f"stderr differs:\n--- expected\n{expected}--- got\n{r.stderr}")
            if r.returncode != 2:
                problems.append(f"exit status {r.returncode}, expected 2")
            if elapsed > 2.0:
                problems.append(f"took {elapsed:.2f} s, more than 2 s")
            if os.listdir(out_dir):
                problems.append(f"left files behind: {os.listdir(out_dir)}")
        if problems:
            failed += 1
            print(f"FAIL {stem}")
            for p in problems:
                print("  " + p.replace("\n", "\n  "))
        else:
            passed += 1
    print(f"lock errors: {passed} passed, {failed} failed")
    return 1 if failed else 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
