"""Patrol's rules: who may report, what a report becomes, who sees which incidents."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from contracts.events import GeoPoint, IncidentReported
from contracts.vocabulary import Department, IncidentType, InstitutionCategory, Severity
from govkit.auth import Principal

REPORTER_ROLES = frozenset({"grid_worker", "township_officer"})
READER_ROLES = frozenset({"grid_worker", "township_officer", "district_officer", "leader", "admin"})
CITY_WIDE_ROLES = frozenset({"leader", "admin"})


class IncidentStatus(StrEnum):
    REPORTED = "reported"
    DISPATCHED = "dispatched"
    CLOSED = "closed"


class IncidentReport(BaseModel):
    """What a grid worker fills in on the street; who and where come from the token.

    A township officer reporting their own observation names the grid, and may blow the
    whistle by hand: choose the departments (lead first) and the severity.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    incident_type: IncidentType
    description: str = Field(min_length=5, max_length=2000)
    location: GeoPoint
    institution_name: str = Field(min_length=1, max_length=200)
    institution_address: str = Field(min_length=1, max_length=300)
    institution_category: InstitutionCategory | None = None
    grid: str | None = Field(default=None, min_length=1, max_length=100)
    departments: list[Department] | None = Field(default=None, min_length=1)
    severity: Severity | None = None


class NotInAGrid(Exception):
    """The reporter's account carries no district/township/grid."""


class NotYourChoice(Exception):
    """A field only a township officer may fill in, or one they must."""


def report_incident(
    report: IncidentReport, reporter: Principal, *, incident_id: str, now: datetime
) -> IncidentReported:
    grid = _reporting_grid(report, reporter)
    if report.departments and len(set(report.departments)) != len(report.departments):
        raise NotYourChoice("部门重复 (each department may be named once)")
    return IncidentReported(
        incident_id=incident_id,
        incident_type=report.incident_type,
        description=report.description,
        location=report.location,
        institution_name=report.institution_name,
        institution_address=report.institution_address,
        reporter=reporter.username,
        district=reporter.district,
        township=reporter.township,
        grid=grid,
        reported_at=now,
        departments=report.departments,
        severity=report.severity,
        institution_category=report.institution_category,
    )


def _reporting_grid(report: IncidentReport, reporter: Principal) -> str:
    """The grid worker's own grid, or the grid a township officer names in their township."""
    if "township_officer" in reporter.roles:
        if not (reporter.district and reporter.township):
            raise NotInAGrid(reporter.username)
        if report.grid is None:
            raise NotYourChoice("镇街上报须填写网格 (a township officer's report needs `grid`)")
        return report.grid
    if not (reporter.district and reporter.township and reporter.grid):
        raise NotInAGrid(reporter.username)
    if report.grid or report.departments or report.severity:
        raise NotYourChoice(
            "网格员不能指定网格、部门或紧急程度 (grid, departments and severity are the township's choice)"
        )
    return reporter.grid


def status_after(current: IncidentStatus, event_type: str) -> IncidentStatus:
    """Where an incident stands once enforcement tells us what happened to its case."""
    if event_type.startswith("gov.enforcement.CaseClosed"):
        return IncidentStatus.CLOSED
    if event_type.startswith("gov.enforcement.DepartmentTaskDispatched"):
        return IncidentStatus.DISPATCHED if current == IncidentStatus.REPORTED else current
    return current


def visibility(principal: Principal) -> dict[str, str] | None:
    """Column filters that bound what `principal` may see; None means city-wide."""
    if principal.has_any_role(CITY_WIDE_ROLES):
        return None
    if "district_officer" in principal.roles:
        return {"district": principal.district or "-"}
    if "township_officer" in principal.roles:
        return {"township": principal.township or "-"}
    return {"reporter": principal.username}


class LeadStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


def lead_scope(principal: Principal) -> dict[str, str] | None:
    """Patrol leads go to the institution's grid: its grid worker, township and district see them."""
    if principal.has_any_role(CITY_WIDE_ROLES):
        return None
    if "district_officer" in principal.roles:
        return {"district": principal.district or "-"}
    if "township_officer" in principal.roles:
        return {"township": principal.township or "-"}
    return {"grid": principal.grid or "-", "township": principal.township or "-"}
