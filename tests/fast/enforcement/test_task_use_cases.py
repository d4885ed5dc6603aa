"""Every use case on a department task: what it stores, what it announces, what it refuses."""

from __future__ import annotations

import pytest

from contracts.vocabulary import (
    Department,
    DisputeRuling,
    PauseReason,
    TaskOutcome,
    TaskStatus,
)
from enforcement.domain.filters import TaskFilters
from enforcement.domain.requests import OutcomeReport, PauseRequest, Ruling
from enforcement.service import tasks
from govkit.errors import Invalid, NotAllowed, NotFound, WrongState
from tests.fast.enforcement.casework import (
    BANNED,
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

ALL = TaskFilters()


@pytest.fixture
def education(uow):
    education, _market = open_case(uow, Department.EDUCATION, Department.MARKET_SUPERVISION)
    return education


def acknowledged(uow, task, officer=EDU):
    return tasks.acknowledge(tasks.OnTask(task.task_id, officer), uow)


def fed_back(uow, task, officer=EDU):
    acknowledged(uow, task, officer)
    return tasks.submit_outcome(tasks.SubmitOutcome(task.task_id, officer, BANNED), uow)


def test_tasks_are_listed_within_the_callers_scope(uow, education):
    rows, count = tasks.tasks(EDU, ALL, PAGE, uow)
    assert (count, [r.task_id for r in rows]) == (1, [education.task_id])
    assert tasks.tasks(DISTRICT, ALL, PAGE, uow)[1] == 2
    assert tasks.tasks(TOWNSHIP, ALL, PAGE, uow)[1] == 2
    assert tasks.tasks(OTHER_TOWNSHIP, ALL, PAGE, uow)[1] == 0
    assert tasks.tasks(FURONG_EDU, ALL, PAGE, uow)[1] == 0
    acknowledged(uow, education)
    assert tasks.tasks(LEADER, TaskFilters(status=TaskStatus.ACKNOWLEDGED), PAGE, uow)[1] == 1


def test_a_task_outside_the_scope_is_not_found(uow, education):
    assert tasks.task(education.task_id, TOWNSHIP, uow) is education
    with pytest.raises(NotFound, match=education.task_id):
        tasks.task(education.task_id, FURONG_EDU, uow)
    with pytest.raises(NotFound):
        tasks.task("no-such-task", LEADER, uow)


def test_acknowledge_stores_the_status_and_announces_it(uow, education):
    before = len(uow.committed)
    task = acknowledged(uow, education)
    assert (task.status, task.acknowledged_by) == ("acknowledged", "edu_officer")
    assert kinds(uow.committed[before:]) == ["TaskAcknowledged"]
    assert uow.repo.timeline_of_case(task.case_id)[-1].event_type.endswith("TaskAcknowledged.v1")


def test_refused_acts_commit_nothing(uow, education):
    committed, timeline = len(uow.committed), len(uow.repo.timeline)
    with pytest.raises(NotAllowed):
        acknowledged(uow, education, LEADER)  # sees every task, acts on none
    with pytest.raises(NotFound):
        acknowledged(uow, education, MARKET)
    with pytest.raises(NotFound):
        acknowledged(uow, education, FURONG_EDU)
    assert (len(uow.committed), len(uow.repo.timeline)) == (committed, timeline)
    assert education.status == "dispatched"
    acknowledged(uow, education)
    with pytest.raises(WrongState):
        acknowledged(uow, education)
    assert len(uow.committed) == committed + 1


def test_dispute_asks_the_township_to_rule(uow, education):
    task = tasks.dispute(tasks.OnTaskWithReason(education.task_id, EDU, "非教育部门职责"), uow)
    assert (task.status, task.dispute_reason) == ("disputed", "非教育部门职责")
    assert kinds(uow.committed[-1:]) == ["TaskDisputed"]
    notice = uow.repo.notifications[-1]
    assert (notice.role, notice.township, notice.kind) == (
        "township_officer",
        "dongtang",
        "TaskDisputed",
    )


def test_submit_outcome_records_the_result_and_a_fine_needs_its_amount(uow, education):
    acknowledged(uow, education)
    before = len(uow.committed)
    no_amount = OutcomeReport(outcome=TaskOutcome.FINED, note="罚款")
    with pytest.raises(Invalid, match="fine_amount_yuan"):
        tasks.submit_outcome(tasks.SubmitOutcome(education.task_id, EDU, no_amount), uow)
    assert len(uow.committed) == before and education.status == "acknowledged"
    fined = no_amount.model_copy(update={"fine_amount_yuan": 27000})
    task = tasks.submit_outcome(tasks.SubmitOutcome(education.task_id, EDU, fined), uow)
    assert (task.status, task.outcome, task.fine_amount_yuan) == ("fed_back", "fined", 27000)
    assert kinds(uow.committed[before:]) == ["TaskOutcomeSubmitted"]


def test_a_pause_is_asked_approved_by_the_township_and_resumed(uow, education):
    acknowledged(uow, education)
    request = PauseRequest(reason=PauseReason.LEGAL_PROCEDURE, note="立案调查")
    asked = tasks.request_pause(tasks.RequestPause(education.task_id, EDU, request), uow)
    assert (asked.pause_state, asked.pause_id) == ("requested", uow.committed[-1].pause_id)
    with pytest.raises(NotAllowed):
        tasks.decide_pause(tasks.DecidePause(education.task_id, EDU, True), uow)
    with pytest.raises(NotFound):
        tasks.decide_pause(tasks.DecidePause(education.task_id, OTHER_TOWNSHIP, True), uow)
    paused = tasks.decide_pause(tasks.DecidePause(education.task_id, TOWNSHIP, True), uow)
    assert paused.pause_state == "paused"
    resumed = tasks.resume(tasks.OnTask(education.task_id, EDU), uow)
    assert (resumed.pause_state, resumed.pause_id) == ("none", None)
    assert kinds(uow.committed[-3:]) == ["ClockPauseRequested", "ClockPauseDecided", "ClockResumed"]
    with pytest.raises(WrongState):
        tasks.resume(tasks.OnTask(education.task_id, TOWNSHIP), uow)


def test_a_dispute_is_ruled_for_another_department(uow, education):
    tasks.dispute(tasks.OnTaskWithReason(education.task_id, EDU, "体育类机构"), uow)
    ruling = Ruling(ruling=DisputeRuling.REASSIGN, reassign_to=Department.SPORTS, reason="体育类")
    with pytest.raises(NotFound, match="no case"):
        tasks.rule_dispute(tasks.RuleDispute(education.task_id, OTHER_TOWNSHIP, ruling), uow)
    task = tasks.rule_dispute(tasks.RuleDispute(education.task_id, TOWNSHIP, ruling), uow)
    assert task.status == "reassigned"
    assert uow.committed[-1].reassign_to == Department.SPORTS
    taken = ruling.model_copy(update={"reassign_to": Department.MARKET_SUPERVISION})
    with pytest.raises(WrongState):  # no longer disputed
        tasks.rule_dispute(tasks.RuleDispute(education.task_id, TOWNSHIP, taken), uow)


def test_send_back_restarts_the_work_and_counts_it(uow, education):
    fed_back(uow, education)
    task = tasks.send_back(tasks.OnTaskWithReason(education.task_id, TOWNSHIP, "未拆除"), uow)
    assert (task.status, task.rework_count, task.outcome, task.handled_at) == (
        "acknowledged",
        1,
        None,
        None,
    )
    assert uow.committed[-1].rework_count == 1
    with pytest.raises(WrongState):
        tasks.send_back(tasks.OnTaskWithReason(education.task_id, TOWNSHIP, "again"), uow)


def test_release_takes_a_department_off_but_never_the_last(uow, education):
    market = uow.repo.task("c-1:market_supervision")
    task = tasks.release(tasks.OnTaskWithReason(market.task_id, TOWNSHIP, "无关"), uow)
    assert task.status == "released"
    assert kinds(uow.committed[-1:]) == ["DepartmentReleased"]
    with pytest.raises(WrongState, match="last department"):
        tasks.release(tasks.OnTaskWithReason(education.task_id, TOWNSHIP, "x"), uow)
    assert education.status == "dispatched"
