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
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from run_errors import Tally, refusal_problems  # noqa: E402


def main():
    binary, folder = os.path.abspath(sys.argv[1]), sys.argv[2]
    env = dict(os.environ, NO_COLOR="1")
    tally = Tally("lock errors")
    for expect_path in sorted(glob.glob(os.path.join(folder, "*.expect"))):
        stem = os.path.basename(expect_path)[: -len(".expect")]
        args_path = os.path.join(folder, stem + ".args")
        if os.path.exists(args_path):
            args = [a for a in open(args_path, encoding="utf-8").read().split("\n") if a]
        else:
            args = ["check", "../data/small.yaml", "--lock", stem + ".lock"]
        expected = open(expect_path, encoding="utf-8").read()
        outputs = lambda d: ["-o", os.path.join(d, "out.json"),  # noqa: E731
                             "--junit", os.path.join(d, "out.xml")]
        tally.case(stem, refusal_problems(binary, args, folder, env, expected, outputs, "check"))
    return tally.status()

if __name__ == "__main__":
    sys.exit(main())
