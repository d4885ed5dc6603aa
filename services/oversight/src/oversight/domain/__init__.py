"""Oversight's rules: the fold of case events into facts, the metrics, who sees which tasks.

Pure: no web, token or database library; the clock comes in with the events.
"""
