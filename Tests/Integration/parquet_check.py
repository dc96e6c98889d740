#!/usr/bin/env python3
"""Checks Parquet files written by the Swift `Parquet` target with independent readers.

Usage: parquet_check.py EXPECTATIONS.json

The expectations file (written by Tests/ParquetTests/ParquetIndependentReaderTests.swift) lists
files, each with its row count, row group count, created_by, key/value metadata, and per column:
name, type (string, timestamp_us_utc, date, int32, int64, double, boolean), whether it is
optional, every value (timestamps as microseconds, dates as days), and per row group the
statistics (null_count, min, max; min/max null when absent).

Every reader that can be imported (pyarrow, duckdb) checks every file. Exit status: 0 when all
checks pass, 1 on a mismatch, 3 when neither reader is installed (the Swift test reports a skip).
Install: python3 -m pip install pyarrow duckdb
"""

import json
import math
import sys

failures = []


def fail(file, message):
    failures.append(f"{file}: {message}")


def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) and math.isnan(b):
            return True
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and float(a) == float(b)
    return a == b


def first_difference(a, b):
    if len(a) != len(b):
        return f"{len(a)} values, expected {len(b)}"
    index = next(i for i, (x, y) in enumerate(zip(a, b)) if not same(x, y))
    return f"row {index}: {a[index]!r}, expected {b[index]!r}"


def same_list(a, b):
    return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))


ARROW_TYPES = {
    "string": ["string", "large_string"],
    "timestamp_us_utc": ["timestamp[us, tz=UTC]", "timestamp[us, tz=+00:00]"],
    "date": ["date32[day]"],
    "int32": ["int32"],
    "int64": ["int64"],
    "double": ["double"],
    "boolean": ["bool"],
}

PARQUET_TYPES = {
    # type: (physical, logical type name, converted type)
    "string": ("BYTE_ARRAY", "String", "UTF8"),
    "timestamp_us_utc": ("INT64", "Timestamp", "TIMESTAMP_MICROS"),
    "date": ("INT32", "Date", "DATE"),
    "int32": ("INT32", "None", "NONE"),
    "int64": ("INT64", "None", "NONE"),
    "double": ("DOUBLE", "None", "NONE"),
    "boolean": ("BOOLEAN", "None", "NONE"),
}


def check_pyarrow(spec):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = spec["path"]
    pf = pq.ParquetFile(path)
    md = pf.metadata
    if md.num_rows != spec["num_rows"]:
        fail(path, f"pyarrow num_rows {md.num_rows} != {spec['num_rows']}")
    if md.num_row_groups != spec["num_row_groups"]:
        fail(path, f"pyarrow row groups {md.num_row_groups} != {spec['num_row_groups']}")
    if md.created_by != spec["created_by"]:
        fail(path, f"pyarrow created_by {md.created_by!r}")
    kv = {k.decode(): v.decode() for k, v in (md.metadata or {}).items()}
    if kv != spec.get("key_value", {}):
        fail(path, f"pyarrow key/value metadata {kv}")
    table = pf.read()
    for index, column in enumerate(spec["columns"]):
        name = column["name"]
        field = table.schema.field(name)
        if str(field.type) not in ARROW_TYPES[column["type"]]:
            fail(path, f"pyarrow {name}: arrow type {field.type}")
        if field.nullable != column["optional"]:
            fail(path, f"pyarrow {name}: nullable {field.nullable}")
        described = pf.schema.column(index)
        physical, logical, converted = PARQUET_TYPES[column["type"]]
        if described.physical_type != physical:
            fail(path, f"pyarrow {name}: physical {described.physical_type}")
        logical_json = json.loads(described.logical_type.to_json())
        if logical_json.get("Type") != logical:
            fail(path, f"pyarrow {name}: logical {logical_json}")
        if column["type"] == "timestamp_us_utc" and (
            logical_json.get("isAdjustedToUTC") is not True or logical_json.get("timeUnit") != "microseconds"
        ):
            fail(path, f"pyarrow {name}: timestamp annotation {logical_json}")
        if described.converted_type != converted:
            fail(path, f"pyarrow {name}: converted type {described.converted_type}")
        array = table.column(name)
        if column["type"] == "timestamp_us_utc":
            array = array.cast(pa.int64())
        elif column["type"] == "date":
            array = array.cast(pa.int32())
        values = array.to_pylist()
        if not same_list(values, column["values"]):
            fail(path, f"pyarrow {name}: values differ ({first_difference(values, column['values'])})")
        for group, expected in enumerate(column["stats"]):
            stats = md.row_group(group).column(index).statistics
            if stats is None:
                fail(path, f"pyarrow {name} rg{group}: no statistics")
                continue
            if stats.null_count != expected["null_count"]:
                fail(path, f"pyarrow {name} rg{group}: null_count {stats.null_count}")
            if expected["min"] is None:
                if stats.has_min_max:
                    fail(path, f"pyarrow {name} rg{group}: unexpected min/max")
                continue
            if not stats.has_min_max:
                fail(path, f"pyarrow {name} rg{group}: min/max missing")
                continue
            low, high = stats.min_raw, stats.max_raw
            if isinstance(low, bytes):
                low, high = low.decode(), high.decode()
            if not same(low, expected["min"]):
                fail(path, f"pyarrow {name} rg{group}: min {low!r} != {expected['min']!r}")
            if not same(high, expected["max"]):
                fail(path, f"pyarrow {name} rg{group}: max {high!r} != {expected['max']!r}")


