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
