"""Times each expression of cases.json in the pure-Python jsonata (PyPI: jsonata-python).

Prints one JSON object per line, as the Swift benchmark does:
  {"name": ..., "ns": <nanoseconds per evaluation>, "iterations": ..., "result": <result>}
Usage: python run_python.py CASES.json SECONDS
"""
import json
import sys
import time

import jsonata

CATEGORIES = ["books", "games", "music", "tools", "toys"]


def make_input(count):
    items = []
    for i in range(count):
        price = ((i * 37) % 1000) / 4
        items.append({
            "id": i,
            "name": f"item-{i}",
            "category": CATEGORIES[i % 5],
            "price": int(price) if price == int(price) else price,
            "qty": i % 7 + 1,
            "active": i % 3 != 0,
        })
    return {"items": items}


def main():
    cases_path, seconds = sys.argv[1], float(sys.argv[2])
    with open(cases_path) as f:
        cases = json.load(f)["cases"]
    inputs = {}
    for case in cases:
        count = case["items"]
        data = inputs.setdefault(count, make_input(count))
        try:
            expression = jsonata.Jsonata(case["expression"])
            result = expression.evaluate(data)
            iterations = 0
            start = time.perf_counter()
            elapsed = 0.0
            while elapsed < seconds:
                result = expression.evaluate(data)
                iterations += 1
                elapsed = time.perf_counter() - start
            line = {"name": case["name"], "ns": elapsed * 1e9 / iterations, "iterations": iterations,
                    "result": result}
        except Exception as error:  # reported, not fatal: the table shows the failure
            line = {"name": case["name"], "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(line, default=str), flush=True)


main()
