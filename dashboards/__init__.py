"""Streamlit dashboards. They read published snapshots only, never the warehouse."""
