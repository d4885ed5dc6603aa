"""Who an event reaches: the audience of reminders, escalations and requests."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.events import (
    AccountabilityMeasureIssued,
    ClockPauseRequested,
    DepartmentTaskDispatched,
    Message,
    TaskDisputed,
    TaskEscalated,
    TaskReminded,
)
from contracts.vocabulary import Clock, EscalationTarget
from govkit.principal import Principal, Role


@dataclass(frozen=True)
class Audience:
    """Users with `role`, narrowed by any of department, district and township that are set."""

    role: Role
    department: str | None = None
    district: str | None = None
    township: str | None = None

    def includes(self, principal: Principal) -> bool:
        return (
            self.role in principal.roles
            and self.department in (None, principal.department)
            and self.district in (None, principal.district)
            and self.township in (None, principal.township)
        )


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
    return event.EVENT_TYPE