DUCK_TYPES = {
    "string": "VARCHAR",
    "timestamp_us_utc": "TIMESTAMP WITH TIME ZONE",
    "date": "DATE",
    "int32": "INTEGER",
    "int64": "BIGINT",
    "double": "DOUBLE",
    "boolean": "BOOLEAN",
}


def check_duckdb(spec):
    import duckdb

    path = spec["path"]
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
    types = {row[0]: row[1] for row in described}
    for column in spec["columns"]:
        if types.get(column["name"]) != DUCK_TYPES[column["type"]]:
            fail(path, f"duckdb {column['name']}: type {types.get(column['name'])}")
    selects = []
    for column in spec["columns"]:
        quoted = '"' + column["name"] + '"'
        if column["type"] == "timestamp_us_utc":
            selects.append(f"epoch_us({quoted})")
        elif column["type"] == "date":
            selects.append(f"CAST({quoted} - DATE '1970-01-01' AS INTEGER)")
        else:
            selects.append(quoted)
    rows = con.execute(f"SELECT {', '.join(selects)} FROM read_parquet(?)", [path]).fetchall()
    if len(rows) != spec["num_rows"]:
        fail(path, f"duckdb rows {len(rows)}")
    for index, column in enumerate(spec["columns"]):
        values = [row[index] for row in rows]
        if not same_list(values, column["values"]):
            fail(path, f"duckdb {column['name']}: values differ ({first_difference(values, column['values'])})")
    meta = con.execute(
        "SELECT row_group_id, path_in_schema, stats_null_count, stats_min_value, stats_max_value "
        "FROM parquet_metadata(?)",
        [path],
    ).fetchall()
    by_key = {(row[0], row[1]): row for row in meta}
    for column in spec["columns"]:
        for group, expected in enumerate(column["stats"]):
            row = by_key.get((group, column["name"]))
            if row is None:
                fail(path, f"duckdb {column['name']} rg{group}: no metadata")
                continue
            if row[2] != expected["null_count"]:
                fail(path, f"duckdb {column['name']} rg{group}: null_count {row[2]}")
            if column["type"] == "string" and expected["min"] is not None:
                if row[3] != expected["min"] or row[4] != expected["max"]:
                    fail(path, f"duckdb {column['name']} rg{group}: min/max {row[3]!r} {row[4]!r}")
            if column["type"] in ("int32", "int64") and expected["min"] is not None:
                if row[3] != str(expected["min"]) or row[4] != str(expected["max"]):
                    fail(path, f"duckdb {column['name']} rg{group}: min/max {row[3]!r} {row[4]!r}")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    with open(sys.argv[1]) as handle:
        expectations = json.load(handle)
    readers = []
    try:
        import pyarrow  # noqa: F401

        readers.append(("pyarrow", check_pyarrow))
    except ImportError:
        pass
    try:
        import duckdb  # noqa: F401

        readers.append(("duckdb", check_duckdb))
    except ImportError:
        pass
    if not readers:
        print("SKIP: neither pyarrow nor duckdb is installed (python3 -m pip install pyarrow duckdb)")
        return 3
    for name, check in readers:
        for spec in expectations["files"]:
            try:
                check(spec)
            except Exception as error:  # a reader rejecting the file is a failure to report
                fail(spec["path"], f"{name} raised {type(error).__name__}: {error}")
    names = ", ".join(name for name, _ in readers)
    if failures:
        print(f"FAILED with {names}:")
        for line in failures:
            print("  " + line)
        return 1
    print(f"OK: {len(expectations['files'])} files checked with {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
