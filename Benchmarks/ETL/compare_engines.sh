#!/usr/bin/env bash
# The clickstream ETL on the same generated JSON Lines input through the three engines, side by
# side: the native engine (ClickstreamETL), the `spark` engine running
# Examples/clickstream/glue/clickstream_etl.py on Spark local[2], and DuckDB (2 threads). Prints
# wall time and peak resident memory of each.
#
#   Benchmarks/ETL/compare_engines.sh [EVENTS]        (default 1000000)
#
# Needs: swift, Java 17, python3 with pyspark and duckdb (python3 -m pip install pyspark duckdb).
# ETL_BENCH_CONFIG=debug builds the benchmark in debug (a quick smoke run, not for figures).
set -euo pipefail
cd "$(dirname "$0")"
EVENTS="${1:-1000000}"
DIR="${ETL_BENCH_DIR:-${TMPDIR:-/tmp}/etl-bench}"
CONFIG="${ETL_BENCH_CONFIG:-release}"
MASTER="${SPARK_MASTER:-local[2]}"

swift build -c "$CONFIG" --scratch-path .build >/dev/null
BIN="$(swift build -c "$CONFIG" --scratch-path .build --show-bin-path)/ETLBenchmark"
NATIVE="$("$BIN" --mode lines --events "$EVENTS" --dir "$DIR")"
SPARK="$("$BIN" --mode spark --events "$EVENTS" --dir "$DIR" --master "$MASTER")"
echo "$NATIVE" | grep -v '^swift_'
echo "$SPARK" | grep -v '^spark_'
value() { echo "$1" | sed -n "s/^$2=//p"; }

python3 - "$DIR/lines-$EVENTS" "$DIR/out-duckdb" "$EVENTS" "$MASTER" \
    "$(value "$NATIVE" swift_seconds_lines)" "$(value "$NATIVE" swift_peak_mib_lines)" \
    "$(value "$SPARK" spark_seconds)" "$(value "$SPARK" spark_peak_mib)" <<'PYTHON'
import resource
import shutil
import sys
import time

import duckdb

source, target, events, master, native_s, native_mib, spark_s, spark_mib = sys.argv[1:]
shutil.rmtree(target, ignore_errors=True)
con = duckdb.connect()
con.execute("SET threads TO 2")
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
duck_s = time.perf_counter() - start
duck_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
events = int(events)
print()
print(f"{events:,} events")
print(f"{'':28}{'seconds':>10}{'events/s':>14}{'peak MiB':>10}")
for name, seconds, mib in [
    ("native (ClickstreamETL)", float(native_s), native_mib),
    (f"spark {master}", float(spark_s), spark_mib),
    (f"DuckDB {duckdb.__version__} (2 thr)", duck_s, duck_mib),
]:
    print(f"{name:28}{seconds:>10.3f}{events / seconds:>14,.0f}{mib:>10}")
PYTHON
