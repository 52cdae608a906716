#!/usr/bin/env python3
"""Writes a generated scenario for the scale benchmark: 1,000 contracts over a
30-year horizon (April 2024 to March 2054) with 5 funding streams, uplifts,
extensions, shares and groups. The same seed gives the same file.

    python3 bench/scale_scenario.py [OUT.yaml] [--contracts N] [--seed S]
"""
import argparse
import random


def scenario(contracts, seed):
    r = random.Random(seed)
    out = ["scenario: {name: Scale test, start: 2024-04-01, end: 2054-03-31}",
           "assumptions: {uplift: 0.025}",
           "envelope: {annual: 200000000, change: 0.02}",
           "funding:"]
    for s in range(5):
        out.append(f"  s{s}: {{name: Stream {s}, annual: {40000000 + s * 1000}, "
                   f"change: {r.choice([0, 0.01, -0.02])}}}")
    out.append("contracts:")
    for c in range(contracts):
        month = 2024 * 12 + 3 + r.randrange(0, 60)
        start = f"{month // 12}-{month % 12 + 1:02d}-01"
        uplift = r.choice(["uplift", "0.02", "[0.03, 0.02]"])
        out.append(f"  c{c}: {{annual: {r.randrange(50000, 500000)}, start: {start}, "
                   f"term: {r.randrange(5, 21)}, extensions: [2, 3], exercise: {r.randrange(0, 3)}, "
                   f"uplift: {uplift}, funded_by: {{s{c % 5}: 0.6, s{(c + 1) % 5}: 0.4}}, "
                   f"group: Group {c % 7}}}")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/envelope-scale.yaml")
    parser.add_argument("--contracts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with open(args.out, "w") as f:
        f.write(scenario(args.contracts, args.seed))


if __name__ == "__main__":
    main()
