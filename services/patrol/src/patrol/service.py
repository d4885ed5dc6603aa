"""Patrol's use cases: each takes its command and a unit of work, and is the domain's only caller."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
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
from govkit.uploads import BlobStore
from patrol.domain import access
from patrol.domain.grids import Grid, check_within, grids_from_geojson
from patrol.domain.incidents import (
    IncidentReport,
    IncidentStatus,
    report_incident,
    same_report,
    status_after_dispatch,
)
from patrol.domain.leads import LeadStatus
from patrol.domain.photos import check_may_add, check_room
from patrol.store.repository import PatrolRepository
from patrol.store.tables import GridArea, Incident, IncidentPhoto, PatrolLead

Uow = UnitOfWork[PatrolRepository]
THUMBNAIL_TYPE = "image/jpeg"
YELLOW = "yellow"
"""The risk level that sends the grid's patrol to look."""


@dataclass(frozen=True)
class ReportIncident:
    report: IncidentReport
    reporter: Principal
    # The sender's name for this report: sent again, it is the same report, not a second one.
    key: str | None = None


def report(command: ReportIncident, uow: Uow) -> Incident:
    """A report from the street becomes an incident and an `IncidentReported` event, once; its
    point must lie in one of its township's grids (when the township has any)."""
    with uow:
        if command.key and (
            earlier := uow.repo.reported_with_key(command.reporter.username, command.key)
        ):
            return same_report(earlier, command.report)
        event = report_incident(
            command.report, command.reporter, incident_id=uow.new_id(), now=uow.now
        )
        township_grids = [g.as_grid() for g in uow.repo.grids(event.district, event.township)]
        check_within(event.location, event.township, township_grids)
        incident = Incident.from_event(event)
        incident.report_key = command.key
        uow.repo.add(incident)
        uow.emit(event)
        uow.commit()
    return incident


def grids(district: str | None, township: str | None, uow: Uow) -> list[Grid]:
    with uow:
        return [row.as_grid() for row in uow.repo.grids(district, township)]


def import_grids(document: object, uow: Uow) -> list[Grid]:
    """An admin's grid file: each township it names gets exactly the file's grids."""
    imported = grids_from_geojson(document)
    with uow:
        uow.repo.remove_grids({grid.township for grid in imported})
        for grid in imported:
            uow.repo.add(GridArea.from_grid(grid))
        uow.commit()
    return imported


def incidents(reader: Principal, page: PageParams, uow: Uow) -> tuple[list[Incident], int]:
    with uow:
        return uow.repo.incidents(access.incident_scope(reader), page)


def incident(incident_id: str, reader: Principal, uow: Uow) -> Incident:
    with uow:
        return _visible(uow, incident_id, reader)


def _visible(uow: Uow, incident_id: str, reader: Principal) -> Incident:
    found = uow.repo.incident(incident_id)
    if found is None or not access.incident_scope(reader).admits(found):
        raise NotFound(f"事件不存在或无权查看 (no incident {incident_id} in your scope)")
    return found


@dataclass(frozen=True)
class AddPhoto:
    incident_id: str
    content: bytes
    media_type: str  # what the content really is, told by its first bytes
    adder: Principal
    store: BlobStore
    thumbnail: Callable[[bytes], bytes]


def add_photo(command: AddPhoto, uow: Uow) -> IncidentPhoto:
    """The reporter adds a photo; the same photo again changes nothing."""
    sha256 = hashlib.sha256(command.content).hexdigest()
    with uow:
        incident = _visible(uow, command.incident_id, command.adder)
        check_may_add(
            reporter=incident.reporter,
            reported_at=incident.reported_at,
            adder=command.adder,
            now=uow.now,
        )
        photos = uow.repo.photos(incident.incident_id)
        if kept := next((p for p in photos if p.sha256 == sha256), None):
            return kept
        check_room(len(photos))
        thumbnail_sha256 = command.store.put(command.thumbnail(command.content))
        photo = IncidentPhoto(
            incident_id=incident.incident_id,
            sha256=command.store.put(command.content),
            media_type=command.media_type,
            size=len(command.content),
            thumbnail_sha256=thumbnail_sha256,
            uploaded_by=command.adder.username,
            uploaded_at=uow.now,
        )
        uow.repo.add(photo)
        uow.commit()
    return photo


def photos(incident_id: str, reader: Principal, uow: Uow) -> list[IncidentPhoto]:
    with uow:
        return uow.repo.photos(_visible(uow, incident_id, reader).incident_id)


def photo_content(
    incident_id: str, sha256: str, *, thumbnail: bool, reader: Principal, store: BlobStore, uow: Uow
) -> tuple[bytes, str]:
    """A photo's bytes (or its thumbnail's) and media type, if the reader sees the incident."""
    kept = next((p for p in photos(incident_id, reader, uow) if p.sha256 == sha256), None)
    content = None
    if kept is not None:
        content = store.get(kept.thumbnail_sha256 if thumbnail else kept.sha256)
    if kept is None or content is None:
        raise NotFound(f"照片不存在 (no photo {sha256} on incident {incident_id})")
    return content, THUMBNAIL_TYPE if thumbnail else kept.media_type


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
