"""Risk's storage: the signal table, and the repository use cases reach it through."""
