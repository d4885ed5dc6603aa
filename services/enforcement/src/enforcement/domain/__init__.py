"""Enforcement's rules, pure: each decision takes state and the caller and returns the event
that records the change, or raises a DomainError saying why not (Chinese first, then English).
"""
