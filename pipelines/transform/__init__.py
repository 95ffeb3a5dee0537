"""Transformation: the dbt project, loaded with dagster-dbt so every model is an asset."""
