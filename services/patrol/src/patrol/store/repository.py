"""The repository patrol's use cases read and write through; SQL here, a fake in fast tests."""

from __future__ import annotations

from typing import Protocol

from sqlmodel import Session, col, select

from govkit.http import PageParams
from govkit.principal import Scope
from govkit.queries import page_of, within
from patrol.domain.leads import LeadStatus
from patrol.store.tables import GridArea, Incident, IncidentPhoto, PatrolLead


class PatrolRepository(Protocol):
    def add(self, row: Incident | IncidentPhoto | PatrolLead | GridArea) -> None: ...

    def incident(self, incident_id: str) -> Incident | None: ...

    def reported_with_key(self, reporter: str, key: str) -> Incident | None: ...

    def photos(self, incident_id: str) -> list[IncidentPhoto]: ...

    def incidents(self, scope: Scope, page: PageParams) -> tuple[list[Incident], int]: ...

    def lead(self, lead_id: str) -> PatrolLead | None: ...

    def leads(
        self, scope: Scope, status: LeadStatus | None, page: PageParams
    ) -> tuple[list[PatrolLead], int]: ...

    def grids(self, district: str | None, township: str | None) -> list[GridArea]: ...

    def remove_grids(self, townships: set[str]) -> None: ...


class SqlPatrolRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: Incident | IncidentPhoto | PatrolLead | GridArea) -> None:
        self._session.add(row)

    def incident(self, incident_id: str) -> Incident | None:
        return self._session.get(Incident, incident_id)

    def reported_with_key(self, reporter: str, key: str) -> Incident | None:
        query = select(Incident).where(Incident.reporter == reporter, Incident.report_key == key)
        return self._session.exec(query).first()

    def photos(self, incident_id: str) -> list[IncidentPhoto]:
        query = select(IncidentPhoto).where(IncidentPhoto.incident_id == incident_id)
        return list(self._session.exec(query.order_by(col(IncidentPhoto.uploaded_at))))

    def incidents(self, scope: Scope, page: PageParams) -> tuple[list[Incident], int]:
        query = within(select(Incident), Incident, scope)
        return page_of(self._session, query, col(Incident.reported_at).desc(), page)

    def lead(self, lead_id: str) -> PatrolLead | None:
        return self._session.get(PatrolLead, lead_id)

    def leads(
        self, scope: Scope, status: LeadStatus | None, page: PageParams
    ) -> tuple[list[PatrolLead], int]:
        query = within(select(PatrolLead), PatrolLead, scope)
        if status is not None:
            query = query.where(PatrolLead.status == status.value)
        return page_of(self._session, query, col(PatrolLead.found_at).desc(), page)

    def grids(self, district: str | None, township: str | None) -> list[GridArea]:
        query = select(GridArea)
        if district is not None:
            query = query.where(GridArea.district == district)
        if township is not None:
            query = query.where(GridArea.township == township)
        return list(self._session.exec(query.order_by(col(GridArea.code))))

    def remove_grids(self, townships: set[str]) -> None:
        for row in self._session.exec(
            select(GridArea).where(col(GridArea.township).in_(townships))
        ):
            self._session.delete(row)
        self._session.flush()
