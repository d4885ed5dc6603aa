"""What a signal is, where each kind comes from, and who sees an institution's signals."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from contracts.events import (
    ComplianceViolationFound,
    FindingRecorded,
    IncidentReported,
    InstitutionLifecycleChanged,
    JointActionRecorded,
    TaskOutcomeSubmitted,
)
from contracts.vocabulary import Severity, TaskOutcome
from govkit.principal import CITY, CITY_WIDE_ROLES, DEPARTMENT_ROLES, Principal, Role, Scope

AREA_ROLES = frozenset({Role.DISTRICT_OFFICER, Role.TOWNSHIP_OFFICER, Role.INSPECTOR})
# Everyone who oversees institutions; grid workers follow patrol leads instead.
READER_ROLES = CITY_WIDE_ROLES | DEPARTMENT_ROLES | AREA_ROLES
REGISTRY = "/services/institutions"
"""The registry's CloudEvents source: every compliance violation is published under it."""
INSPECTIONS, ENFORCEMENT, PATROL, RISK = (
    "/services/inspections",
    "/services/enforcement",
    "/services/patrol",
    "/services/risk",
)
OUTCOMES = frozenset({TaskOutcome.FINED, TaskOutcome.BANNED, TaskOutcome.CLOSURE_ORDERED})
"""The enforcement outcomes that are signals about the institution."""
BANNED = "banned"
ENDED = frozenset({BANNED, "closed"})
"""Registry states that are signals: 取缔 and 关停."""


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


class About(Protocol):
    """The institution a signal is about, as risk knows it."""

    @property
    def institution_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def district(self) -> str: ...
    @property
    def township(self) -> str: ...


def signal_scope(principal: Principal) -> Scope:
    """The city for leaders; a township officer's township; everyone else their district."""
    if principal.city_wide:
        return CITY
    if principal.has_role(Role.TOWNSHIP_OFFICER):
        return Scope.bounded(district=principal.district, township=principal.township)
    return Scope.bounded(district=principal.district)


def signal_about(
    about: About,
    *,
    signal_id: str,
    source: str,
    kind: str,
    evidence: str,
    occurred_at: datetime,
    received_at: datetime,
    severity: str = Severity.NORMAL.value,
) -> Signal:
    return Signal(
        signal_id=signal_id,
        institution_id=about.institution_id,
        institution_name=about.name,
        source=source,
        kind=kind,
        severity=severity,
        evidence=evidence,
        district=about.district,
        township=about.township,
        occurred_at=occurred_at,
        received_at=received_at,
    )


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


def signal_from_finding(finding: FindingRecorded, about: About, *, received_at: datetime) -> Signal:
    return signal_about(
        about,
        signal_id=f"finding:{finding.finding_id}",
        source=INSPECTIONS,
        kind=f"inspection.{finding.severity.value}",
        severity=finding.severity.value,
        evidence=f"第{finding.item_no}项 {finding.item}：{finding.note}",
        occurred_at=finding.found_at,
        received_at=received_at,
    )


def signal_from_outcome(
    outcome: TaskOutcomeSubmitted | JointActionRecorded, about: About, *, received_at: datetime
) -> Signal:
    """A fine, ban or closure ordered on the institution's case."""
    if isinstance(outcome, TaskOutcomeSubmitted):
        ref, occurred_at = outcome.task_id, outcome.submitted_at
    else:
        ref, occurred_at = outcome.action_id, outcome.recorded_at
    fine = f"，罚款 {outcome.fine_amount_yuan} 元" if outcome.fine_amount_yuan else ""
    return signal_about(
        about,
        signal_id=f"outcome:{ref}:{outcome.outcome.value}",
        source=ENFORCEMENT,
        kind=f"enforcement.{outcome.outcome.value}",
        evidence=f"案件 {outcome.case_id}：{outcome.note}{fine}",
        occurred_at=occurred_at,
        received_at=received_at,
    )


def signal_from_tip(tip: IncidentReported, about: About, *, received_at: datetime) -> Signal:
    return signal_about(
        about,
        signal_id=f"tip:{tip.incident_id}",
        source=PATROL,
        kind="complaint.tip",
        evidence=f"{tip.reporter}：{tip.description}",
        occurred_at=tip.reported_at,
        received_at=received_at,
    )


def signal_from_lifecycle(
    change: InstitutionLifecycleChanged, about: About, *, received_at: datetime
) -> Signal:
    return signal_about(
        about,
        signal_id=f"lifecycle:{change.institution_id}:{change.to_state}:{change.changed_at.isoformat()}",
        source=REGISTRY,
        kind=f"registry.{change.to_state}",
        evidence=f"{change.from_state} → {change.to_state}：{change.reason}",
        occurred_at=change.changed_at,
        received_at=received_at,
    )


def linked_signal(
    about: About, cause: About, *, what: str, via: list[str], ref: str, now: datetime
) -> Signal:
    """A ban or a red level on `cause` is a signal on an institution linked to it."""
    return signal_about(
        about,
        signal_id=f"link:{what}:{ref}:{about.institution_id}",
        source=RISK,
        kind=f"link.{what}",
        evidence=f"关联机构 {cause.name}（{cause.institution_id}）{what}，共用 {', '.join(via)} "
        f"(linked institution is {what}; shares {', '.join(via)})",
        occurred_at=now,
        received_at=now,
    )
