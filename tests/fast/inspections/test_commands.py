"""The rectification workflow's commands, applied by the service once each."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contracts.events import (
    OrderDeadlineSet,
    OrderEscalated,
    OrderReminded,
    RecordOrderEscalation,
    ReinspectionScheduled,
    ScheduleReinspection,
    SendOrderReminder,
    SetOrderDeadline,
)
from contracts.vocabulary import AccountabilityMeasure
from inspections.service import commands
from tests.fast.inspections.world import (
    INSPECTOR,
    STAFF_XINGCHEN,
    XINGCHEN,
    acknowledged,
    build,
    inspect,
    rectified,
    reinspected,
)

LATER = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


@pytest.fixture
def order_id(uow, rules) -> str:
    build(uow)
    return inspect(uow, rules, XINGCHEN.institution_id, {24: "消防通道堵塞"}).order_id


def apply(uow, use_case, command) -> list:
    before = len(uow.committed)
    with uow:
        use_case(command, uow)
        uow.commit()
    return uow.committed[before:]


def escalation(order_id: str, rung: AccountabilityMeasure, level: int, suffix: str = ""):
    return RecordOrderEscalation(
        escalation_id=f"rectify-{order_id}:{rung.value}{suffix}",
        order_id=order_id,
        rung=rung,
        level=level,
        missed_deadline=LATER,
        reason="逾期未整改",
    )


def test_a_deadline_is_set_once_per_change(uow, order_id):
    change = SetOrderDeadline(
        change_id=f"rectify-{order_id}:deadline:1",
        order_id=order_id,
        deadline=LATER,
        reason="复查不合格，重新计时",
    )
    [event] = apply(uow, commands.set_deadline, change)
    assert isinstance(event, OrderDeadlineSet) and event.deadline == LATER
    assert apply(uow, commands.set_deadline, change) == []
    assert uow.repo.order(order_id).deadline == LATER


def test_a_reminder_is_recorded_once(uow, order_id):
    reminder = SendOrderReminder(
        reminder_id=f"rectify-{order_id}:remind:1", order_id=order_id, deadline=LATER
    )
    assert [type(e) for e in apply(uow, commands.remind, reminder)] == [OrderReminded]
    assert apply(uow, commands.remind, reminder) == []


def test_each_rung_of_the_ladder_is_recorded_once_per_order(uow, order_id):
    ladder = list(AccountabilityMeasure)
    for level, rung in enumerate(ladder, 1):
        [event] = apply(uow, commands.escalate, escalation(order_id, rung, level))
        assert (
            isinstance(event, OrderEscalated) and event.rung == rung and event.district == "yuhua"
        )
    # the same command again, or the same rung under another id: nothing new
    assert apply(uow, commands.escalate, escalation(order_id, ladder[0], 1)) == []
    assert apply(uow, commands.escalate, escalation(order_id, ladder[1], 2, ":again")) == []
    rungs = [e.rung for e in uow.repo.entries(order_id) if e.kind == "escalation"]
    assert rungs == [r.value for r in ladder]


def test_a_reinspection_task_comes_only_when_evidence_is_awaiting_it(uow, order_id):
    task = ScheduleReinspection(
        task_id=f"rectify-{order_id}:reinspect:1", order_id=order_id, due_by=LATER
    )
    assert apply(uow, commands.schedule_reinspection, task) == []
    acknowledged(uow, order_id, STAFF_XINGCHEN)
    rectified(uow, order_id, STAFF_XINGCHEN)
    [event] = apply(uow, commands.schedule_reinspection, task)
    assert isinstance(event, ReinspectionScheduled)
    assert uow.repo.order(order_id).reinspection_due_by == LATER
    reinspected(uow, order_id, passed=True, inspector=INSPECTOR)
    assert uow.repo.order(order_id).reinspection_due_by is None


def test_commands_for_a_closed_or_unknown_order_change_nothing(uow, order_id):
    acknowledged(uow, order_id, STAFF_XINGCHEN)
    rectified(uow, order_id, STAFF_XINGCHEN)
    reinspected(uow, order_id, passed=True)
    late = escalation(order_id, AccountabilityMeasure.SUPERVISION_NOTICE, 1)
    assert apply(uow, commands.escalate, late) == []
    assert apply(uow, commands.escalate, late.model_copy(update={"order_id": "nope"})) == []
