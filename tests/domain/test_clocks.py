"""The clocks of one task as pure functions: reminders, ladder rungs, cycles, stopped time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from contracts.vocabulary import TaskStatus
from govkit.calendar import load_calendar
from workflows.clocks import deadline_after, due_actions, next_due, resumed_deadline
from workflows.model import DepartmentProgress
from workflows.policy import load_clock_policy

pytestmark = pytest.mark.unit

POLICY, CALENDAR = load_clock_policy(), load_calendar()
DISPATCHED = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai


def task(**changes) -> DepartmentProgress:
    fields = {
        "department": "education",
        "task_id": "case-1:education",
        "lead": True,
        "step": TaskStatus.DISPATCHED,
        "acknowledge_by": DISPATCHED + timedelta(minutes=30),
        "handle_by": DISPATCHED + timedelta(hours=24),
    }
    return DepartmentProgress(**(fields | changes))


def keys(progress, at: datetime) -> list[str]:
    return [a.key for a in due_actions(progress, POLICY, "normal", at)]


def test_nothing_is_due_before_the_reminder_and_the_reminder_is_next():
    progress = task()
    assert keys(progress, DISPATCHED) == []
    assert next_due(progress, POLICY, "normal", DISPATCHED) == DISPATCHED + timedelta(minutes=20)


def test_the_deadline_itself_is_the_first_rung_and_rungs_follow_every_step():
    progress = task()
    at_deadline = DISPATCHED + timedelta(minutes=30)
    assert keys(progress, at_deadline - timedelta(seconds=1)) == ["acknowledge:0:remind"]
    assert keys(progress, at_deadline) == ["acknowledge:0:remind", "acknowledge:0:department_lead"]
    progress.done += ["acknowledge:0:remind", "acknowledge:0:department_lead"]
    assert next_due(progress, POLICY, "normal", at_deadline) == at_deadline + timedelta(minutes=30)
    assert keys(progress, at_deadline + timedelta(hours=1)) == [
        "acknowledge:0:district_office",
        "acknowledge:0:city_leadership",
    ]


def test_done_actions_are_never_due_again():
    progress = task(done=["acknowledge:0:remind", "acknowledge:0:department_lead"])
    later = DISPATCHED + timedelta(minutes=45)
    assert keys(progress, later) == []


def test_a_new_cycle_has_fresh_keys():
    progress = task(step=TaskStatus.ACKNOWLEDGED, handle_cycle=1, done=["handle:0:department_lead"])
    assert keys(progress, DISPATCHED + timedelta(hours=24)) == [
        "handle:1:remind",
        "handle:1:department_lead",
    ]


def test_a_paused_or_finished_task_has_no_clock():
    for progress in (
        task(step=TaskStatus.ACKNOWLEDGED, paused=True),
        task(step=TaskStatus.FED_BACK),
        task(step=TaskStatus.CLOSED),
    ):
        assert keys(progress, DISPATCHED + timedelta(days=30)) == []
        assert next_due(progress, POLICY, "normal", DISPATCHED) is None


def test_a_dispute_runs_only_the_townships_ruling_clock():
    ruling_by = deadline_after(DISPATCHED, POLICY.ruling, CALENDAR)
    progress = task(step=TaskStatus.DISPUTED, ruling_by=ruling_by, ruling_cycle=1)
    assert ruling_by == DISPATCHED + timedelta(hours=2)  # within Monday's office hours
    assert keys(progress, ruling_by) == ["ruling:1:remind", "ruling:1:district_office"]


def test_stopped_time_is_given_back_and_a_missed_deadline_stays_missed():
    rule = POLICY.handle["normal"]
    deadline = DISPATCHED + timedelta(hours=24)
    stopped, resumed = DISPATCHED + timedelta(hours=1), DISPATCHED + timedelta(hours=49)
    assert resumed_deadline(deadline, rule, CALENDAR, stopped_at=stopped, now=resumed) == (
        deadline + timedelta(hours=48)
    )
    late = deadline + timedelta(hours=1)
    assert resumed_deadline(deadline, rule, CALENDAR, stopped_at=late, now=resumed) == deadline


def test_working_time_clocks_give_back_only_working_time():
    rule = POLICY.handle["complex"]
    deadline = deadline_after(DISPATCHED, rule, CALENDAR)
    friday_evening = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # 18:00 Shanghai, after hours
    monday_morning = datetime(2026, 11, 30, 0, 0, tzinfo=UTC)  # 08:00, before opening
    assert (
        resumed_deadline(deadline, rule, CALENDAR, stopped_at=friday_evening, now=monday_morning)
        == deadline
    )  # the whole stop fell outside working time
