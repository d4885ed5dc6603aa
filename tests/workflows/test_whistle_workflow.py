"""The whistle workflow on Temporal's time-skipping server: every path, without waiting.

The packaged clock policy: 报到 within 30 min (reminder 10 min before), a missed deadline climbs
department lead → district office → city leadership every 30 min; normal handling 24 h with
rungs every 24 h; the township rules on a dispute within 2 working hours.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from importlib.resources import files

import pytest
from temporalio import activity

from contracts.events import RecordEscalation, SendReminder
from contracts.vocabulary import Satisfaction
from govkit.calendar import load_calendar
from tests.support.waiting import eventually
from tests.workflows.whistle_harness import (
    ACKNOWLEDGE,
    HANDLE_NORMAL,
    LADDER_STEP,
    RecordedCommands,
    running_whistle,
)
from workflows.policy import load_clock_policy
from workflows.whistle import WhistleWorkflow

pytestmark = pytest.mark.workflow
MINUTE = timedelta(minutes=1)


async def test_acknowledged_and_handled_in_time_escalates_nobody(env):
    async with running_whistle(env, ["education", "market_supervision"]) as w:
        for department in ("education", "market_supervision"):
            await w.acknowledged(department)
        await w.sleep(timedelta(hours=1))
        for department in ("education", "market_supervision"):
            await w.handled(department)
        await w.sleep(timedelta(days=5))
        await w.closed()
        await w.confirmed(solved=True)
        await w.rated(Satisfaction.SATISFIED)
        state = await w.handle.result()
    assert sorted((c.department, c.lead) for c in w.commands.dispatched) == [
        ("education", True),
        ("market_supervision", False),
    ]
    assert w.commands.escalations == [] and w.commands.reminders == []
    assert state.closed and {d.step for d in state.departments} == {"closed"}
    assert (state.phase, state.closures) == ("ended", 1)


async def test_late_acknowledgement_escalates_once_to_the_department_lead(env):
    async with running_whistle(env, ["education"]) as w:
        await w.sleep(ACKNOWLEDGE - 11 * MINUTE)
        assert w.commands.reminders == []
        await w.sleep(2 * MINUTE)
        assert [r.clock for r in w.commands.reminders] == ["acknowledge"]
        await w.sleep(10 * MINUTE)
        assert w.commands.escalated() == [("education", "acknowledge", 1)]
        await w.acknowledged("education")
        await w.sleep(timedelta(hours=3))
        progress = await w.progress("education")
    assert w.commands.escalated() == [("education", "acknowledge", 1)]
    escalation = w.commands.escalations[0]
    assert escalation.reaches == "department_lead"
    assert escalation.missed_deadline == w.commands.dispatched[0].acknowledge_by
    assert progress.step == "acknowledged" and progress.escalation_level == 1


async def test_a_department_that_never_reports_climbs_the_ladder_to_the_top(env):
    async with running_whistle(env, ["education"]) as w:
        await w.sleep(ACKNOWLEDGE + 3 * timedelta(minutes=30))
        assert [e.reaches for e in w.commands.escalations] == [
            "department_lead",
            "district_office",
            "city_leadership",
        ]
        await w.sleep(timedelta(days=4))
        progress = await w.progress("education")
    assert w.commands.escalated() == [
        ("education", "acknowledge", 1),
        ("education", "acknowledge", 2),
        ("education", "acknowledge", 3),
        ("education", "handle", 1),
        ("education", "handle", 2),
        ("education", "handle", 3),
    ]
    assert [r.clock for r in w.commands.reminders] == ["acknowledge", "handle"]
    assert progress.escalation_level == 3


# The packaged policy, but the 报到 reminder goes out only 20 s before the deadline.
PACKAGED = json.loads((files("workflows") / "data" / "clocks.json").read_text(encoding="utf-8"))
LATE_REMINDER = load_clock_policy(
    json.dumps(PACKAGED | {"acknowledge": PACKAGED["acknowledge"] | {"remind_before": "20s"}})
)
SECOND = timedelta(seconds=1)


class SlowReminders(RecordedCommands):
    """Enforcement taking 25 s to take the reminder: the deadline passes meanwhile."""

    def __init__(self, env) -> None:
        super().__init__()
        self.env = env
        self.escalated_at: list[datetime] = []

    @activity.defn(name="send_reminder")
    async def remind(self, command: SendReminder) -> None:
        await self.env.sleep(timedelta(seconds=25))
        self.reminders.append(command)

    @activity.defn(name="record_escalation")
    async def escalate(self, command: RecordEscalation) -> None:
        self.escalated_at.append(activity.info().scheduled_time)
        self.escalations.append(command)


async def test_a_rung_that_falls_due_while_the_reminder_is_sent_goes_out_at_once(env):
    commands = SlowReminders(env)
    async with running_whistle(env, ["education"], policy=LATE_REMINDER, commands=commands):
        await env.sleep(ACKNOWLEDGE - 10 * SECOND)  # the reminder starts; the deadline passes
        await eventually(lambda: _truthy(commands.escalations), what="the first escalation")
    missed = commands.dispatched[0].acknowledge_by
    assert commands.escalated()[0] == ("education", "acknowledge", 1)
    assert commands.escalated_at[0] < missed + LADDER_STEP  # not held back to the next rung


async def _truthy(values: list) -> bool:
    return bool(values)


async def test_dispute_ruled_insist_restarts_the_acknowledge_clock_and_keeps_handling_time(env):
    async with running_whistle(env, ["education"]) as w:
        original = w.commands.dispatched[0]
        await w.sleep(5 * MINUTE)
        await w.disputed("education")
        await w.sleep(timedelta(hours=1))
        assert w.commands.escalations == []  # the department answered: no 报到 escalation
        await w.ruled("education")
        await w.sleep(MINUTE)
        moved = w.commands.deadlines[-1]
        await w.acknowledged("education")
        await w.sleep(timedelta(hours=2))
    assert w.commands.escalations == []
    disputed_for = moved.handle_by - original.handle_by
    assert timedelta(minutes=59) <= disputed_for <= timedelta(minutes=61)
    assert moved.acknowledge_by - original.acknowledge_by >= timedelta(minutes=59)


async def test_dispute_ruled_reassign_hands_the_lead_to_another_department(env):
    async with running_whistle(env, ["education", "market_supervision"]) as w:
        await w.disputed("education")
        await w.ruled("education", reassign_to="sports")
        await w.acknowledged("market_supervision")
        await w.sleep(ACKNOWLEDGE + MINUTE)
        state = await w.state()
    assert sorted((c.department, c.lead) for c in w.commands.dispatched) == [
        ("education", True),
        ("market_supervision", False),
        ("sports", True),
    ]
    assert w.commands.escalated() == [("sports", "acknowledge", 1)]
    steps = {d.department: d.step for d in state.departments}
    assert steps == {
        "education": "reassigned",
        "market_supervision": "acknowledged",
        "sports": "dispatched",
    }


async def test_a_dispute_the_township_does_not_rule_on_escalates_to_the_district(env):
    async with running_whistle(env, ["education"]) as w:
        await w.disputed("education")
        ruling_by = (await w.progress("education")).ruling_by
        now = (await w.handle.describe()).start_time
        await w.sleep(ruling_by - now + MINUTE)
    assert ("education", "ruling", 2) in w.commands.escalated()
    ruling = next(e for e in w.commands.escalations if e.clock == "ruling")
    assert ruling.reaches == "district_office" and ruling.missed_deadline == ruling_by
    assert [c for _, c, _ in w.commands.escalated()] == ["ruling"]


async def test_rework_restarts_the_handling_clock_once_per_send_back(env):
    async with running_whistle(env, ["education"]) as w:
        original = w.commands.dispatched[0]
        await w.acknowledged("education")
        await w.sleep(timedelta(hours=1))
        await w.handled("education")
        await w.sleep(timedelta(hours=1))
        sent_back = await w.sent_back("education")
        await w.resend(WhistleWorkflow.sent_back, sent_back)  # delivered twice
        await w.sleep(HANDLE_NORMAL - MINUTE)
        assert w.commands.escalations == []
        await w.sleep(2 * MINUTE)
        progress = await w.progress("education")
    assert progress.rework_count == 1 and len(w.commands.deadlines) == 1
    restarted = w.commands.deadlines[0].handle_by - original.handle_by
    assert timedelta(minutes=119) <= restarted <= timedelta(minutes=121)
    assert w.commands.escalated() == [("education", "handle", 1)]
    assert w.commands.escalations[0].missed_deadline == w.commands.deadlines[0].handle_by


async def test_paused_time_does_not_count_as_overdue(env):
    async with running_whistle(env, ["education"]) as w:
        original = w.commands.dispatched[0]
        await w.acknowledged("education")
        await w.sleep(timedelta(hours=1))
        await w.pause_decided("education")
        await w.sleep(timedelta(hours=48))  # far past the original 24 h deadline
        assert w.commands.escalations == [] and w.commands.reminders == []
        await w.resumed("education")
        await w.sleep(MINUTE)
        resumed = w.commands.deadlines[-1]
        await w.sleep(resumed.handle_by - await env.get_current_time() - 2 * MINUTE)
        assert w.commands.escalations == []
        await w.sleep(3 * MINUTE)
    paused_for = resumed.handle_by - original.handle_by
    assert timedelta(hours=48) <= paused_for <= timedelta(hours=48, minutes=1)
    assert w.commands.escalated() == [("education", "handle", 1)]


async def test_a_joint_case_escalates_only_the_department_that_lags(env):
    departments = ["public_security", "market_supervision", "education"]
    async with running_whistle(env, departments, severity="urgent") as w:
        for department in ("public_security", "market_supervision"):
            await w.acknowledged(department)
        await w.sleep(timedelta(hours=1))
        for department in ("public_security", "market_supervision"):
            await w.handled(department)
        await w.sleep(timedelta(hours=2, minutes=1))  # past the urgent 2 h handling deadline
        state = await w.state()
    assert {d for d, _, _ in w.commands.escalated()} == {"education"}
    assert ("education", "handle", 1) in w.commands.escalated()
    assert not state.closed
    steps = {d.department: d.step for d in state.departments}
    assert steps == {
        "public_security": "fed_back",
        "market_supervision": "fed_back",
        "education": "dispatched",
    }


async def test_the_township_calls_and_releases_departments_by_hand(env):
    async with running_whistle(env, ["education"]) as w:
        await w.departments_called("fire_safety", "education")
        await w.departments_called("fire_safety")  # already called
        await w.acknowledged("fire_safety")
        await w.released("education")
        await w.sleep(ACKNOWLEDGE + MINUTE)
        state = await w.state()
    assert sorted((c.department, c.lead) for c in w.commands.dispatched) == [
        ("education", True),
        ("fire_safety", False),
    ]
    assert w.commands.escalations == []
    assert {d.department: d.step for d in state.departments} == {
        "education": "released",
        "fire_safety": "acknowledged",
    }


async def test_complex_cases_are_timed_in_working_hours(env):
    async with running_whistle(env, ["education"], severity="complex") as w:
        dispatched = w.commands.dispatched[0]
    dispatched_at = dispatched.acknowledge_by - ACKNOWLEDGE
    expected = load_calendar().add_working_time(dispatched_at, timedelta(hours=105))
    assert dispatched.handle_by == expected
    assert dispatched.handle_by - dispatched_at >= timedelta(days=15)  # 15 working days
