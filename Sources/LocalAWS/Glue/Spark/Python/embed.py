#!/usr/bin/env python3
"""Writes ../SparkPythonSources.swift from the Python files beside this script.

The Python side of asl's `spark` Glue engine is edited here, as Python; `asl` carries it inside
its binary (so a run needs no checkout of the repository), as Swift raw string literals. After
editing a file here, run

    python3 Sources/LocalAWS/Glue/Spark/Python/embed.py

`SparkPythonSourcesTests` fails, naming this command, when the two differ.
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(os.path.dirname(HERE), "SparkPythonSources.swift")
# The order the files are written in (the runtime folder's hash covers it).
FILES = [
    "glue_runner.py",
    "awsglue/__init__.py",
    "awsglue/_local.py",
    "awsglue/utils.py",
    "awsglue/context.py",
    "awsglue/dynamicframe.py",
    "awsglue/job.py",
    "awsglue/transforms.py",
]

HEADER = '''/// The Python side of the `spark` Glue engine, shipped inside `asl` so a run needs no checkout
/// of the repository: `glue_runner.py` (which runs a Glue script) and the `awsglue` compatibility
/// package (AWS's own library is not on PyPI and needs AWS's Glue JARs; SPEC-NOTES.md §19).
/// ``SparkRuntime`` writes them under `<data-dir>/glue/.runtime/<hash>/` when a job starts.
///
/// GENERATED from `Python/` by `Python/embed.py`: edit the Python files there and run it. A
/// Python line starting with the word `import` is written `\\#("import") …` (an interpolation of
/// the same word, so the text is unchanged): the layering test reads lines starting with
/// `import` as Swift imports.
enum SparkPythonSources {
    /// Each file's path below the runtime folder and its text, in a fixed order.
    static let files: [(path: String, text: String)] = [
'''


def literal_line(line):
    if not line:
        return ""
    stripped = line.lstrip(" ")
    if stripped.startswith("import "):
        indent = line[: len(line) - len(stripped)]
        line = indent + '\\#("import")' + stripped[len("import") :]
    return " " * 12 + line


def main():
    out = [HEADER]
    for path in FILES:
        with open(os.path.join(HERE, path), encoding="utf-8") as handle:
            text = handle.read()
        if not text.endswith("\n"):
            raise SystemExit(f"{path}: must end with a newline")
        text = text[:-1]
        if '"""#' in text or "\\#(" in text:
            raise SystemExit(f'{path}: contains """# or \\#(, which would end or break the Swift literal')
        body = "\n".join(literal_line(line) for line in text.split("\n"))
        out.append(f'        (\n            "{path}",\n            #"""\n{body}\n            """#\n        ),\n')
    out.append("    ]\n}\n")
    tmp = TARGET + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write("".join(out))
    os.replace(tmp, TARGET)


if __name__ == "__main__":
    main()
