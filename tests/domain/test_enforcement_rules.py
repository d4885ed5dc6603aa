"""Enforcement's pure rules: who may act on a task, in which state, and when a case may close."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from contracts.events import TaskEscalated
from contracts.vocabulary import (
    AccountabilityMeasure,
    Clock,
    Department,
    DisputeRuling,
    EscalationTarget,
    PauseReason,
    TaskOutcome,
)
from enforcement.data import load_accountability_rule
from enforcement.domain import department, township
from enforcement.domain.access import task_scope
from enforcement.domain.accountability import measure_issued, parse_accountability_rule
from enforcement.domain.notifications import audiences
from govkit.errors import Invalid, NotAllowed, WrongState
from govkit.principal import CITY, Principal, Scope

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@dataclass
class Task:
    task_id: str = "c1:education"
    case_id: str = "c1"
    department: str = "education"
    district: str = "yuhua"
    township: str = "dongtang"
    status: str = "dispatched"
    pause_state: str = "none"
    pause_id: str | None = None
    rework_count: int = 0


@dataclass
class Action:
    action_id: str = "a1"
    case_id: str = "c1"
    recorded_at: datetime | None = None


@dataclass
class Case:
    case_id: str = "c1"
    incident_id: str = "c1"
    township: str = "dongtang"
    status: str = "open"


def officer(department: str = "education", roles=("department_officer",)) -> Principal:
    return Principal(
        "sub", f"{department}_officer", frozenset(roles), department=department, district="yuhua"
    )


TOWNSHIP = Principal(
    "sub",
    "township_dongtang",
    frozenset({"township_officer"}),
    district="yuhua",
    township="dongtang",
)


def test_acknowledge_only_once_and_only_by_the_own_department():
    event = department.acknowledge(Task(), officer(), now=NOW)
    assert (event.officer, event.acknowledged_at) == ("education_officer", NOW)
    with pytest.raises(WrongState):
        department.acknowledge(Task(status="acknowledged"), officer(), now=NOW)
    with pytest.raises(NotAllowed):
        department.acknowledge(Task(), officer("fire_safety"), now=NOW)


def test_outcome_needs_acknowledgement_and_a_fine_needs_its_amount():
    with pytest.raises(WrongState, match="acknowledged"):
        department.submit_outcome(Task(), officer(), TaskOutcome.BANNED, "取缔", None, now=NOW)
    acknowledged = Task(status="acknowledged")
    with pytest.raises(Invalid, match="fine_amount_yuan"):
        department.submit_outcome(acknowledged, officer(), TaskOutcome.FINED, "罚款", None, now=NOW)
    with pytest.raises(Invalid, match="only for 'fined'"):
        department.submit_outcome(acknowledged, officer(), TaskOutcome.BANNED, "取缔", 500, now=NOW)
    event = department.submit_outcome(
        acknowledged, officer(), TaskOutcome.FINED, "罚款27000元", 27000, now=NOW
    )
    assert (event.outcome, event.fine_amount_yuan) == (TaskOutcome.FINED, 27000)
    with pytest.raises(WrongState, match="paused"):
        department.submit_outcome(
            Task(status="acknowledged", pause_state="paused", pause_id="p1"),
            officer(),
            TaskOutcome.BANNED,
            "取缔",
            None,
            now=NOW,
        )


def test_a_dispute_replaces_the_acknowledgement_and_the_township_rules_either_way():
    disputed = department.dispute(Task(), officer(), "不属于教育部门职责", now=NOW)
    assert disputed.reason == "不属于教育部门职责"
    with pytest.raises(WrongState):
        department.dispute(Task(status="acknowledged"), officer(), "晚了", now=NOW)
    task, tasks = Task(status="disputed"), [Task(status="disputed")]
    insist = township.rule_dispute(
        Case(), tasks, task, TOWNSHIP, DisputeRuling.INSIST, None, "属教育职责", now=NOW
    )
    assert insist.reassign_to is None
    moved = township.rule_dispute(
        Case(), tasks, task, TOWNSHIP, DisputeRuling.REASSIGN, Department.SPORTS, "体育类", now=NOW
    )
    assert moved.reassign_to == Department.SPORTS
    with pytest.raises(Invalid, match="reassign_to"):
        township.rule_dispute(
            Case(), tasks, task, TOWNSHIP, DisputeRuling.REASSIGN, None, "x", now=NOW
        )
    with pytest.raises(Invalid, match="already on this case: education"):
        township.rule_dispute(
            Case(),
            tasks,
            task,
            TOWNSHIP,
            DisputeRuling.REASSIGN,
            Department.EDUCATION,
            "x",
            now=NOW,
        )
    with pytest.raises(WrongState, match="not disputed"):
        township.rule_dispute(
            Case(), tasks, Task(), TOWNSHIP, DisputeRuling.INSIST, None, "x", now=NOW
        )


def test_rework_counts_up_and_only_a_fed_back_task_goes_back():
    sent = township.send_back(
        Case(), Task(status="fed_back", rework_count=1), TOWNSHIP, "未拆除", now=NOW
    )
    assert sent.rework_count == 2
    with pytest.raises(WrongState):
        township.send_back(Case(), Task(status="acknowledged"), TOWNSHIP, "x", now=NOW)


def test_a_pause_is_asked_by_the_department_approved_by_the_township_and_resumed():
    asked = department.request_pause(
        Task(status="acknowledged"),
        officer(),
        PauseReason.LEGAL_PROCEDURE,
        "立案调查",
        pause_id="p1",
        now=NOW,
    )
    assert asked.pause_id == "p1"
    with pytest.raises(WrongState):
        department.request_pause(
            Task(status="dispatched"),
            officer(),
            PauseReason.LEGAL_PROCEDURE,
            "x",
            pause_id="p",
            now=NOW,
        )
    requested = Task(status="acknowledged", pause_state="requested", pause_id="p1")
    with pytest.raises(NotAllowed):
        township.decide_pause(Case(), requested, officer(), True, now=NOW)
    assert township.decide_pause(Case(), requested, TOWNSHIP, True, now=NOW).approved
    paused = Task(status="acknowledged", pause_state="paused", pause_id="p1")
    assert department.resume(paused, officer(), now=NOW).pause_id == "p1"
    assert department.resume(paused, TOWNSHIP, now=NOW).resumed_by == "township_dongtang"
    with pytest.raises(WrongState):
        department.resume(Task(status="acknowledged"), officer(), now=NOW)


def test_calling_and_releasing_departments_by_hand():
    tasks = [Task(), Task(task_id="c1:market", department="market_supervision")]
    called = township.call_departments(
        Case(), tasks, TOWNSHIP, [Department.FIRE_SAFETY], "消防隐患", now=NOW
    )
    assert called.departments == [Department.FIRE_SAFETY]
    with pytest.raises(Invalid, match="education"):
        township.call_departments(Case(), tasks, TOWNSHIP, [Department.EDUCATION], "x", now=NOW)
    released = township.release_department(Case(), tasks, tasks[1], TOWNSHIP, "无关", now=NOW)
    assert released.department == Department.MARKET_SUPERVISION
    with pytest.raises(WrongState, match="last department"):
        township.release_department(Case(), [tasks[0]], tasks[0], TOWNSHIP, "x", now=NOW)


def test_joint_actions_need_two_departments_on_the_case_and_an_outcome_before_closing():
    tasks = [
        Task(status="fed_back"),
        Task(task_id="c1:m", department="market_supervision", status="fed_back"),
    ]
    plan = township.schedule_joint_action(
        Case(),
        tasks,
        TOWNSHIP,
        [Department.EDUCATION, Department.MARKET_SUPERVISION],
        NOW,
        "东塘街道某小区",
        action_id="a1",
        now=NOW,
    )
    assert plan.departments == [Department.EDUCATION, Department.MARKET_SUPERVISION]
    with pytest.raises(Invalid, match="fire_safety"):
        township.schedule_joint_action(
            Case(),
            tasks,
            TOWNSHIP,
            [Department.EDUCATION, Department.FIRE_SAFETY],
            NOW,
            "x",
            action_id="a2",
            now=NOW,
        )
    with pytest.raises(WrongState, match="a1"):
        township.verify_and_close(Case(), tasks, [Action()], TOWNSHIP, now=NOW)
    recorded = township.record_joint_action(
        Case(), Action(), TOWNSHIP, TaskOutcome.ADVERTISEMENT_REMOVED, None, "拆除广告17块", now=NOW
    )
    assert recorded.outcome == TaskOutcome.ADVERTISEMENT_REMOVED
    assert township.verify_and_close(Case(), tasks, [Action(recorded_at=NOW)], TOWNSHIP, now=NOW)


def test_case_closes_only_when_every_department_still_on_it_fed_back():
    fed_back, pending = Task(status="fed_back"), Task(task_id="c1:fire", department="fire_safety")
    with pytest.raises(WrongState, match="fire_safety"):
        township.verify_and_close(Case(), [fed_back, pending], [], TOWNSHIP, now=NOW)
    with pytest.raises(WrongState):
        township.verify_and_close(Case(), [], [], TOWNSHIP, now=NOW)
    reassigned = Task(task_id="c1:x", department="sports", status="reassigned")
    assert township.verify_and_close(Case(), [fed_back, reassigned], [], TOWNSHIP, now=NOW)
    other = Principal(
        "sub", "township_guitang", frozenset({"township_officer"}), township="guitang"
    )
    with pytest.raises(NotAllowed):
        township.verify_and_close(Case(), [fed_back], [], other, now=NOW)
    with pytest.raises(WrongState):
        township.verify_and_close(Case(status="closed"), [fed_back], [], TOWNSHIP, now=NOW)


def _escalation(reaches=EscalationTarget.DEPARTMENT_LEAD, clock=Clock.ACKNOWLEDGE) -> TaskEscalated:
    return TaskEscalated(
        escalation_id="e1",
        task_id="c1:education",
        case_id="c1",
        department=Department.EDUCATION,
        level=1,
        reason="未在时限内报到",
        escalated_at=datetime(2026, 11, 30, 17, 0, tzinfo=UTC),  # 1 December in Shanghai
        clock=clock,
        reaches=reaches,
        district="yuhua",
        township="dongtang",
        missed_deadline=NOW,
    )


def test_the_accountability_rule_issues_each_measure_at_its_threshold_once():
    rule = load_accountability_rule()
    issued = {n: measure_issued(rule, _escalation(), n, measure_id="m") for n in range(1, 10)}
    assert {n: m.measure for n, m in issued.items() if m} == {
        1: AccountabilityMeasure.SUPERVISION_NOTICE,
        3: AccountabilityMeasure.PUBLIC_NOTICE,
        5: AccountabilityMeasure.FORMAL_TALK,
        8: AccountabilityMeasure.DISCIPLINARY_ACCOUNTABILITY,
    }
    assert issued[1].period == "2026-12"  # the month is counted in Shanghai time
    with pytest.raises(ValueError, match="rising"):
        parse_accountability_rule(
            '{"timezone": "Asia/Shanghai", "thresholds": [{"misses": 3, "measure": "public_notice"}, {"misses": 1, "measure": "supervision_notice"}]}'
        )


def test_each_rung_of_the_ladder_reaches_its_own_people():
    reach = {
        target: [
            (a.role, a.department, a.district)
            for a in audiences(_escalation(target), "yuhua", "dongtang")
        ]
        for target in EscalationTarget
    }
    assert reach == {
        EscalationTarget.DEPARTMENT_LEAD: [("department_lead", "education", "yuhua")],
        EscalationTarget.DISTRICT_OFFICE: [("district_officer", None, "yuhua")],
        EscalationTarget.CITY_LEADERSHIP: [("leader", None, None)],
    }
    lead = Principal(
        "s", "edu_lead", frozenset({"department_lead"}), department="education", district="yuhua"
    )
    other_lead = Principal(
        "s", "x", frozenset({"department_lead"}), department="education", district="furong"
    )
    audience = audiences(_escalation(), "yuhua", "dongtang")[0]
    assert audience.includes(lead) and not audience.includes(other_lead)


@pytest.mark.parametrize(
    ("principal", "scope"),
    [
        (officer(), Scope(department="education", district="yuhua")),
        (TOWNSHIP, Scope(township="dongtang")),
        (
            Principal("s", "d", frozenset({"district_officer"}), district="yuhua"),
            Scope(district="yuhua"),
        ),
        (Principal("s", "l", frozenset({"leader"})), CITY),
        (
            Principal("s", "x", frozenset({"department_officer"})),
            Scope(department="-", district="-"),
        ),
    ],
)
def test_task_scope_follows_role_and_jurisdiction(principal, scope):
    assert task_scope(principal) == scope
