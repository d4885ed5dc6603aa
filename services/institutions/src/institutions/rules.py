"""The rule book from its data files: compliance parameters and the shared working calendar."""

from __future__ import annotations

import json
from importlib import resources

from govkit.calendar import load_calendar
from institutions.domain.compliance import ComplianceParameters, RuleBook, parameters_from


def load_parameters(text: str | None = None) -> ComplianceParameters:
    """Parse rule parameters (the packaged `compliance.json` by default)."""
    raw = json.loads(
        text or resources.files("institutions.data").joinpath("compliance.json").read_text()
    )
    return parameters_from(raw)


def load_rule_book() -> RuleBook:
    """The parameters with the shipped calendar; the service uses the calendar as loaded."""
    return RuleBook(load_parameters(), load_calendar())
