"""Enforcement's tables, the repository use cases reach them through, and the projection of events onto them."""
