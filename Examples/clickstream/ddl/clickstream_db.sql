-- The Glue Data Catalog database of the clickstream pipeline.
CREATE DATABASE IF NOT EXISTS clickstream_db
COMMENT 'Clickstream events processed by the clickstream-etl Glue job';
