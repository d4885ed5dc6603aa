"""The checklist: the current version and any earlier one an inspection was run with."""

from __future__ import annotations

from fastapi import APIRouter

from inspections.api.shared import Reader, RulesDep
from inspections.domain.checklist import Checklist

router = APIRouter(prefix="/checklist", tags=["checklist"])


@router.get("", response_model=Checklist)
def current_checklist(_reader: Reader, rules: RulesDep):
    """The checklist new inspections use: items 1–14 for schools, 15–25 for institutions."""
    return rules.checklists.current


@router.get("/{version}", response_model=Checklist)
def checklist_version(version: str, _reader: Reader, rules: RulesDep):
    """A published version, as inspections run with it recorded them."""
    return rules.checklists.version(version)
