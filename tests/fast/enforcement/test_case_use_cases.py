"""Every use case on a whole case: the inbox, the record, and the township's decisions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from contracts.vocabulary import Department, TaskOutcome
from enforcement.domain.filters import CaseFilters
from enforcement.domain.requests import CallDepartments, JointActionPlan, OutcomeReport
from enforcement.domain.states import CaseStatus
from enforcement.service import cases, tasks
from govkit.errors import Invalid, NotFound, WrongState
from tests.fast.enforcement.casework import (
    BANNED,
    CASE,
    DISTRICT,
    EDU,
    FURONG_EDU,
    LEADER,
    MARKET,
    OTHER_TOWNSHIP,
    PAGE,
    TOWNSHIP,
    kinds,
    open_case,
)
from tests.fast.support import T0

BOTH = [Department.EDUCATION, Department.MARKET_SUPERVISION]
ALL = CaseFilters()


@pytest.fixture
def both(uow):
    return open_case(uow, *BOTH)


def fed_back_by_all(uow, both):
    for task, officer in zip(both, (EDU, MARKET), strict=True):
        tasks.acknowledge(tasks.OnTask(task.task_id, officer), uow)
        tasks.submit_outcome(tasks.SubmitOutcome(task.task_id, officer, BANNED), uow)


def scheduled(uow, departments=BOTH):
    plan = JointActionPlan(
        departments=departments, scheduled_for=T0 + timedelta(days=1), place="东塘"
    )
    return cases.schedule_joint_action(cases.ScheduleJointAction(CASE, TOWNSHIP, plan), uow)


def test_cases_are_listed_within_the_callers_scope(uow, both):
    for reader in (TOWNSHIP, DISTRICT, EDU, LEADER):
        rows, count = cases.cases(reader, ALL, PAGE, uow)
        assert (count, [c.case_id for c in rows]) == (1, [CASE]), reader.username
    for outsider in (OTHER_TOWNSHIP, FURONG_EDU):
        assert cases.cases(outsider, ALL, PAGE, uow)[1] == 0
    assert cases.cases(LEADER, CaseFilters(status=CaseStatus.CLOSED), PAGE, uow)[1] == 0


def test_the_case_record_holds_tasks_actions_and_timeline(uow, both):
    action = scheduled(uow)
    record = cases.case_record(CASE, EDU, uow)
    assert [t.department for t in record.tasks] == ["education", "market_supervision"]
    assert [a.action_id for a in record.joint_actions] == [action.action_id]
    assert [e.event_type.split(".")[2] for e in record.timeline] == [
        "DepartmentTaskDispatched",
        "DepartmentTaskDispatched",
        "JointActionScheduled",
    ]
    with pytest.raises(NotFound, match=CASE):
        cases.case_record(CASE, OTHER_TOWNSHIP, uow)


def test_the_timeline_is_in_order_and_only_for_those_who_see_the_case(uow, both):
    tasks.acknowledge(tasks.OnTask(both[0].task_id, EDU), uow)
    entries = cases.timeline(CASE, DISTRICT, uow)
    assert [e.position for e in entries] == sorted(e.position for e in entries)
    assert entries[-1].data["officer"] == "edu_officer"
    with pytest.raises(NotFound):
        cases.timeline(CASE, FURONG_EDU, uow)


def test_a_case_closes_only_when_every_department_still_on_it_fed_back(uow, both):
    before = len(uow.committed)
    with pytest.raises(WrongState, match="education"):
        cases.verify_and_close(cases.OnCase(CASE, TOWNSHIP), uow)
    assert len(uow.committed) == before and uow.repo.case(CASE).status == "open"
    fed_back_by_all(uow, both)
    assert {t.status for t in both} == {"fed_back"}
    record = cases.verify_and_close(cases.OnCase(CASE, TOWNSHIP), uow)
    assert (record.case.status, record.case.closed_by) == ("closed", "township_dongtang")
    assert {t.status for t in record.tasks} == {"closed"}
    assert kinds(uow.committed[-1:]) == ["CaseClosed"]
    assert record.timeline[-1].event_type.endswith("CaseClosed.v1")
    with pytest.raises(WrongState, match="closed"):
        cases.verify_and_close(cases.OnCase(CASE, TOWNSHIP), uow)


def test_calling_departments_by_hand_announces_them_for_the_whistle(uow, both):
    call = CallDepartments(departments=[Department.FIRE_SAFETY], reason="消防隐患")
    record = cases.call_departments(cases.CallMoreDepartments(CASE, TOWNSHIP, call), uow)
    assert uow.committed[-1].departments == [Department.FIRE_SAFETY]
    assert len(record.tasks) == 2  # the whistle dispatches the new task
    again = CallDepartments(departments=[Department.EDUCATION], reason="x")
    with pytest.raises(Invalid, match="education"):
        cases.call_departments(cases.CallMoreDepartments(CASE, TOWNSHIP, again), uow)


def test_a_joint_action_is_scheduled_with_departments_on_the_case(uow, both):
    action = scheduled(uow)
    assert uow.repo.joint_action(action.action_id) is action
    assert (action.departments, action.scheduled_by) == (
        ["education", "market_supervision"],
        "township_dongtang",
    )
    assert kinds(uow.committed[-1:]) == ["JointActionScheduled"]
    before = len(uow.committed)
    with pytest.raises(Invalid, match="fire_safety"):
        scheduled(uow, [Department.EDUCATION, Department.FIRE_SAFETY])
    assert len(uow.committed) == before and len(uow.repo.actions_by_id) == 1


def test_a_joint_actions_outcome_is_recorded_once_and_closing_waits_for_it(uow, both):
    action = scheduled(uow)
    fed_back_by_all(uow, both)
    with pytest.raises(WrongState, match=action.action_id):
        cases.verify_and_close(cases.OnCase(CASE, TOWNSHIP), uow)
    removed = OutcomeReport(outcome=TaskOutcome.ADVERTISEMENT_REMOVED, note="拆除广告17块")
    command = cases.RecordJointAction(CASE, TOWNSHIP, action.action_id, removed)
    recorded = cases.record_joint_action(command, uow)
    assert (recorded.outcome, recorded.recorded_by) == (
        "advertisement_removed",
        "township_dongtang",
    )
    with pytest.raises(WrongState, match="already recorded"):
        cases.record_joint_action(command, uow)
    with pytest.raises(NotFound, match="no joint action"):
        cases.record_joint_action(
            cases.RecordJointAction(CASE, TOWNSHIP, "no-such-action", removed), uow
        )
    assert cases.verify_and_close(cases.OnCase(CASE, TOWNSHIP), uow).case.status == "closed"
