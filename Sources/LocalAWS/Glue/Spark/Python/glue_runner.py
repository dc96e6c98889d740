"""asl's runner for AWS Glue PySpark scripts on Apache Spark.

Usage: python3 glue_runner.py <script.py> [--KEY value ...]

Makes this process the leader of its own process group (so asl can stop Spark's JVM with it),
maps s3:// locations into asl's data directory (ASL_GLUE_DATA_DIR), then runs the script as
__main__ with sys.argv as Glue passes it. An uncaught exception is reported on stderr as one
line starting with the marker below (JSON: the exception's type and first message line), then
with its traceback, and the exit status is 1.
"""
import json
import os
import runpy
import sys
import traceback

MARKER = "##ASL-GLUE-ERROR## "


def main():
    if os.environ.get("ASL_GLUE_SETPGID") == "1":
        try:
            os.setpgid(0, 0)
        except OSError:
            pass
    if len(sys.argv) < 2:
        sys.stderr.write("usage: glue_runner.py <script.py> [--KEY value ...]\n")
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    from awsglue import _local

    _local.install()
    script = sys.argv[1]
    sys.argv = [script] + sys.argv[2:]
    script_dir = os.path.dirname(os.path.abspath(script))
    if script_dir not in sys.path:
        sys.path.insert(0, script_dir)
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exit:
        code = exit.code
        if code is None or code == 0:
            return 0
        if not isinstance(code, int):
            sys.stderr.write(MARKER + json.dumps({"type": "SystemExit", "message": str(code)}) + "\n")
            sys.stderr.write(str(code) + "\n")
            return 1
        return code
    except BaseException as error:  # noqa: BLE001 - every failure of the script is reported
        sys.stderr.write(MARKER + json.dumps(_local.describe(error)) + "\n")
        traceback.print_exc()
        sys.stderr.flush()
        return 1
    finally:
        _local.stop_spark()
    return 0


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
