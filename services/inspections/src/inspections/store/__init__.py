"""Inspections' storage: tables, the repository use cases reach them through, and the counts."""
