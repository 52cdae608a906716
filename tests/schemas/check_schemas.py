#!/usr/bin/env python3
"""Validates the JSON of every analysis command against docs/schemas/.

    check_schemas.py ENVELOPE REPO_ROOT

For every example in REPO_ROOT/examples (*.yaml, *.csv) it runs run (each
--by basis), compare, tornado, grid, solve, check (and check --lock),
montecarlo and explain with --format json, and validates each output with
jsonschema's Draft202012Validator against docs/schemas/NAME.schema.json.
An example without variants, a sensitivity block or checks gets them from
--variant and --set, so every command runs on every example. Each schema is
checked itself (check_schema), and broken documents (an amount as a string,
an unknown property, a required property missing) must be rejected.

Prints `schemas: P passed, F failed`; exit 1 on any failure, 77 (skipped)
when jsonschema cannot be imported, except under CI=true, where that fails.
Needs Debian's python3-jsonschema and python3-yaml (run it with /usr/bin/python3).
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    if os.environ.get("CI") == "true":
        print("check_schemas: jsonschema cannot be imported (install python3-jsonschema)")
        sys.exit(1)
    print("check_schemas: skipped: jsonschema cannot be imported (install python3-jsonschema)")
    sys.exit(77)
import yaml

COMMANDS = ["run", "compare", "tornado", "grid", "solve", "check", "montecarlo", "explain"]
BASES = ["fy", "contract-year", "calendar", "month"]


class Checker:
    def __init__(self, envelope, root):
        self.envelope = envelope
        self.root = root
        self.passed = 0
        self.failed = 0
        self.validators = {}
        self.documents = {name: [] for name in COMMANDS}  # valid outputs, for the broken ones

    def fail(self, what, why):
        self.failed += 1
        print(f"FAIL {what}: {why}")

    def ok(self):
        self.passed += 1

    def load_schemas(self):
        for name in COMMANDS:
            path = os.path.join(self.root, "docs", "schemas", name + ".schema.json")
            try:
                with open(path, encoding="utf-8") as f:
                    schema = json.load(f)
                jsonschema.Draft202012Validator.check_schema(schema)
            except (OSError, ValueError, jsonschema.SchemaError) as e:
                self.fail(path, e)
                continue
            if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
                self.fail(path, "$schema is not draft 2020-12")
                continue
            self.ok()
            self.validators[name] = jsonschema.Draft202012Validator(
                schema, format_checker=jsonschema.FormatChecker())

    def envelope_run(self, args, expect=0):
        p = subprocess.run([self.envelope] + args, capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    def validate(self, name, args, expect=0):
        """Runs envelope ARGS --format json and validates its output against NAME's schema."""
        what = "envelope " + " ".join(args)
        code, out, err = self.envelope_run(args + ["--format", "json"])
        if code != expect:
            self.fail(what, f"exit {code}, expected {expect}: {err.strip()[-500:]}")
            return None
        try:
            document = json.loads(out)
        except ValueError as e:
            self.fail(what, f"not JSON: {e}")
            return None
        validator = self.validators.get(name)
        if validator is None:
            self.fail(what, f"no usable schema {name}.schema.json")
            return None
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if errors:
            for e in errors[:5]:
                where = "/".join(str(p) for p in e.absolute_path) or "(document)"
                self.fail(what, f"{name}.schema.json at {where}: {e.message[:300]}")
            return None
        self.ok()
        self.documents[name].append((what, document))
        return document

    # --- what each example offers, or what it is given

    def scenario(self, example):
        code, out, err = self.envelope_run(["convert", example, "--to", "yaml"])
        if code != 0:
            self.fail("envelope convert " + example, err.strip())
            return None
        return yaml.safe_load(out) or {}

    def resolved(self, example):
        """validate --paths: path -> resolved number."""
        code, out, _ = self.envelope_run(["validate", "--paths", example])
        values = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 2:
                try:
                    values[parts[0]] = float(parts[1])
                except ValueError:
                    pass
        return values

    def candidates(self, doc, values):
        """Parameters to vary: (path, low, high, discrete), the sensitivity block's first."""
        found = []
        for path, p in ((doc.get("sensitivity") or {}).get("parameters") or {}).items():
            if isinstance(p, dict) and "low" in p and "high" in p:
                discrete = p.get("dist") == "discrete" or "values" in p
                found.append((path, float(p["low"]), float(p["high"]), discrete))
        for name in (doc.get("assumptions") or {}):
            path = "assumptions." + name
            if path in values and all(c[0] != path for c in found):
                v = values[path]
                found.append((path, v * 0.5, v * 1.5, False) if v else (path, 0.0, 0.03, False))
        if "uplift" in (doc.get("assumptions") or {}):  # assumptions.uplift first after the block
            found.sort(key=lambda c: (c[0] not in [s for s in ((doc.get("sensitivity") or {})
                                                                 .get("parameters") or {})],
                                      c[0] != "assumptions.uplift"))
        v = values.get("envelope.annual", 1000000.0)
        found.append(("envelope.annual", round(v * 0.9), round(v * 1.1), False))
        return found

    @staticmethod
    def number(v):
        v = round(float(v), 6)
        return repr(int(v)) if v.is_integer() else repr(v)

    def values_of(self, low, high, discrete):
        if discrete:
            return ",".join(self.number(v) for v in range(int(low), int(high) + 1))
        return ",".join(self.number(round(v, 6)) for v in (low, (low + high) / 2, high))

    def example(self, example, tmp):
        doc = self.scenario(example)
        if doc is None:
            return
        values = self.resolved(example)
        params = self.candidates(doc, values)
        x, y = params[0], params[1]
        has_variants = bool(doc.get("variants"))
        has_sensitivity = bool((doc.get("sensitivity") or {}).get("parameters"))
        has_checks = bool(doc.get("checks"))

        # run, each basis
        labels, cost = {}, 0
        for basis in BASES:
            d = self.validate("run", ["run", example, "--by", basis])
            if d:
                labels[basis] = [p["label"] for p in d["periods"]]
                cost = d["metrics"]["cost"]
        first = (labels.get("fy") or ["?"])[0]
        streams = list(doc.get("funding") or {}) if isinstance(doc.get("funding"), dict) else []

        # compare
        adhoc = ["--variant", f"adhoc:{x[0]}={self.number(x[2])}"]
        base = [] if has_variants else adhoc
        self.validate("compare", ["compare", example] + base)
        self.validate("compare", ["compare", example] + adhoc + ["--metric", "cost", "--metric",
                      "shortfall_years", "--metric", f"headroom@{first}", "--metric", "tcv_max"])
        for basis in ("fy", "month"):
            self.validate("compare", ["compare", example] + base + ["--metric", "cost", "--by", basis])

        # tornado
        if has_sensitivity:
            self.validate("tornado", ["tornado", example])
        self.validate("tornado", ["tornado", example, "--spread", "10%"])
        self.validate("tornado", ["tornado", example, "--param",
                                  f"{x[0]}={self.number(x[1])}:{self.number(x[2])}",
                                  "--metric", "shortfall_years"])

        # grid: one way, two ways, a count
        xs = f"{x[0]}={self.values_of(*x[1:])}"
        ys = f"{y[0]}={self.values_of(*y[1:])}"
        self.validate("grid", ["grid", example, "--x", xs])
        self.validate("grid", ["grid", example, "--x", xs, "--y", ys, "--metric", "min_headroom"])
        self.validate("grid", ["grid", example, "--x", xs, "--metric", "shortfall_years"])

        # solve: a target between the metric at low and at high, for a rate and an amount
        solved = 0
        for path, low, high, discrete in params:
            if discrete or (solved and path != "envelope.annual"):
                continue
            code, out, _ = self.envelope_run(["grid", example, "--x", f"{path}={self.number(low)},"
                                              f"{self.number(high)}", "--metric", "headroom",
                                              "--format", "json"])
            if code != 0:
                continue
            a, b = json.loads(out)["cells"][0]
            if abs(a - b) < 1:
                continue
            target = f"{(a + b) / 2:.2f}"
            if self.validate("solve", ["solve", example, "--vary", path, "--metric", "headroom",
                                       "--target", target, "--low", self.number(low),
                                       "--high", self.number(high)]):
                solved += 1
        if not solved:
            self.fail(example, "no parameter to solve for")

        # check: the file's checks (or given ones), failing ones, and --lock
        given = ("checks=[{name: Within the envelope, metric: min_headroom, min: -1000000000},"
                 " {name: Cost, metric: cost, equals: %s, tolerance: 0.5}]" % cost)
        failing = ("checks=[{name: Impossible, metric: cost, max: 0},"
                   " {name: No shortfall, metric: shortfall_years, max: 0},"
                   " {name: Band, variant: adhoc, metric: headroom, min: -1e12, max: 1e12},"
                   " {name: Exactly, metric: cost, equals: 1, tolerance: 0.5}]")
        if has_checks:
            self.validate("check", ["check", example], expect=self.check_status(example))
        else:
            self.validate("check", ["check", example, "--set", given],
                          expect=self.check_status(example, ["--set", given]))
        self.validate("check", ["check", example, "--set", failing,
                                "--set", f"variants.adhoc.{x[0]}={self.number(x[2])}"], expect=1)
        lock = os.path.join(tmp, os.path.basename(example) + ".lock")
        code, _, err = self.envelope_run(["lock", example, "-o", lock])
        if code != 0:
            self.fail("envelope lock " + example, err.strip())
        else:
            self.validate("check", ["check", example, "--lock", lock])
            self.validate("check", ["check", example, "--lock", lock, "--set",
                                    f"envelope.annual={self.number(values.get('envelope.annual', 1) * 1.1)}",
                                    "--tolerance", "0.5"], expect=1)

        # montecarlo
        mc = ["montecarlo", example, "-n", "2000", "--threads", "1"]
        if not has_sensitivity:
            mc += ["--set", f"sensitivity.parameters.{x[0]}={{low: {self.number(x[1])}, "
                            f"high: {self.number(x[2])}, dist: uniform}}"]
        self.validate("montecarlo", mc)
        self.validate("montecarlo", mc + ["--metric", "cost", "--metric", "shortfall_years",
                                          "--by", "fy"])
        self.validate("montecarlo", mc + ["--metric", "headroom", "--by", "month", "--seed", "3"])

        # explain: one figure, several
        self.validate("explain", ["explain", example, "cost"])
        self.validate("explain", ["explain", example, "shortfall_years"])
        several = ["npv", "min_headroom", "shortfall_years", f"cost@{first}", f"headroom@{first}",
                   "tcv_max", "gap"]
        several += [f"balance.{s}" for s in streams[:1]]
        if "month" in labels:
            several.append(f"cost@{labels['month'][-1]}")
        self.validate("explain", ["explain", example] + several)
        self.validate("explain", ["explain", example, "cost", "headroom"] + adhoc)

    def check_status(self, example, extra=()):
        code, _, _ = self.envelope_run(["check", example] + list(extra))
        return code if code in (0, 1) else 0

    # --- documents a schema must reject

    def broken(self):
        for name in COMMANDS:
            if not self.documents[name]:
                self.fail(name + ".schema.json", "no output was validated against it")
                continue
            validator = self.validators.get(name)
            if validator is None:
                continue
            for label, mutate in (("an amount as a string", amount_as_string),
                                  ("an unknown property", unknown_property),
                                  ("a required property missing", required_missing)):
                source, document = self.documents[name][0]
                bad = copy.deepcopy(document)
                if not mutate(bad):
                    self.fail(f"{name}.schema.json", f"could not make a document with {label}")
                elif validator.is_valid(bad):
                    self.fail(f"{name}.schema.json", f"accepts {label} (from {source})")
                else:
                    self.ok()


