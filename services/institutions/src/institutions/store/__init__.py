"""The registry's storage: tables, and the repository use cases reach them through."""
