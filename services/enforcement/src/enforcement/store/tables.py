"""Enforcement's own tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from contracts.events import DispatchDepartmentTask, GeoPoint, IncidentReported, TaskEscalated
from contracts.vocabulary import TaskStatus
from enforcement.domain.states import CaseStatus, PauseState
from govkit.tables import utc_column


class EnforcementTable(SQLModel, registry=registry()):
    """Base of enforcement's own tables."""


class Case(EnforcementTable, table=True):
    __tablename__ = "cases"
    # The case list's orders and scopes: newest first (and its keyset export), in a district,
    # in a township (enforcement_0005).
    __table_args__ = (
        Index("ix_cases_opened_at_case_id", "opened_at", "case_id"),
        Index("ix_cases_district_opened_at", "district", "opened_at"),
        Index("ix_cases_township_opened_at", "township", "opened_at"),
    )

    case_id: str = Field(primary_key=True)
    incident_id: str = Field(index=True)
    incident_type: str
    summary: str
    district: str
    township: str
    grid: str
    status: str = CaseStatus.OPEN.value
    opened_at: datetime = Field(sa_column=utc_column(nullable=False))
    closed_at: datetime | None = Field(default=None, sa_column=utc_column())
    closed_by: str | None = None
    # The report the case began with (who, when, where, what); empty until it has arrived.
    reporter: str | None = None
    reported_at: datetime | None = Field(default=None, sa_column=utc_column())
    description: str | None = None
    institution_name: str | None = None
    institution_address: str | None = None
    institution_id: str | None = None  # the registry's, when the reporter picked it there
    latitude: float | None = None
    longitude: float | None = None
    reporter_role: str | None = None
    # The latest closure (1, 2… as it is re-opened and closed again), its on-site confirmation
    # (核查) and, once confirmed solved, the reporter's rating (评价); each reset by a closure.
    closures: int = 0
    confirmer_role: str | None = None
    confirmation_status: str | None = None
    confirm_by: datetime | None = Field(default=None, sa_column=utc_column())
    confirmed_by: str | None = None
    confirmed_at: datetime | None = Field(default=None, sa_column=utc_column())
    confirmation_note: str | None = None
    rating_status: str | None = None
    rate_by: datetime | None = Field(default=None, sa_column=utc_column())
    satisfaction: str | None = None
    rating_reason: str | None = None
    rated_at: datetime | None = Field(default=None, sa_column=utc_column())

    @classmethod
    def opened_by(
        cls, command: DispatchDepartmentTask, report: IncidentReported | None, *, at: datetime
    ) -> Case:
        """The case the first dispatch of an incident opens, with its report if it came first."""
        case = cls(
            case_id=command.case_id,
            incident_id=command.incident_id,
            incident_type=command.incident_type.value,
            summary=command.summary,
            district=command.district,
            township=command.township,
            grid=command.grid,
            opened_at=at,
        )
        if report is not None:
            case.record_report(report)
        return case

    def record_report(self, report: IncidentReported) -> None:
        """Who reported the incident, when, where and what they saw."""
        self.reporter, self.reported_at = report.reporter, report.reported_at
        self.description = report.description
        self.institution_name = report.institution_name
        self.institution_address = report.institution_address
        self.institution_id = report.institution_id
        self.latitude, self.longitude = report.location.latitude, report.location.longitude
        self.reporter_role = report.reporter_role.value if report.reporter_role else None

    @property
    def location(self) -> GeoPoint | None:
        if self.latitude is None or self.longitude is None:
            return None
        return GeoPoint(latitude=self.latitude, longitude=self.longitude)

    @property
    def confirmation(self) -> Case | None:
        """Itself, read as the latest closure's confirmation, once one is asked for."""
        return self if self.confirmation_status is not None else None

    @property
    def rating(self) -> Case | None:
        """Itself, read as the latest closure's rating, once the reporter is asked for one."""
        return self if self.rating_status is not None else None


