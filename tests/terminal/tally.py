"""What the terminal checks share: each verdict a line (`ok` or `FAIL`),
counted; how many examples each kind of command ran on; and the last line,
`NAME: P passed, F failed`, with the exit status (0 iff none failed)."""


class Tally:
    def __init__(self, name):
        self.name, self.passed, self.failed, self.ran = name, 0, 0, {}

    def __call__(self, ok, line):
        ok = bool(ok)
        self.passed, self.failed = self.passed + ok, self.failed + (not ok)
        print(("ok   " if ok else "FAIL ") + line)

    def count(self, kind):
        self.ran[kind] = self.ran.get(kind, 0) + 1

    def finish(self, kinds):
        """Every kind of command must have run on some example: a check that
        skipped them all would pass having looked at nothing."""
        for kind in kinds:
            n = self.ran.get(kind, 0)
            self(n > 0, f"{kind} ran on {n} example(s)")
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 else 1
