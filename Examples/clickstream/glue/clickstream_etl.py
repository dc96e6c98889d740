"""Clickstream ETL: the pipeline's AWS Glue job as a PySpark script.

Reads the raw bucket recursively as JSON (one event per line), flattens geo.ip/country/city into
ip, country and city, converts event_time to a timestamp, drops rows without one, derives
event_date, and overwrites the processed location as Parquet partitioned by event_date.

Job arguments (Glue's --KEY value):
  --JOB_NAME         set by Glue
  --raw_path         where the raw events are, e.g. s3://clickstream-raw/
  --processed_path   where the table's files go, e.g. s3://clickstream-processed/

Runs unchanged on AWS Glue (4.0) and on asl's Spark engine.
"""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql.functions import col, to_date, to_timestamp

args = getResolvedOptions(sys.argv, ["JOB_NAME", "raw_path", "processed_path"])

sc = SparkContext.getOrCreate()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

raw = spark.read.option("recursiveFileLookup", "true").json(args["raw_path"])

events = (
    raw.withColumn("ip", col("geo.ip"))
    .withColumn("country", col("geo.country"))
    .withColumn("city", col("geo.city"))
    .withColumn("event_time", to_timestamp(col("event_time")))
    .filter(col("event_time").isNotNull())
    .withColumn("event_date", to_date(col("event_time")))
    .select(
        "user_id",
        "session_id",
        "event_time",
        "event_type",
        "page_url",
        "referrer_url",
        "device_type",
        "browser",
        "ip",
        "country",
        "city",
        "event_date",
    )
)

events.write.mode("overwrite").partitionBy("event_date").parquet(args["processed_path"])

job.commit()
