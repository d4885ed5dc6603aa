"""Inspections' HTTP routes: parse, authorise, call a use case, return."""
