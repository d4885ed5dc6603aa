"""Incidents: what a report may say, who fills in what, and where the incident stands."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Protocol, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from contracts.events import GeoPoint, IncidentReported
from contracts.vocabulary import (
    Department,
    IncidentType,
    InstitutionCategory,
    ReporterRole,
    Severity,
)
from govkit.errors import Invalid, NotAllowed, WrongState
from govkit.principal import Principal, Role
from patrol.domain.wording import RULE, meaningful


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
    description: Annotated[str, AfterValidator(meaningful)] = Field(
        max_length=2000, description=f"What was seen: {RULE}"
    )
    location: GeoPoint
    institution_name: str = Field(min_length=1, max_length=200)
    institution_address: str = Field(min_length=1, max_length=300)
    institution_category: InstitutionCategory | None = None
    institution_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="The registry's id, when the institution was picked from the registry",
    )
    grid: str | None = Field(default=None, min_length=1, max_length=100)
    departments: list[Department] | None = Field(default=None, min_length=1)
    severity: Severity | None = None


class NotInAGrid(NotAllowed):
    """The reporter's account carries no district/township/grid."""

    def __init__(self, username: str) -> None:
        super().__init__(f"账号未分配网格 (your account {username} has no district/township/grid)")


class NotYourChoice(Invalid):
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
        reporter_role=(
            ReporterRole.TOWNSHIP_OFFICER
            if reporter.has_role(Role.TOWNSHIP_OFFICER)
            else ReporterRole.GRID_WORKER
        ),
        district=reporter.district,
        township=reporter.township,
        grid=grid,
        reported_at=now,
        departments=report.departments,
        severity=report.severity,
        institution_category=report.institution_category,
        institution_id=report.institution_id,
    )


class Reported(Protocol):
    incident_type: str
    description: str
    institution_name: str


R = TypeVar("R", bound=Reported)


def same_report(earlier: R, report: IncidentReport) -> R:
    """A report sent again under its key is the one already made; another report under the same
    key is the sender's mistake, refused rather than taken for the first."""
    if (earlier.incident_type, earlier.description, earlier.institution_name) != (
        report.incident_type.value,
        report.description,
        report.institution_name,
    ):
        raise WrongState(
            "该上报标识已用于另一条上报 (this Idempotency-Key already names a different report; "
            "use a new key for a new report)"
        )
    return earlier


def _reporting_grid(report: IncidentReport, reporter: Principal) -> str:
    """The grid worker's own grid, or the grid a township officer names in their township."""
    if reporter.has_role(Role.TOWNSHIP_OFFICER):
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


def status_after_dispatch(current: IncidentStatus) -> IncidentStatus:
    """A department was called: a reported incident is now dispatched (a closed one stays)."""
    return IncidentStatus.DISPATCHED if current == IncidentStatus.REPORTED else current
