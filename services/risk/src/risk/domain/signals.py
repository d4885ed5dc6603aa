"""What a signal is, where one comes from, and who sees an institution's signals.

Scoring into red / yellow / green comes later; for now every signal is kept, with its source
and time, so that the score can be explained from them.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from contracts.events import ComplianceViolationFound
from govkit.principal import CITY, CITY_WIDE_ROLES, DEPARTMENT_ROLES, Principal, Role, Scope

AREA_ROLES = frozenset({Role.DISTRICT_OFFICER, Role.TOWNSHIP_OFFICER, Role.INSPECTOR})
# Everyone who oversees institutions; grid workers follow patrol leads instead.
READER_ROLES = CITY_WIDE_ROLES | DEPARTMENT_ROLES | AREA_ROLES
REGISTRY = "/services/institutions"
"""The registry's CloudEvents source: every compliance violation is published under it."""


class Signal(BaseModel):
    """One signal about one institution from one agency, as received."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    signal_id: str
    institution_id: str
    institution_name: str
    source: str
    kind: str
    severity: str
    evidence: str
    district: str
    township: str
    occurred_at: datetime
    received_at: datetime


def signal_scope(principal: Principal) -> Scope:
    """The city for leaders; a township officer's township; everyone else their district."""
    if principal.city_wide:
        return CITY
    if principal.has_role(Role.TOWNSHIP_OFFICER):
        return Scope.bounded(district=principal.district, township=principal.township)
    return Scope.bounded(district=principal.district)


def signal_from_violation(violation: ComplianceViolationFound, *, received_at: datetime) -> Signal:
    """A compliance violation as a signal: the registry is its source, the rule its kind.

    The violation's id is the signal's, so one violation is one signal however often it arrives.
    """
    return Signal(
        signal_id=violation.violation_id,
        institution_id=violation.institution_id,
        institution_name=violation.institution_name,
        source=REGISTRY,
        kind=f"compliance.{violation.rule}",
        severity=violation.severity.value,
        evidence=violation.evidence,
        district=violation.district,
        township=violation.township,
        occurred_at=violation.found_at,
        received_at=received_at,
    )
