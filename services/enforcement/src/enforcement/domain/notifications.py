"""Who an event reaches: the audience of reminders, escalations and requests."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.events import (
    AccountabilityMeasureIssued,
    CaseRated,
    ClockPauseRequested,
    ConfirmationOverdue,
    ConfirmationRequested,
    DepartmentTaskDispatched,
    Message,
    RatingRequested,
    TaskDisputed,
    TaskEscalated,
    TaskReminded,
    TaskSentBack,
)
from contracts.vocabulary import Clock, EscalationTarget, ReporterRole, Satisfaction
from govkit.principal import Principal, Role

REPORTER_ROLES = (Role.GRID_WORKER, Role.TOWNSHIP_OFFICER)


@dataclass(frozen=True)
class Audience:
    """Users with `role`, narrowed by whichever of the `NARROWED_BY` attributes are set."""

    role: Role
    department: str | None = None
    district: str | None = None
    township: str | None = None
    grid: str | None = None
    username: str | None = None

    def includes(self, principal: Principal) -> bool:
        return self.role in principal.roles and all(
            getattr(self, name) in (None, getattr(principal, name)) for name in NARROWED_BY
        )


NARROWED_BY = ("department", "district", "township", "grid", "username")
"""The attributes an audience may be narrowed by, each a column of a notification."""


def audiences(event: Message, district: str, township: str) -> list[Audience]:
    """Whom `event` (on a task in `district` / `township`) must reach; [] for nobody."""
    match event:
        case DepartmentTaskDispatched(department=department):
            return [Audience(Role.DEPARTMENT_OFFICER, department, district)]
        case TaskReminded(clock=Clock.RULING):
            return [Audience(Role.TOWNSHIP_OFFICER, township=township)]
        case TaskReminded(department=department):
            return [Audience(Role.DEPARTMENT_OFFICER, department, district)]
        case TaskEscalated(reaches=EscalationTarget.DEPARTMENT_LEAD, department=department):
            return [Audience(Role.DEPARTMENT_LEAD, department, district)]
        case TaskEscalated(reaches=EscalationTarget.DISTRICT_OFFICE):
            return [Audience(Role.DISTRICT_OFFICER, district=district)]
        case TaskEscalated(reaches=EscalationTarget.CITY_LEADERSHIP):
            return [Audience(Role.LEADER)]
        case TaskDisputed() | ClockPauseRequested():
            return [Audience(Role.TOWNSHIP_OFFICER, township=township)]
        case TaskSentBack(department=department):
            return [Audience(Role.DEPARTMENT_OFFICER, department, district)]
        case ConfirmationRequested(confirmer=ReporterRole.GRID_WORKER, grid=grid):
            return [Audience(Role.GRID_WORKER, district=district, township=township, grid=grid)]
        case ConfirmationRequested():
            return [Audience(Role.TOWNSHIP_OFFICER, township=township)]
        case ConfirmationOverdue(reaches=EscalationTarget.CITY_LEADERSHIP):
            return [Audience(Role.LEADER), Audience(Role.TOWNSHIP_OFFICER, township=township)]
        case ConfirmationOverdue():
            return [
                Audience(Role.DISTRICT_OFFICER, district=district),
                Audience(Role.TOWNSHIP_OFFICER, township=township),
            ]
        case RatingRequested(reporter=str(reporter)):
            return [Audience(role, username=reporter) for role in REPORTER_ROLES]
        case CaseRated(satisfaction=Satisfaction.DISSATISFIED):
            return [Audience(Role.TOWNSHIP_OFFICER, township=township)]
        case AccountabilityMeasureIssued(department=department):
            return [
                Audience(Role.DEPARTMENT_LEAD, department, district),
                Audience(Role.DISTRICT_OFFICER, district=district),
            ]
    return []


def message_of(event: Message) -> str:
    """One line for the person notified."""
    match event:
        case DepartmentTaskDispatched():
            return f"新派单，请于 {event.acknowledge_by:%Y-%m-%d %H:%M} UTC 前报到 (new task: acknowledge by then)"
        case TaskReminded():
            return f"{event.clock} 时限将至 {event.deadline:%Y-%m-%d %H:%M} UTC (deadline near)"
        case TaskEscalated():
            return f"{event.reason} → {event.reaches}"
        case TaskDisputed():
            return f"部门提出异议，请裁定 (dispute to rule on): {event.reason}"
        case ClockPauseRequested():
            return f"申请挂起计时，请审批 (pause to approve): {event.reason} {event.note}"
        case AccountabilityMeasureIssued():
            return f"{event.measure}: {event.misses} 次超时 (missed deadlines) in {event.period}"
        case TaskSentBack():
            return f"返工，请重新处置 (sent back: handle it again): {event.reason}"
        case ConfirmationRequested():
            return (
                f"请于 {event.confirm_by:%Y-%m-%d %H:%M} UTC 前现场核查是否解决 "
                "(go back and confirm on site whether it is solved)"
            )
        case ConfirmationOverdue():
            return f"{event.reason} → {event.reaches}"
        case RatingRequested():
            return (
                f"请于 {event.rate_by:%Y-%m-%d %H:%M} UTC 前评价办理结果 "
                "(rate how the case was handled: satisfied, basically satisfied or dissatisfied)"
            )
        case CaseRated():
            return f"群众不满意，请研判是否重新办理 (dissatisfied: decide whether to re-open): {event.reason}"
    return event.EVENT_TYPE
