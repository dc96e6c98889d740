-- The table over the Parquet files the clickstream-etl Glue job writes, partitioned by day.
-- RepairAthenaPartitions (MSCK REPAIR TABLE) adds the event_date=YYYY-MM-DD folders it finds.
CREATE EXTERNAL TABLE IF NOT EXISTS clickstream_db.clickstream_events (
  user_id string,
  session_id string,
  event_time timestamp,
  event_type string,
  page_url string,
  referrer_url string,
  device_type string,
  browser string,
  ip string,
  country string,
  city string
)
PARTITIONED BY (event_date date)
STORED AS PARQUET
LOCATION 's3://clickstream-processed/';
