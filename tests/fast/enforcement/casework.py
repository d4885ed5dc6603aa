"""A case as the whistle opens it, and the people who work on it (from the realm file)."""

from __future__ import annotations

from datetime import timedelta

from contracts.events import DispatchDepartmentTask
from contracts.vocabulary import Department, IncidentType, TaskOutcome
from enforcement.domain.requests import OutcomeReport
from enforcement.service import whistle
from enforcement.store.tables import DepartmentTask
from govkit.http import PageParams
from tests.fast.support import PEOPLE, T0

CASE = "c-1"
PAGE = PageParams(offset=0, limit=50)
BANNED = OutcomeReport(outcome=TaskOutcome.BANNED, note="依法取缔")
EDU, MARKET, EDU_LEAD = PEOPLE["edu_officer"], PEOPLE["market_officer"], PEOPLE["edu_lead"]
TOWNSHIP, OTHER_TOWNSHIP = PEOPLE["township_dongtang"], PEOPLE["township_guitang"]
FURONG_EDU, DISTRICT, LEADER = (
    PEOPLE["edu_officer_furong"],
    PEOPLE["district_yuhua"],
    PEOPLE["leader_city"],
)


def dispatch_command(department: Department, *, lead: bool = False) -> DispatchDepartmentTask:
    return DispatchDepartmentTask(
        task_id=task_id(department),
        case_id=CASE,
        incident_id=CASE,
        incident_type=IncidentType.UNLICENSED_SCHOOL,
        department=department,
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        summary="启航学堂：无证办学",
        acknowledge_by=T0 + timedelta(minutes=30),
        handle_by=T0 + timedelta(days=1),
        lead=lead,
    )


def task_id(department: Department) -> str:
    return f"{CASE}:{department}"


def open_case(uow, *departments: Department) -> list[DepartmentTask]:
    """The whistle dispatches a task to each department, the first one leading."""
    with uow:
        for position, department in enumerate(departments):
            whistle.dispatch_task(dispatch_command(department, lead=position == 0), uow)
        uow.commit()
    return [uow.repo.task(task_id(department)) for department in departments]


def kinds(events) -> list[str]:
    return [type(event).__name__ for event in events]