def objects(node):
    """Every object in a document, depth first."""
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from objects(v)
    elif isinstance(node, list):
        for v in node:
            yield from objects(v)


def amount_as_string(document):
    """The first amount (a number with a fraction) turned into its text, e.g. "0.00"."""
    def walk(node):
        items = node.items() if isinstance(node, dict) else enumerate(node) \
            if isinstance(node, list) else ()
        for k, v in items:
            if isinstance(v, float):
                node[k] = f"{v:.2f}"
                return True
            if walk(v):
                return True
        return False
    return walk(document)


def unknown_property(document):
    target = document if isinstance(document, dict) else document[0]
    target["unexpected_field"] = 1
    return True


def required_missing(document):
    """The top-level object's first property (the first figure's, for several) removed."""
    target = document if isinstance(document, dict) else document[0]
    if not target:
        return False
    del target[next(iter(target))]
    return True


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    checker = Checker(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))
    checker.load_schemas()
    examples_dir = os.path.join(checker.root, "examples")
    examples = sorted(os.path.join(examples_dir, f) for f in os.listdir(examples_dir)
                      if f.endswith((".yaml", ".csv")))
    if not examples:
        checker.fail(examples_dir, "no examples")
    with tempfile.TemporaryDirectory() as tmp:
        for example in examples:
            checker.example(example, tmp)
    checker.broken()
    for name in COMMANDS:
        print(f"{name}: {len(checker.documents[name])} outputs valid")
    print(f"schemas: {checker.passed} passed, {checker.failed} failed")
    sys.exit(1 if checker.failed else 0)


if __name__ == "__main__":
    main()
