"""Inspections' rules: pure, no web, database or file I/O; the clock and ids come in as arguments."""
