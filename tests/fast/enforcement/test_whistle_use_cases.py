"""The whistle's commands and what reached people: dispatch, escalate, remind, move deadlines."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest

from contracts.events import RecordEscalation, SendReminder, SetTaskDeadlines
from contracts.vocabulary import AccountabilityMeasure, Clock, Department, EscalationTarget
from enforcement.data import load_accountability_rule
from enforcement.service import records, tasks, whistle
from govkit.principal import Principal
from tests.fast.enforcement.casework import (
    CASE,
    DISTRICT,
    EDU,
    EDU_LEAD,
    FURONG_EDU,
    LEADER,
    MARKET,
    PAGE,
    TOWNSHIP,
    dispatch_command,
    kinds,
    open_case,
    task_id,
)
from tests.fast.support import T0

EDUCATION = task_id(Department.EDUCATION)
escalate = partial(whistle.record_escalation, rule=load_accountability_rule())


def run(uow, use_case, command) -> list[str]:
    """One command in one transaction, as the subscriber runs it; the kinds of events it emitted."""
    before = len(uow.committed)
    with uow:
        use_case(command, uow)
        uow.commit()
    return kinds(uow.committed[before:])


def escalation(level: int, reaches: EscalationTarget, clock: Clock = Clock.ACKNOWLEDGE):
    return RecordEscalation(
        escalation_id=f"esc-{clock}-{level}",
        task_id=EDUCATION,
        case_id=CASE,
        level=level,
        reason="未在时限内报到",
        missed_deadline=T0 + timedelta(minutes=30),
        clock=clock,
        reaches=reaches,
    )


def test_the_first_dispatch_opens_the_case_and_a_second_changes_nothing(uow):
    assert run(uow, whistle.dispatch_task, dispatch_command(Department.EDUCATION, lead=True)) == [
        "DepartmentTaskDispatched"
    ]
    case, task = uow.repo.case(CASE), uow.repo.task(EDUCATION)
    assert (case.summary, case.grid, case.opened_at) == ("启航学堂：无证办学", "dongtang-01", T0)
    assert (task.status, task.lead, task.handle_by) == ("dispatched", True, T0 + timedelta(days=1))
    assert run(uow, whistle.dispatch_task, dispatch_command(Department.EDUCATION)) == []
    assert task.lead is True and len(uow.repo.timeline) == 1
    run(uow, whistle.dispatch_task, dispatch_command(Department.FIRE_SAFETY))
    assert list(uow.repo.cases_by_id) == [CASE] and len(uow.repo.tasks_by_id) == 2


def test_an_escalation_climbs_the_ladder_and_its_missed_deadline_counts_once(uow):
    [task] = open_case(uow, Department.EDUCATION)
    assert run(uow, escalate, escalation(1, EscalationTarget.DEPARTMENT_LEAD)) == [
        "TaskEscalated",
        "AccountabilityMeasureIssued",
    ]
    [measure] = uow.repo.records_by_id.values()
    assert (measure.measure, measure.misses, measure.department) == (
        AccountabilityMeasure.SUPERVISION_NOTICE,
        1,
        "education",
    )
    assert run(uow, escalate, escalation(2, EscalationTarget.DISTRICT_OFFICE)) == ["TaskEscalated"]
    assert task.escalation_level == 2 and len(uow.repo.misses) == 1
    ruling = escalation(1, EscalationTarget.DISTRICT_OFFICE, Clock.RULING)
    assert run(uow, escalate, ruling) == ["TaskEscalated"]  # the township's clock, not counted
    assert task.escalation_level == 2 and len(uow.repo.misses) == 1


def test_an_escalation_of_a_task_that_does_not_exist_records_nothing(uow):
    assert run(uow, escalate, escalation(1, EscalationTarget.DEPARTMENT_LEAD)) == []
    assert uow.repo.timeline == [] and uow.commits == 1


def test_a_reminder_reaches_a_department_still_on_the_case(uow):
    open_case(uow, Department.EDUCATION, Department.MARKET_SUPERVISION)
    reminder = SendReminder(
        reminder_id="r-1", task_id=EDUCATION, case_id=CASE, clock=Clock.ACKNOWLEDGE, deadline=T0
    )
    assert run(uow, whistle.send_reminder, reminder) == ["TaskReminded"]
    notice = uow.repo.notifications[-1]
    assert (notice.kind, notice.role, notice.department) == (
        "TaskReminded",
        "department_officer",
        "education",
    )
    market = task_id(Department.MARKET_SUPERVISION)
    tasks.release(tasks.OnTaskWithReason(market, TOWNSHIP, "无关"), uow)
    released = reminder.model_copy(update={"reminder_id": "r-2", "task_id": market})
    assert run(uow, whistle.send_reminder, released) == []


def test_moved_deadlines_are_set_on_the_task(uow):
    [task] = open_case(uow, Department.EDUCATION)
    moved = SetTaskDeadlines(
        change_id="d-1",
        task_id=EDUCATION,
        case_id=CASE,
        acknowledge_by=T0,
        handle_by=T0 + timedelta(days=2),
        reason="返工",
    )
    assert run(uow, whistle.set_deadlines, moved) == ["TaskDeadlinesSet"]
    assert (task.acknowledge_by, task.handle_by) == (T0, T0 + timedelta(days=2))


def test_notifications_reach_their_audience_only(uow):
    open_case(uow, Department.EDUCATION, Department.MARKET_SUPERVISION)
    rows, count = records.notifications(EDU, PAGE, uow)
    assert (count, [n.task_id for n in rows]) == (1, [EDUCATION])
    assert records.notifications(MARKET, PAGE, uow)[1] == 1
    assert records.notifications(FURONG_EDU, PAGE, uow)[1] == 0
    assert records.notifications(TOWNSHIP, PAGE, uow)[1] == 0
    tasks.dispute(tasks.OnTaskWithReason(EDUCATION, EDU, "非本部门职责"), uow)
    [disputed] = records.notifications(TOWNSHIP, PAGE, uow)[0]
    assert disputed.kind == "TaskDisputed"


def test_accountability_records_are_seen_within_department_and_district(uow):
    open_case(uow, Department.EDUCATION)
    run(uow, escalate, escalation(1, EscalationTarget.DEPARTMENT_LEAD))
    for reader in (EDU_LEAD, DISTRICT, LEADER):
        rows, count = records.accountability(reader, PAGE, uow)
        assert (count, rows[0].measure) == (1, "supervision_notice"), reader.username
    furong_lead = Principal(
        "s", "lead", frozenset({"department_lead"}), department="education", district="furong"
    )
    assert records.accountability(furong_lead, PAGE, uow)[1] == 0


@pytest.mark.parametrize("reaches", list(EscalationTarget))
def test_each_rung_is_notified_to_whom_it_reaches(uow, reaches):
    open_case(uow, Department.EDUCATION)
    run(uow, escalate, escalation(1, reaches))
    escalated = [n for n in uow.repo.notifications if n.kind == "TaskEscalated"]
    assert [n.role for n in escalated] == [
        {
            EscalationTarget.DEPARTMENT_LEAD: "department_lead",
            EscalationTarget.DISTRICT_OFFICE: "district_officer",
            EscalationTarget.CITY_LEADERSHIP: "leader",
        }[reaches]
    ]
