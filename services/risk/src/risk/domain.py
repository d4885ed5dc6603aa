"""The risk exchange's rules: what a signal is and who sees an institution's signals.

Scoring into red / yellow / green comes later; for now every signal is kept, with its source
and time, so that the score can be explained from them.
"""

from __future__ import annotations

from contracts.envelope import Envelope
from contracts.events import ComplianceViolationFound
from govkit.principal import Principal

READER_ROLES = frozenset(
    {
        "leader",
        "admin",
        "district_officer",
        "township_officer",
        "department_officer",
        "department_lead",
        "inspector",
    }
)
CITY_WIDE_ROLES = frozenset({"leader", "admin"})


def signal_scope(principal: Principal) -> dict[str, str] | None:
    """Column filters bounding which signals `principal` sees; None means city-wide."""
    if principal.has_any_role(CITY_WIDE_ROLES):
        return None
    if "township_officer" in principal.roles:
        return {"township": principal.township or "-", "district": principal.district or "-"}
    return {"district": principal.district or "-"}


def signal_from_violation(envelope: Envelope, violation: ComplianceViolationFound) -> dict:
    """A compliance violation as a signal: the registry is its source, the rule its kind."""
    return {
        "signal_id": envelope.id,
        "institution_id": violation.institution_id,
        "institution_name": violation.institution_name,
        "source": envelope.source,
        "kind": f"compliance.{violation.rule}",
        "severity": violation.severity.value,
        "evidence": violation.evidence,
        "district": violation.district,
        "township": violation.township,
        "occurred_at": violation.found_at,
    }
