"""Inspections (督导): assignments, checklists, inspections, rectification orders, statistics."""
