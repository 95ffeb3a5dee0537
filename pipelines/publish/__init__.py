"""Publishing: serving snapshots for the dashboards, written aside and swapped in atomically."""
