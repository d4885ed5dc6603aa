"""Oversight's storage: the fact tables, and the repository use cases reach them through."""
