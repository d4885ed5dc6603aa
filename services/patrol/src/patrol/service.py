"""Patrol's use cases: each takes its command and a unit of work, and is the domain's only caller."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.events import (
    CaseClosed,
    CaseReopened,
    ComplianceViolationFound,
    ComplianceViolationResolved,
    DepartmentTaskDispatched,
    RiskLevelChanged,
)
from contracts.vocabulary import Severity
from govkit.errors import NotFound
from govkit.http import PageParams
from govkit.principal import Principal
from govkit.uow import UnitOfWork
from patrol.domain import access
from patrol.domain.incidents import (
    IncidentReport,
    IncidentStatus,
    report_incident,
    status_after_dispatch,
)
from patrol.domain.leads import LeadStatus
from patrol.store.repository import PatrolRepository
from patrol.store.tables import Incident, PatrolLead

Uow = UnitOfWork[PatrolRepository]
YELLOW = "yellow"
"""The risk level that sends the grid's patrol to look."""


@dataclass(frozen=True)
class ReportIncident:
    report: IncidentReport
    reporter: Principal


def report(command: ReportIncident, uow: Uow) -> Incident:
    """A report from the street becomes an incident and an `IncidentReported` event."""
    with uow:
        event = report_incident(
            command.report, command.reporter, incident_id=uow.new_id(), now=uow.now
        )
        incident = Incident.from_event(event)
        uow.repo.add(incident)
        uow.emit(event)
        uow.commit()
    return incident


def incidents(reader: Principal, page: PageParams, uow: Uow) -> tuple[list[Incident], int]:
    with uow:
        return uow.repo.incidents(access.incident_scope(reader), page)


def incident(incident_id: str, reader: Principal, uow: Uow) -> Incident:
    with uow:
        found = uow.repo.incident(incident_id)
    if found is None or not access.incident_scope(reader).admits(found):
        raise NotFound(f"事件不存在或无权查看 (no incident {incident_id} in your scope)")
    return found


def leads(
    reader: Principal, status: LeadStatus | None, page: PageParams, uow: Uow
) -> tuple[list[PatrolLead], int]:
    with uow:
        return uow.repo.leads(access.lead_scope(reader), status, page)


def follow_dispatch(event: DepartmentTaskDispatched, uow: Uow) -> None:
    """A department was called on the incident's case (a case's id is its incident's id)."""
    incident = uow.repo.incident(event.case_id)
    if incident is not None:
        incident.status = status_after_dispatch(IncidentStatus(incident.status)).value
        uow.repo.add(incident)


def follow_closure(event: CaseClosed, uow: Uow) -> None:
    """The township closed the incident's case."""
    _follow(uow, event.incident_id, IncidentStatus.CLOSED)


def follow_reopening(event: CaseReopened, uow: Uow) -> None:
    """The case went back to its departments: not solved on site, or after a 不满意."""
    _follow(uow, event.case_id, IncidentStatus.DISPATCHED)


def _follow(uow: Uow, incident_id: str, status: IncidentStatus) -> None:
    incident = uow.repo.incident(incident_id)
    if incident is not None:
        incident.status = status.value
        uow.repo.add(incident)


def open_lead(event: ComplianceViolationFound, uow: Uow) -> None:
    """A violation the registry found becomes a lead for the institution's grid."""
    if uow.repo.lead(event.violation_id) is None:
        uow.repo.add(PatrolLead.from_violation(event))


def resolve_lead(event: ComplianceViolationResolved, uow: Uow) -> None:
    """The institution fixed it: the lead is resolved."""
    lead = uow.repo.lead(event.violation_id)
    if lead is not None:
        lead.status = LeadStatus.RESOLVED.value
        uow.repo.add(lead)


def open_risk_lead(event: RiskLevelChanged, uow: Uow) -> None:
    """An institution turned yellow on the risk board: a lead for its grid to look at."""
    if event.to_level == YELLOW and uow.repo.lead(event.change_id) is None:
        uow.repo.add(
            PatrolLead(
                lead_id=event.change_id,
                institution_id=event.institution_id,
                institution_name=event.institution_name,
                address=event.institution_address,
                rule="risk.yellow",
                evidence="；".join(event.reasons),
                severity=Severity.NORMAL.value,
                district=event.district,
                township=event.township,
                grid=event.grid,
                found_at=event.changed_at,
            )
        )
