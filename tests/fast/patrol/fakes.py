"""Patrol's repository in memory."""

from __future__ import annotations

from govkit.fakes import fake_page
from govkit.http import PageParams
from govkit.principal import Scope
from patrol.domain.leads import LeadStatus
from patrol.store.tables import GridArea, Incident, IncidentPhoto, PatrolLead


class FakePatrolRepository:
    def __init__(self) -> None:
        self.incidents_by_id: dict[str, Incident] = {}
        self.leads_by_id: dict[str, PatrolLead] = {}
        self.photos_by_key: dict[tuple[str, str], IncidentPhoto] = {}
        self.grids_by_code: dict[str, GridArea] = {}

    def add(self, row: Incident | IncidentPhoto | PatrolLead | GridArea) -> None:
        if isinstance(row, GridArea):
            self.grids_by_code[row.code] = row
        elif isinstance(row, Incident):
            self.incidents_by_id[row.incident_id] = row
        elif isinstance(row, IncidentPhoto):
            self.photos_by_key[(row.incident_id, row.sha256)] = row
        else:
            self.leads_by_id[row.lead_id] = row

    def incident(self, incident_id: str) -> Incident | None:
        return self.incidents_by_id.get(incident_id)

    def reported_with_key(self, reporter: str, key: str) -> Incident | None:
        found = (
            i
            for i in self.incidents_by_id.values()
            if (i.reporter, i.report_key) == (reporter, key)
        )
        return next(found, None)

    def photos(self, incident_id: str) -> list[IncidentPhoto]:
        found = [p for (incident, _), p in self.photos_by_key.items() if incident == incident_id]
        return sorted(found, key=lambda photo: photo.uploaded_at)

    def incidents(self, scope: Scope, page: PageParams) -> tuple[list[Incident], int]:
        return fake_page(
            self.incidents_by_id.values(), page, scope=scope, newest_first=lambda i: i.reported_at
        )

    def lead(self, lead_id: str) -> PatrolLead | None:
        return self.leads_by_id.get(lead_id)

    def leads(
        self, scope: Scope, status: LeadStatus | None, page: PageParams
    ) -> tuple[list[PatrolLead], int]:
        return fake_page(
            self.leads_by_id.values(),
            page,
            scope=scope,
            newest_first=lambda lead: lead.found_at,
            where=lambda lead: status is None or lead.status == status.value,
        )

    def grids(self, district: str | None, township: str | None) -> list[GridArea]:
        return sorted(
            (
                g
                for g in self.grids_by_code.values()
                if district in (None, g.district) and township in (None, g.township)
            ),
            key=lambda g: g.code,
        )

    def remove_grids(self, townships: set[str]) -> None:
        for code in [c for c, g in self.grids_by_code.items() if g.township in townships]:
            del self.grids_by_code[code]
