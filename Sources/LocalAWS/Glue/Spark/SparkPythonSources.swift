/// The Python side of the `spark` Glue engine, shipped inside `asl` so a run needs no checkout
/// of the repository: `glue_runner.py` (which runs a Glue script) and the `awsglue` compatibility
/// package (AWS's own library is not on PyPI and needs AWS's Glue JARs; SPEC-NOTES.md §19).
/// ``SparkRuntime`` writes them under `<data-dir>/glue/.runtime/<hash>/` when a job starts.
///
/// GENERATED from `Python/` by `Python/embed.py`: edit the Python files there and run it. A
/// Python line starting with the word `import` is written `\#("import") …` (an interpolation of
/// the same word, so the text is unchanged): the layering test reads lines starting with
/// `import` as Swift imports.
enum SparkPythonSources {
    /// Each file's path below the runtime folder and its text, in a fixed order.
    static let files: [(path: String, text: String)] = [
        (
            "glue_runner.py",
            #"""
            """asl's runner for AWS Glue PySpark scripts on Apache Spark.

            Usage: python3 glue_runner.py <script.py> [--KEY value ...]

            Makes this process the leader of its own process group (so asl can stop Spark's JVM with it),
            maps s3:// locations into asl's data directory (ASL_GLUE_DATA_DIR), then runs the script as
            __main__ with sys.argv as Glue passes it. An uncaught exception is reported on stderr as one
            line starting with the marker below (JSON: the exception's type and first message line), then
            with its traceback, and the exit status is 1.
            """
            \#("import") json
            \#("import") os
            \#("import") runpy
            \#("import") sys
            \#("import") traceback

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
            """#
        ),
        (
            "awsglue/__init__.py",
            #"""
            """A local stand-in for AWS Glue's `awsglue` library, used by asl's Spark engine.

            AWS's own library is not on PyPI and needs AWS's Glue JARs (its DynamicFrame lives in the JVM),
            so this package implements the parts scripts commonly use on plain Apache Spark: DynamicFrame
            wraps a Spark DataFrame. See SPEC-NOTES.md section 19.
            """
            from awsglue.dynamicframe import DynamicFrame  # noqa: F401
            """#
        ),
        (
            "awsglue/_local.py",
            #"""
            """Maps s3:// locations (and, for a local master, s3a:// and s3n://) into asl's data directory,
            <data-dir>/s3/<bucket>/<key>, and patches Spark's readers and writers so scripts that name S3
            locations directly work unchanged."""
            \#("import") os
            \#("import") re

            _S3 = re.compile(r"^s3[an]?://([^/]+)/?(.*)$")
            _installed = False


            def data_directory():
                return os.environ.get("ASL_GLUE_DATA_DIR", "")


            def local_path(location):
                """s3://bucket/key -> file:<data-dir>/s3/bucket/key; anything else unchanged."""
                if not isinstance(location, str):
                    return location
                match = _S3.match(location)
                if not match or not data_directory():
                    return location
                if not location.startswith("s3://") and os.environ.get("ASL_GLUE_MAP_S3A", "1") != "1":
                    return location
                bucket, key = match.group(1), match.group(2)
                path = os.path.join(data_directory(), "s3", bucket, key)
                if location.endswith("/") and not path.endswith("/"):
                    path += "/"
                return "file://" + path


            def s3_text(text):
                """Writes local paths of the object store back as s3:// in a message."""
                root = data_directory()
                if not root:
                    return text
                for prefix in ("file://" + root + "/s3/", "file:" + root + "/s3/", root + "/s3/"):
                    text = text.replace(prefix, "s3://")
                return text


            def _map(value):
                if isinstance(value, str):
                    return local_path(value)
                if isinstance(value, (list, tuple)):
                    return type(value)(local_path(item) for item in value)
                return value


            def _wrap_path_method(cls, name, all_positional=False):
                original = getattr(cls, name, None)
                if original is None or getattr(original, "_asl_wrapped", False):
                    return

                def wrapped(self, *args, **kwargs):
                    if args:
                        if all_positional:
                            args = tuple(_map(item) for item in args)
                        else:
                            args = (_map(args[0]),) + tuple(args[1:])
                    for key in ("path", "paths"):
                        if key in kwargs:
                            kwargs[key] = _map(kwargs[key])
                    return original(self, *args, **kwargs)

                wrapped._asl_wrapped = True
                wrapped.__name__ = name
                wrapped.__doc__ = original.__doc__
                setattr(cls, name, wrapped)


            def _wrap_option(cls):
                original_option = getattr(cls, "option", None)
                if original_option is not None and not getattr(original_option, "_asl_wrapped", False):

                    def option(self, key, value):
                        if isinstance(key, str) and key.lower() == "path":
                            value = _map(value)
                        return original_option(self, key, value)

                    option._asl_wrapped = True
                    setattr(cls, "option", option)
                original_options = getattr(cls, "options", None)
                if original_options is not None and not getattr(original_options, "_asl_wrapped", False):

                    def options(self, **kwargs):
                        for key in list(kwargs):
                            if key.lower() == "path":
                                kwargs[key] = _map(kwargs[key])
                        return original_options(self, **kwargs)

                    options._asl_wrapped = True
                    setattr(cls, "options", options)


            def install():
                """Patches pyspark's DataFrameReader, DataFrameWriter and SparkContext file methods."""
                global _installed
                if _installed:
                    return
                _installed = True
                try:
                    from pyspark.sql import readwriter
                    from pyspark import context
                except ImportError:
                    return  # no PySpark: the script's own import of it fails with the reason

                reader = readwriter.DataFrameReader
                for name in ("load", "json", "csv", "orc", "text"):
                    _wrap_path_method(reader, name)
                _wrap_path_method(reader, "parquet", all_positional=True)
                _wrap_option(reader)
                writer = readwriter.DataFrameWriter
                for name in ("save", "json", "csv", "parquet", "orc", "text"):
                    _wrap_path_method(writer, name)
                _wrap_option(writer)
                for name in ("textFile", "wholeTextFiles", "binaryFiles"):
                    _wrap_path_method(context.SparkContext, name)
                try:
                    from pyspark.rdd import RDD

                    _wrap_path_method(RDD, "saveAsTextFile")
                except ImportError:
                    pass


            def describe(error):
                """The exception as Glue's ErrorMessage names it: its class name and the first line of its
                message, local paths written back as s3://, without Spark 4's error-class prefix and
                SQLSTATE suffix."""
                name = type(error).__name__
                message = str(error)
                lines = [line for line in message.splitlines() if line.strip()]
                first = lines[0].strip() if lines else ""
                first = re.sub(r"^\[[A-Z0-9_.]+\]\s*", "", first)
                first = re.sub(r"\s*SQLSTATE:\s*\w+\.?$", "", first)
                first = s3_text(first)
                return {"type": name, "message": (name + ": " + first) if first else name}


            def stop_spark():
                try:
                    from pyspark import SparkContext

                    active = SparkContext._active_spark_context
                    if active is not None:
                        active.stop()
                except Exception:  # noqa: BLE001 - stopping is best effort at exit
                    pass
            """#
        ),
        (
            "awsglue/utils.py",
            #"""
            """getResolvedOptions, as in AWS Glue's awsglue.utils."""
            \#("import") argparse


            class GlueArgumentError(Exception):
                pass


            def getResolvedOptions(args, options):
                """Returns {name: value} for each `--name value` in `args` named in `options`; a missing one
                fails as Glue's does (argparse's 'the following arguments are required')."""
                parser = argparse.ArgumentParser(allow_abbrev=False)
                parser.add_argument("--job-bookmark-option", dest="job_bookmark_option", required=False)
                parser.add_argument("--continuation-option", dest="continuation_option", required=False)
                for option in options:
                    if option in ("job-bookmark-option", "continuation-option"):
                        continue
                    parser.add_argument("--" + option, required=True)
                parsed, _ = parser.parse_known_args(args[1:])
                values = vars(parsed)
                result = {}
                for option in options:
                    key = option.replace("-", "_")
                    result[option] = values.get(key)
                return result
            """#
        ),
        (
            "awsglue/context.py",
            #"""
            """awsglue.context.GlueContext on plain Apache Spark."""
            from pyspark.sql import SparkSession

            from awsglue import _local
            from awsglue.dynamicframe import DynamicFrame, DynamicFrameReader, DynamicFrameWriter


            class GlueContext:
                def __init__(self, sparkContext, **options):
                    self._sc = sparkContext
                    self.spark_session = SparkSession.builder.getOrCreate()
                    self.create_dynamic_frame = DynamicFrameReader(self)
                    self.write_dynamic_frame = DynamicFrameWriter(self)

                @property
                def sparkSession(self):
                    return self.spark_session

                def getSparkSession(self):
                    return self.spark_session

                def get_logger(self):
                    return _Logger()

                def create_dynamic_frame_from_options(self, connection_type, connection_options=None, format=None,
                                                      format_options=None, transformation_ctx="", **kwargs):
                    return self.create_dynamic_frame.from_options(connection_type, connection_options or {}, format,
                                                                  format_options or {}, transformation_ctx, **kwargs)

                def write_dynamic_frame_from_options(self, frame, connection_type, connection_options=None, format=None,
                                                     format_options=None, transformation_ctx="", **kwargs):
                    return self.write_dynamic_frame.from_options(frame, connection_type, connection_options or {}, format,
                                                                 format_options or {}, transformation_ctx, **kwargs)

                def create_dynamic_frame_from_catalog(self, database, table_name, **kwargs):
                    return self.create_dynamic_frame.from_catalog(database=database, table_name=table_name, **kwargs)

                def purge_s3_path(self, s3_path, options=None, transformation_ctx=""):
                    \#("import") shutil
                    from urllib.parse import urlparse

                    path = urlparse(_local.local_path(s3_path)).path
                    shutil.rmtree(path, ignore_errors=True)


            class _Logger:
                def info(self, message):
                    print(message)

                def warn(self, message):
                    print(message)

                def error(self, message):
                    print(message)
            """#
        ),
        (
            "awsglue/dynamicframe.py",
            #"""
            """awsglue.dynamicframe: DynamicFrame as a wrapper of a Spark DataFrame."""
            from awsglue import _local

            _FORMATS = {"json": "json", "csv": "csv", "parquet": "parquet", "glueparquet": "parquet", "orc": "orc",
                        "avro": "avro"}


            class DynamicFrame:
                def __init__(self, jdf_or_df, glue_ctx=None, name=""):
                    self._df = jdf_or_df
                    self.glue_ctx = glue_ctx
                    self.name = name

                @classmethod
                def fromDF(cls, dataframe, glue_ctx, name):
                    return cls(dataframe, glue_ctx, name)

                def toDF(self, options=None):
                    return self._df

                def count(self):
                    return self._df.count()

                def show(self, num_rows=20):
                    self._df.show(num_rows)

                def schema(self):
                    return self._df.schema

                def printSchema(self):
                    self._df.printSchema()

                def select_fields(self, paths, transformation_ctx="", **kwargs):
                    return DynamicFrame(self._df.select(*paths), self.glue_ctx, self.name)

                def drop_fields(self, paths, transformation_ctx="", **kwargs):
                    return DynamicFrame(self._df.drop(*paths), self.glue_ctx, self.name)

                def rename_field(self, oldName, newName, transformation_ctx="", **kwargs):
                    return DynamicFrame(self._df.withColumnRenamed(oldName, newName), self.glue_ctx, self.name)

                def apply_mapping(self, mappings, case_sensitive=False, transformation_ctx="", **kwargs):
                    from pyspark.sql.functions import col

                    columns = []
                    for mapping in mappings:
                        source, _, target, target_type = mapping[0], mapping[1], mapping[2], mapping[3]
                        columns.append(col("`" + source + "`").cast(_spark_type(target_type)).alias(target))
                    return DynamicFrame(self._df.select(*columns), self.glue_ctx, self.name)

                def filter(self, f, transformation_ctx="", **kwargs):
                    rows = self._df.rdd.filter(lambda row: f(row.asDict(recursive=True)))
                    spark = self._df.sparkSession
                    return DynamicFrame(spark.createDataFrame(rows, self._df.schema), self.glue_ctx, self.name)

                def repartition(self, num_partitions, transformation_ctx="", **kwargs):
                    return DynamicFrame(self._df.repartition(num_partitions), self.glue_ctx, self.name)

                def coalesce(self, num_partitions, shuffle=False, transformation_ctx="", **kwargs):
                    return DynamicFrame(self._df.coalesce(num_partitions), self.glue_ctx, self.name)


            def _spark_type(name):
                name = (name or "string").lower()
                return {"long": "bigint", "integer": "int", "short": "smallint", "byte": "tinyint"}.get(name, name)


            def _paths(connection_options):
                paths = connection_options.get("paths")
                if paths is None and connection_options.get("path") is not None:
                    paths = [connection_options["path"]]
                if not paths:
                    raise ValueError("connection_options needs 'paths' (a list of s3:// locations)")
                return [_local.local_path(path) for path in paths]


            class DynamicFrameReader:
                def __init__(self, glue_context):
                    self._glue_context = glue_context

                def from_options(self, connection_type, connection_options=None, format=None, format_options=None,
                                 transformation_ctx="", push_down_predicate="", **kwargs):
                    connection_options = connection_options or {}
                    format_options = format_options or {}
                    if connection_type != "s3":
                        raise NotImplementedError(
                            "create_dynamic_frame.from_options: only connection_type 's3' runs locally, not '%s'"
                            % connection_type)
                    kind = _FORMATS.get((format or "").lower())
                    if kind is None:
                        raise NotImplementedError(
                            "create_dynamic_frame.from_options: format '%s' is not supported locally (use json, csv, "
                            "parquet or orc)" % format)
                    reader = self._glue_context.spark_session.read
                    recurse = connection_options.get("recurse", False)
                    if recurse is True or str(recurse).lower() == "true":
                        reader = reader.option("recursiveFileLookup", "true")
                    if kind == "csv":
                        header = format_options.get("withHeader", False)
                        reader = reader.option("header", "true" if header is True or str(header).lower() == "true" else "false")
                        reader = reader.option("sep", format_options.get("separator", ","))
                        reader = reader.option("quote", format_options.get("quoteChar", '"'))
                    if kind == "json" and str(format_options.get("multiline", "false")).lower() == "true":
                        reader = reader.option("multiLine", "true")
                    frame = reader.format(kind).load(_paths(connection_options))
                    return DynamicFrame(frame, self._glue_context, transformation_ctx)

                def from_catalog(self, database=None, table_name=None, **kwargs):
                    raise NotImplementedError(
                        "create_dynamic_frame.from_catalog(database=%r, table_name=%r): the Glue Data Catalog is not "
                        "available to local Spark runs; read the table's S3 location with "
                        "create_dynamic_frame.from_options(connection_type='s3', ...)" % (database, table_name))


            class DynamicFrameWriter:
                def __init__(self, glue_context):
                    self._glue_context = glue_context

                def from_options(self, frame, connection_type, connection_options=None, format=None, format_options=None,
                                 transformation_ctx="", **kwargs):
                    connection_options = connection_options or {}
                    format_options = format_options or {}
                    if connection_type != "s3":
                        raise NotImplementedError(
                            "write_dynamic_frame.from_options: only connection_type 's3' runs locally, not '%s'"
                            % connection_type)
                    kind = _FORMATS.get((format or "").lower())
                    if kind is None:
                        raise NotImplementedError(
                            "write_dynamic_frame.from_options: format '%s' is not supported locally" % format)
                    path = connection_options.get("path")
                    if not path:
                        raise ValueError("connection_options needs 'path' (an s3:// location)")
                    dataframe = frame.toDF() if isinstance(frame, DynamicFrame) else frame
                    # Glue's S3 sink adds files to what is there (append).
                    writer = dataframe.write.mode("append")
                    keys = connection_options.get("partitionKeys") or []
                    if keys:
                        writer = writer.partitionBy(*keys)
                    if kind == "csv":
                        writer = writer.option("header", "true" if format_options.get("writeHeader", True) else "false")
                        writer = writer.option("sep", format_options.get("separator", ","))
                    compression = format_options.get("compression")
                    if compression:
                        writer = writer.option("compression", compression)
                    writer.format(kind).save(_local.local_path(path))
                    return frame

                def from_catalog(self, frame, database=None, table_name=None, **kwargs):
                    raise NotImplementedError(
                        "write_dynamic_frame.from_catalog(database=%r, table_name=%r): the Glue Data Catalog is not "
                        "available to local Spark runs; write to the table's S3 location with "
                        "write_dynamic_frame.from_options(connection_type='s3', ...)" % (database, table_name))
            """#
        ),
        (
            "awsglue/job.py",
            #"""
            """awsglue.job.Job: init and commit (bookmarks are not kept locally)."""


            class Job:
                def __init__(self, glue_context):
                    self._context = glue_context
                    self._name = None
                    self._args = {}

                def init(self, job_name, args=None):
                    self._name = job_name
                    self._args = dict(args or {})

                def commit(self):
                    return None

                def isInitialized(self):
                    return self._name is not None

                @classmethod
                def continuation_options(cls):
                    return ["--continuation-option", "continuation-enabled", "continuation-readonly", "continuation-ignore"]

                @classmethod
                def job_bookmark_options(cls):
                    return ["--job-bookmark-option", "job-bookmark-enable", "job-bookmark-pause", "job-bookmark-disable"]
            """#
        ),
        (
            "awsglue/transforms.py",
            #"""
            """awsglue.transforms basics: ApplyMapping, DropFields, SelectFields, RenameField, Filter."""


            class _Transform:
                @classmethod
                def apply(cls, *args, **kwargs):
                    return cls()(*args, **kwargs)


            class ApplyMapping(_Transform):
                def __call__(self, frame, mappings, case_sensitive=False, transformation_ctx="", **kwargs):
                    return frame.apply_mapping(mappings, case_sensitive=case_sensitive)


            class DropFields(_Transform):
                def __call__(self, frame, paths, transformation_ctx="", **kwargs):
                    return frame.drop_fields(paths)


            class SelectFields(_Transform):
                def __call__(self, frame, paths, transformation_ctx="", **kwargs):
                    return frame.select_fields(paths)


            class RenameField(_Transform):
                def __call__(self, frame, old_name, new_name, transformation_ctx="", **kwargs):
                    return frame.rename_field(old_name, new_name)


            class Filter(_Transform):
                def __call__(self, frame, f, transformation_ctx="", **kwargs):
                    return frame.filter(f)
            """#
        ),
    ]
}
