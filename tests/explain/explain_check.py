#!/usr/bin/env python3
"""`envelope explain` on every example: the tree adds up, and ends at eval's figure.

For every example scenario, every horizon metric `run --format json` lists
and, for every financial year, calendar year, contract year of the horizon
and a sample of months, each line of the projection (cost, each contract,
envelope, funding, each stream, committed and balance per stream, headroom,
gap), `explain --format json` must give a tree in which
  * every node that is a sum has parts adding up to its value, to the penny;
  * a `minimum` node is the least of its parts, a `count below zero` node the
    number of its parts below zero;
  * the figure at the top is the figure `envelope eval` gives.
explain computes at the periods' boundaries (the cumulative roundings of SPEC
3.1 and 3.4 telescope); eval adds months of the monthly projection: the two
agreeing is a check of both.

    explain_check.py ENVELOPE EXAMPLES_DIR [--generate N --seed S]

With --generate, also N random scenarios of tests/reference/generate.py
(by_year, from/until, apportion by days, running contracts, half-penny ties).
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))


def run(args):
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(args)}: exit {r.returncode}\n{r.stderr}")
    return r.stdout


def check_node(node, path, problems):
    parts = node.get("parts", [])
    value = node["value"]
    label = node.get("figure", node.get("label"))
    where = f"{path} > {label}" if path else label
    combines = node.get("combines", "sum")
    if parts:
        values = [p["value"] for p in parts]
        if combines == "sum" and sum(values, Decimal(0)) != value:
            problems.append(f"{where}: parts add up to {sum(values, Decimal(0))}, not {value}")
        if combines == "minimum" and min(values) != value:
            problems.append(f"{where}: the least part is {min(values)}, not {value}")
        if combines == "count below zero" and sum(v < 0 for v in values) != value:
            problems.append(f"{where}: {sum(v < 0 for v in values)} parts below zero, not {value}")
    for p in parts:
        check_node(p, where, problems)
    return 1 + sum(count_nodes(p) for p in parts)


def count_nodes(node):
    return 1 + sum(count_nodes(p) for p in node.get("parts", []))


def figures_of(envelope, example):
    projection = json.loads(run([envelope, "run", example, "--format", "json"]))
    metrics = list(projection["metrics"])
    contracts = [m.split(".", 1)[1] for m in metrics if m.startswith("tcv.")]
    streams = [m.split(".", 1)[1] for m in metrics if m.startswith("committed.")]
    lines = ["cost", "envelope", "funding", "headroom", "gap"]
    lines += [f"cost.{c}" for c in contracts]
    lines += [f"{what}.{s}" for s in streams for what in ("funding", "committed", "balance")]
    labels = [p["label"] for p in projection["periods"]]
    for basis in ("calendar", "contract-year", "month"):
        periods = json.loads(run([envelope, "run", example, "--format", "json", "--by", basis]))
        found = [p["label"] for p in periods["periods"]]
        labels += found if basis != "month" else found[:: max(1, len(found) // 7)]
    return metrics + [f"{line}@{label}" for label in labels for line in lines]


def main():
    envelope, folder = os.path.abspath(sys.argv[1]), sys.argv[2]
    examples = sorted(glob.glob(os.path.join(folder, "*.yaml")) + glob.glob(os.path.join(folder, "*.csv")))
    generated = tempfile.TemporaryDirectory()
    if "--generate" in sys.argv:
        from generate import generate  # noqa: E402 (the reference's generator)
        count = int(sys.argv[sys.argv.index("--generate") + 1])
        seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
        for i in range(count):
            path = os.path.join(generated.name, f"generated-{seed + i}.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(generate(seed + i, ties=i % 3 == 0)[0])
            examples.append(path)
    problems, figures, nodes = [], 0, 0
    for example in examples:
        names = figures_of(envelope, example)
        trees = json.loads(run([envelope, "explain", example, *names, "--format", "json"]),
                           parse_float=Decimal)
        values = run([envelope, "eval", example, *names]).split()
        for name, tree, expected in zip(names, trees, values):
            figures += 1
            if tree["figure"] != name:
                problems.append(f"{example}: {name}: the tree is of {tree['figure']}")
            if Decimal(expected) != tree["value"]:
                problems.append(f"{example}: {name}: explain says {tree['value']}, eval {expected}")
            nodes += check_node(tree, os.path.basename(example), problems)
    for p in problems[:40]:
        print("FAIL " + p)
    print(f"explain: {len(examples)} examples, {figures} figures, {nodes} nodes; "
          f"{len(problems)} problems")
    return 1 if problems or figures == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
