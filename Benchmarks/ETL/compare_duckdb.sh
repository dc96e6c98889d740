#!/usr/bin/env bash
# Times ClickstreamETL and DuckDB on the same generated JSON Lines input and prints both.
#
#   Benchmarks/ETL/compare_duckdb.sh [EVENTS]        (default 1000000)
#
# Needs: swift, python3 with duckdb (python3 -m pip install duckdb). DuckDB runs with as many
# threads as the Swift job uses (2) unless DUCKDB_THREADS says otherwise.
set -euo pipefail
cd "$(dirname "$0")"
EVENTS="${1:-1000000}"
DIR="${ETL_BENCH_DIR:-${TMPDIR:-/tmp}/etl-bench}"
THREADS="${DUCKDB_THREADS:-2}"

swift build -c release --scratch-path .build >/dev/null
SWIFT_OUTPUT="$(.build/release/ETLBenchmark --mode lines --events "$EVENTS" --dir "$DIR")"
echo "$SWIFT_OUTPUT" | grep -v '^swift_seconds_'
SWIFT_SECONDS="$(echo "$SWIFT_OUTPUT" | sed -n 's/^swift_seconds_lines=//p')"

python3 - "$DIR/lines-$EVENTS" "$DIR/out-duckdb" "$THREADS" "$EVENTS" "$SWIFT_SECONDS" <<'PYTHON'
import shutil
import sys
import time

import duckdb

source, target, threads, events, swift_seconds = sys.argv[1:]
shutil.rmtree(target, ignore_errors=True)
con = duckdb.connect()
con.execute(f"SET threads TO {int(threads)}")
con.execute("SET TimeZone = 'UTC'")
columns = (
    "{'user_id': 'VARCHAR', 'session_id': 'VARCHAR', 'event_time': 'VARCHAR', 'event_type': 'VARCHAR', "
    "'page_url': 'VARCHAR', 'referrer_url': 'VARCHAR', 'device_type': 'VARCHAR', 'browser': 'VARCHAR', "
    "'geo': 'STRUCT(ip VARCHAR, country VARCHAR, city VARCHAR)'}"
)
query = f"""
COPY (
    SELECT user_id, session_id, t AS event_time, event_type, page_url, referrer_url, device_type, browser,
           geo.ip AS ip, geo.country AS country, geo.city AS city, CAST(t AS DATE) AS event_date
    FROM (
        SELECT *, TRY_CAST(event_time AS TIMESTAMP) AS t
        FROM read_json('{source}/**/*.json', format = 'newline_delimited', columns = {columns},
                       ignore_errors = true)
    )
    WHERE t IS NOT NULL
) TO '{target}' (FORMAT PARQUET, PARTITION_BY (event_date), COMPRESSION SNAPPY)
"""
start = time.perf_counter()
con.execute(query)
duck_seconds = time.perf_counter() - start
rows = con.execute(f"SELECT count(*) FROM read_parquet('{target}/**/*.parquet')").fetchone()[0]
events = int(events)
swift_seconds = float(swift_seconds)
print()
print(f"{'':24}{'seconds':>10}{'events/s':>14}")
print(f"{'ClickstreamETL (Swift)':24}{swift_seconds:>10.3f}{events / swift_seconds:>14,.0f}")
print(f"{'DuckDB ' + duckdb.__version__ + f' ({threads} thr)':24}{duck_seconds:>10.3f}{events / duck_seconds:>14,.0f}")
print(f"DuckDB wrote {rows} rows")
PYTHON
