"""Enforcement's rules that are data, shipped with the code."""

from __future__ import annotations

from importlib import resources

from enforcement.domain.accountability import AccountabilityRule, parse_accountability_rule


def load_accountability_rule() -> AccountabilityRule:
    """The accountability ladder in `accountability.json`."""
    return parse_accountability_rule(
        resources.files(__name__).joinpath("accountability.json").read_text()
    )
