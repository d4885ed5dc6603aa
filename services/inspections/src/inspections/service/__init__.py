"""Inspections' use cases: each takes its command and a unit of work, and is the domain's only caller."""
