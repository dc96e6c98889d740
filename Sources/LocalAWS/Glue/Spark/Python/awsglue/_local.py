"""Maps s3:// locations (and, for a local master, s3a:// and s3n://) into asl's data directory,
<data-dir>/s3/<bucket>/<key>, and patches Spark's readers and writers so scripts that name S3
locations directly work unchanged."""
import os
import re

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
