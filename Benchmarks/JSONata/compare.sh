#!/usr/bin/env bash
# Times the expressions of cases.json in this package's JSONata engine (release build), in the
# pure-Python jsonata from PyPI (jsonata-python, installed into a temporary venv) and in jsonata-rs
# (the Rust crate, built in a temporary cargo project when crates.io is reachable; skipped with a
# note otherwise), checks that the results agree, and prints ns per evaluation as a table.
#
#   Benchmarks/JSONata/compare.sh [SECONDS-PER-CASE]        (default 1)
#
# Needs: swift, python3 (with venv and network access to PyPI); cargo optional.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_CASE="${1:-1}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/jsonata-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

swift build -c release --scratch-path .build >/dev/null
.build/release/JSONataBenchmark --cases cases.json --seconds "$SECONDS_PER_CASE" >"$WORK/swift.jsonl"

if python3 -m venv "$WORK/venv" >/dev/null 2>&1 && "$WORK/venv/bin/pip" install -q jsonata-python >/dev/null 2>&1; then
    PY_VERSION="$("$WORK/venv/bin/pip" show jsonata-python 2>/dev/null | sed -n 's/^Version: //p')"
    "$WORK/venv/bin/python" run_python.py cases.json "$SECONDS_PER_CASE" >"$WORK/python.jsonl"
    echo "jsonata-python $PY_VERSION" >"$WORK/python.name"
else
    echo "note: could not install jsonata-python from PyPI; skipped" >&2
fi

if command -v cargo >/dev/null 2>&1; then
    mkdir -p "$WORK/rs/src"
    cp rust/Cargo.toml "$WORK/rs/Cargo.toml"
    cp rust/main.rs "$WORK/rs/src/main.rs"
    if (cd "$WORK/rs" && timeout 600 cargo build --release -q) >"$WORK/cargo.log" 2>&1; then
        "$WORK/rs/target/release/jsonata-bench" cases.json "$SECONDS_PER_CASE" >"$WORK/rust.jsonl"
        echo "jsonata-rs $(sed -n 's/^jsonata-rs = "\(.*\)"/\1/p' rust/Cargo.toml)" >"$WORK/rust.name"
    else
        echo "note: jsonata-rs skipped: cargo could not build it (crates.io unreachable?):" >&2
        grep -m1 -i "error\|could not" "$WORK/cargo.log" >&2 || true
    fi
else
    echo "note: jsonata-rs skipped: no cargo on PATH" >&2
fi

python3 report.py "$WORK"