class DepartmentTask(EnforcementTable, table=True):
    __tablename__ = "department_tasks"
    # The cases a department was called onto (city-wide, or in its district), and the tasks
    # whose clock runs, which the overdue filter reads, city-wide (enforcement_0005) or in a
    # district (enforcement_0006).
    __table_args__ = (
        Index("ix_department_tasks_department_case_id", "department", "case_id"),
        Index("ix_department_tasks_district_department", "district", "department", "case_id"),
        Index("ix_department_tasks_status_case_id", "status", "case_id"),
        Index("ix_department_tasks_district_status", "district", "status", "case_id"),
    )

    task_id: str = Field(primary_key=True)
    case_id: str = Field(foreign_key="cases.case_id", index=True)
    department: str
    district: str
    township: str
    lead: bool = False
    severity: str = "normal"
    status: str = TaskStatus.DISPATCHED.value
    acknowledge_by: datetime = Field(sa_column=utc_column(nullable=False))
    handle_by: datetime | None = Field(default=None, sa_column=utc_column())
    dispatched_at: datetime = Field(sa_column=utc_column(nullable=False))
    acknowledged_at: datetime | None = Field(default=None, sa_column=utc_column())
    acknowledged_by: str | None = None
    escalation_level: int = 0
    dispute_reason: str | None = None
    pause_state: str = PauseState.NONE.value
    pause_id: str | None = None
    rework_count: int = 0
    outcome: str | None = None
    outcome_note: str | None = None
    fine_amount_yuan: int | None = None
    handled_at: datetime | None = Field(default=None, sa_column=utc_column())
    handled_by: str | None = None


class JointAction(EnforcementTable, table=True):
    """联合执法: an on-site action with several departments, and its outcome."""

    __tablename__ = "joint_actions"

    action_id: str = Field(primary_key=True)
    case_id: str = Field(foreign_key="cases.case_id", index=True)
    departments: list[str] = Field(sa_column=Column(JSON, nullable=False))
    scheduled_for: datetime = Field(sa_column=utc_column(nullable=False))
    place: str
    scheduled_by: str
    outcome: str | None = None
    fine_amount_yuan: int | None = None
    note: str | None = None
    recorded_by: str | None = None
    recorded_at: datetime | None = Field(default=None, sa_column=utc_column())


class TimelineEntry(EnforcementTable, table=True):
    """The append-only history of a case: one row per event, in order."""

    __tablename__ = "case_timeline"

    position: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(index=True)
    event_id: str = Field(unique=True)
    event_type: str
    at: datetime = Field(sa_column=utc_column(nullable=False))
    data: dict = Field(sa_column=Column(JSON, nullable=False))


class Notification(EnforcementTable, table=True):
    """Something that reaches a group of users: a reminder, an escalation, a request."""

    __tablename__ = "notifications"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(index=True)
    case_id: str = Field(index=True)
    task_id: str | None = None
    kind: str
    role: str = Field(index=True)
    department: str | None = None
    district: str | None = None
    township: str | None = None
    grid: str | None = None
    username: str | None = None
    message: str
    at: datetime = Field(sa_column=utc_column(nullable=False))


class MissedDeadline(EnforcementTable, table=True):
    """One row per missed deadline of a department: what the accountability rule counts."""

    __tablename__ = "missed_deadlines"
    __table_args__ = (UniqueConstraint("task_id", "clock", "missed_deadline"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: str
    clock: str
    missed_deadline: datetime = Field(sa_column=utc_column(nullable=False))
    department: str = Field(index=True)
    district: str = Field(index=True)
    period: str = Field(index=True)
    at: datetime = Field(sa_column=utc_column(nullable=False))

    @classmethod
    def of(cls, escalation: TaskEscalated, missed: datetime, *, period: str) -> MissedDeadline:
        return cls(
            task_id=escalation.task_id,
            clock=escalation.clock.value,
            missed_deadline=missed,
            department=escalation.department.value,
            district=escalation.district or "-",
            period=period,
            at=escalation.escalated_at,
        )


class AccountabilityRecord(EnforcementTable, table=True):
    """督办单 / 通报 / 约谈 / 问责 issued to a department."""

    __tablename__ = "accountability_records"

    measure_id: str = Field(primary_key=True)
    department: str = Field(index=True)
    district: str = Field(index=True)
    measure: str
    misses: int
    period: str
    case_id: str
    task_id: str
    issued_at: datetime = Field(sa_column=utc_column(nullable=False))
