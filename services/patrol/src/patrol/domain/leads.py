"""Patrol leads: where the registry's compliance findings send the grid's patrol."""

from __future__ import annotations

from enum import StrEnum


class LeadStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
