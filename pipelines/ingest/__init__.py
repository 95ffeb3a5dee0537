"""Ingestion: delivery files in the drop folders -> pseudonymised ``raw.*`` tables."""
