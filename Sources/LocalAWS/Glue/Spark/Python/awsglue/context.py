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
        import shutil
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
