#!/usr/bin/env python3
"""Tables that fit a terminal (issue 14): every command's table output on
every example, written to a pseudo-terminal 100 columns wide, has no line
longer than 100 characters; written to a pipe it is never wrapped (the same
bytes whatever COLUMNS says); on a terminal that does not know its width,
COLUMNS gives it; and with --wide on the terminal it is the piped text
again, one block, colour aside.

usage: width_check.py ENVELOPE EXAMPLES_DIR
The last line is `width_check: P passed, F failed`; exit 0 iff none failed.
"""
import fcntl
import glob
import os
import pty
import re
import struct
import subprocess
import sys
import termios

from tally import Tally

COLUMNS = 100


def on_terminal(cmd, columns=COLUMNS, env_columns=None):
    """What cmd writes to a pseudo-terminal `columns` wide (0: a width the
    terminal does not know), with COLUMNS=env_columns if given, colour codes
    removed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    env.pop("NO_COLOR", None)
    if env_columns is not None:
        env["COLUMNS"] = str(env_columns)
    child = subprocess.Popen(cmd, stdout=slave, stderr=subprocess.DEVNULL, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed its end
            break
        if not data:
            break
        out += data
    status = child.wait()
    os.close(master)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.decode()).replace("\r\n", "\n")
    return status, text


def piped(cmd, columns=None):
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    if columns:
        env["COLUMNS"] = str(columns)
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return r.returncode, r.stdout


def commands(envelope, example):
    yield "run", [envelope, "run", example]
    yield "run --by month", [envelope, "run", example, "--by", "month"]
    yield "compare", [envelope, "compare", example]
    yield "tornado", [envelope, "tornado", example]
    yield "montecarlo", [envelope, "montecarlo", example, "-n", "2000", "--threads", "1",
                         "--by", "fy", "--quiet"]
    yield "grid", [envelope, "grid", example, "--x", "assumptions.uplift=0:0.05:0.005",
                   "--y", "envelope.annual=1000000:1400000:100000", "--metric", "headroom"]


def main():
    envelope, examples = sys.argv[1], sys.argv[2]
    verdict = Tally("width_check")

    for example in sorted(glob.glob(os.path.join(examples, "*.yaml")) +
                          glob.glob(os.path.join(examples, "*.csv"))):
        name = os.path.basename(example)
        for kind, cmd in commands(envelope, example):
            status, plain = piped(cmd)
            if status == 2:  # asked of an example that has nothing for it (no variants, say)
                continue
            verdict.count(kind)
            what = f"{kind} {name}"
            verdict(status == 0 and plain.count("\n") > 3, f"{what}: piped, exit {status}")
            verdict(piped(cmd, columns=40)[1] == plain, f"{what}: piped with COLUMNS=40 is unchanged")
            status, shown = on_terminal(cmd)
            longest = max((len(line) for line in shown.splitlines()), default=0)
            verdict(status == 0 and shown.strip() and longest <= COLUMNS,
                    f"{what}: on a {COLUMNS}-column terminal the longest line is {longest}")
            if max(len(line) for line in plain.splitlines()) > COLUMNS:
                verdict(shown.count("\n") > plain.count("\n"),
                        f"{what}: wider than the terminal, wrapped into blocks")
            status, wide = on_terminal(cmd + ["--wide"])
            verdict(status == 0 and wide == plain, f"{what}: --wide on a terminal is the piped text")
            if kind == "run":  # a terminal that does not know its width: COLUMNS says
                status, told = on_terminal(cmd, columns=0, env_columns=COLUMNS)
                longest = max((len(line) for line in told.splitlines()), default=0)
                verdict(status == 0 and told == shown,
                        f"{what}: on a terminal of unknown width, COLUMNS={COLUMNS} wraps it "
                        f"as a {COLUMNS}-column terminal does (longest line {longest})")
    return verdict.finish(kind for kind, _ in commands(envelope, "x"))


if __name__ == "__main__":
    sys.exit(main())
