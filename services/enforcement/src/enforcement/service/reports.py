"""The report a case begins with, from patrol: recorded once, before or after the first dispatch."""

from __future__ import annotations

from contracts.events import IncidentReported
from enforcement.service.common import Uow
from enforcement.store.projection import apply


def record_report(event: IncidentReported, uow: Uow) -> None:
    """The case's first timeline entry, and who, when, where and what on the case once it opens."""
    if recorded_report(uow, event.incident_id) is not None:
        return  # the same report again (a re-published copy) changes nothing
    # Patrol announced it; enforcement only records it, so nothing is emitted.
    apply(uow.repo, event, event_id=f"{event.incident_id}:reported", at=event.reported_at)


def recorded_report(uow: Uow, case_id: str) -> IncidentReported | None:
    """The report of the case (a case's id is its incident's id), if it has arrived."""
    entry = uow.repo.timeline_entry(case_id, IncidentReported.EVENT_TYPE)
    return None if entry is None else IncidentReported.model_validate(entry.data)
