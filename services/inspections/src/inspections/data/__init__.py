"""Data files: the checklist versions and the rectification rules."""
