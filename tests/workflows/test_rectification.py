"""The rectification workflow on Temporal's time-skipping server, with the packaged rules: a
normal order has 10 working days, a reminder 2 office days before the deadline, a 复查 due
within 5 working days of evidence, and an overdue order climbs 督办单 → 通报 → 约谈 → 问责
one rung every 5 working days. Every order is issued on a Monday at 09:00, on weekdays."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.workflows.rectification_harness import (
    WEEKDAYS,
    RecordedOrderCommands,
    issued,
    next_monday,
    on,
    running_order,
    start,
    worker,
)
from workflows.rectification import OVERDUE, RECOUNTED, REOPENED

pytestmark = pytest.mark.workflow
MINUTE = timedelta(minutes=1)
LADDER = ["supervision_notice", "public_notice", "formal_talk", "disciplinary_accountability"]


async def test_an_order_closed_in_time_after_a_passing_reinspection_escalates_nobody(env):
    monday = await next_monday(env)
    async with running_order(env, monday) as order:
        assert order.issued.deadline == on(monday, 14)  # the Monday two weeks on, at close
        await order.acknowledged()
        await order.sleep_until(on(monday, 10) - MINUTE)
        assert order.commands.reminders == []
        await order.sleep_until(on(monday, 10) + MINUTE)  # Thursday's close: 2 office days left
        assert [r.deadline for r in order.commands.reminders] == [order.issued.deadline]
        await order.sleep_until(on(monday, 11, "10:00"))
        await order.evidence()
        await order.sleep_until(on(monday, 16))  # the deadline passes while 复查 is awaited
        await order.reinspected(passed=True)
        await order.closed()
        clock = await order.handle.result()
    (reinspection,) = order.commands.reinspections
    assert reinspection.task_id == f"rectification-{order.issued.order_id}:reinspection:1"
    assert reinspection.due_by == on(monday, 18)  # the fifth working day after Friday's evidence
    assert order.commands.escalations == [] and order.commands.deadlines == []
    assert clock.closed and clock.acknowledged and not clock.running and clock.level == 0


async def test_a_failed_reinspection_reopens_the_clock_and_its_ladder_goes_on(env):
    monday = await next_monday(env)
    async with running_order(env, monday) as order:
        await order.sleep_until(on(monday, 2, "10:00"))
        await order.evidence()
        await order.sleep_until(on(monday, 3, "10:00"))
        await order.reinspected(passed=False)
        await order.sleep_until(on(monday, 14) + MINUTE)  # the first deadline is history
        assert order.commands.escalations == []
        reopened = on(monday, 17)  # ten working days from Thursday: the Thursday after next
        assert [(d.deadline, d.reason) for d in order.commands.deadlines] == [(reopened, REOPENED)]
        await order.sleep_until(reopened + MINUTE)
        # A second round fails too: the next term starts from the rung after the one reached.
        await order.evidence(round=2)
        await order.reinspected(passed=False, round=2)
        await order.sleep_until(on(monday, 31) + MINUTE)
        state = await order.state()
    prefix = f"rectification-{order.issued.order_id}"
    assert [d.change_id for d in order.commands.deadlines] == [
        f"{prefix}:deadline:1",
        f"{prefix}:deadline:2",
    ]
    assert [(e.escalation_id, e.level, e.missed_deadline) for e in order.commands.escalations] == [
        (f"{prefix}:1:supervision_notice", 1, reopened),
        (f"{prefix}:2:public_notice", 2, order.commands.deadlines[1].deadline),
    ]
    assert [r.task_id for r in order.commands.reinspections] == [
        f"{prefix}:reinspection:1",
        f"{prefix}:reinspection:2",
    ]
    assert (state.cycle, state.level, state.running) == (2, 2, True)


async def test_an_overdue_order_climbs_the_ladder_once_per_rung_through_worker_restarts(env):
    monday = await next_monday(env)
    commands, queue, order_issued = RecordedOrderCommands(), str(uuid.uuid4()), issued(monday)
    rungs = {rung: on(monday, 14 + 7 * step) for step, rung in enumerate(LADDER)}
    async with worker(env.client, commands, queue):
        order = await start(env, commands, queue, order_issued)
    try:
        async with worker(env.client, commands, queue):
            await order.sleep_until(rungs["public_notice"] + MINUTE)
        assert [e.rung for e in commands.escalations] == LADDER[:2]
        # A new worker knows nothing but the history: it replays the rungs sent and goes on.
        async with worker(env.client, commands, queue):
            await order.sleep_until(rungs["formal_talk"] - MINUTE)
            assert [e.rung for e in commands.escalations] == LADDER[:2]
            await order.sleep_until(rungs["disciplinary_accountability"] + MINUTE)
        async with worker(env.client, commands, queue):
            await order.sleep_until(on(monday, 70))
            state = await order.state()
    finally:
        await order.handle.terminate("test finished")
    prefix = f"rectification-{order_issued.order_id}:0"
    assert [(e.escalation_id, e.level, e.reason) for e in commands.escalations] == [
        (f"{prefix}:{rung}", level, OVERDUE) for level, rung in enumerate(LADDER, start=1)
    ]
    assert [e.missed_deadline for e in commands.escalations] == [order_issued.deadline] * 4
    assert len(commands.reminders) == 1 and state.level == len(LADDER)


async def test_a_holiday_inside_the_term_moves_the_deadline_a_working_day_on(env):
    monday = await next_monday(env)
    with_holiday = replace(WEEKDAYS, holidays=(on(monday, 2).date(),))  # Wednesday
    async with (
        running_order(env, monday) as weekdays,
        running_order(env, monday, with_holiday) as holiday,
    ):
        assert weekdays.commands.deadlines == []  # it counts as inspections counted
        (moved,) = holiday.commands.deadlines
        assert (moved.deadline, moved.reason) == (on(monday, 15), RECOUNTED)
        assert moved.change_id == f"rectification-{holiday.issued.order_id}:deadline:0"
        await weekdays.sleep_until(on(monday, 14) + MINUTE)
        await holiday.settle()
        assert (len(weekdays.commands.escalations), len(holiday.commands.escalations)) == (1, 0)
        await holiday.sleep_until(on(monday, 15) + MINUTE)
        (escalation,) = holiday.commands.escalations
    assert escalation.missed_deadline == on(monday, 15)
    assert [r.deadline for r in holiday.commands.reminders] == [on(monday, 15)]
