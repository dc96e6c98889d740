"""Prints compare.sh's table from the engines' JSON-lines outputs in WORK and checks that every
engine's result agrees with this package's engine (numbers compared to 1e-9 relative)."""
import json
import math
import os
import sys

work = sys.argv[1]


def load(name):
    path = os.path.join(work, f"{name}.jsonl")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return {line["name"]: line for line in map(json.loads, f) if line}


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


swift = load("swift")
engines = [("this engine (Swift)", swift)]
for key in ("rust", "python"):
    results = load(key)
    if results is not None:
        with open(os.path.join(work, f"{key}.name")) as f:
            engines.append((f.read().strip(), results))

width = max(len(name) for name in swift) + 2
header = f"{'expression':{width}}" + "".join(f"{name:>24}" for name, _ in engines)
print(header)
print("-" * len(header))
disagreements = []
for name, ours in swift.items():
    row = f"{name:{width}}"
    for engine, results in engines:
        line = results.get(name)
        if line is None or "ns" not in line:
            row += f"{'error':>24}"
            if line is not None:
                disagreements.append(f"{engine} on {name}: {line.get('error')}")
            continue
        cell = f"{line['ns']:,.0f}"
        if results is not swift:
            cell += f" ({line['ns'] / ours['ns']:.1f}x)"
            if not same(ours["result"], line["result"]):
                disagreements.append(f"{engine} on {name}: result differs")
        row += f"{cell:>24}"
    print(row)
print("\nns per evaluation (compiled once); (Nx) = times slower than this engine.")
for line in disagreements:
    print(f"DISAGREEMENT: {line}")
sys.exit(1 if any("differs" in line for line in disagreements) else 0)
