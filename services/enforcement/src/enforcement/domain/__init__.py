"""Enforcement's rules, pure: no web, database or file I/O. Each decision takes state, the caller
and the time, and returns the event that records the change, or raises a `govkit.errors`
refusal saying why not (Chinese first, then English).
"""
