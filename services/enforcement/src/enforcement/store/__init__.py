"""Enforcement's tables, the projection that applies events to them, and the queries on them."""
