"""Dagster pipelines of the shared outcome warehouse: ingestion, dbt transformation, publishing."""
