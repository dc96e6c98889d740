"""A local stand-in for AWS Glue's `awsglue` library, used by asl's Spark engine.

AWS's own library is not on PyPI and needs AWS's Glue JARs (its DynamicFrame lives in the JVM),
so this package implements the parts scripts commonly use on plain Apache Spark: DynamicFrame
wraps a Spark DataFrame. See SPEC-NOTES.md section 19.
"""
from awsglue.dynamicframe import DynamicFrame  # noqa: F401
