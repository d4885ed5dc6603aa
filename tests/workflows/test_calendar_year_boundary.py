"""Whistles across a year's end on the time-skipping server: a complex case's 15 working days
end a working day later when the new year's New Year holiday is loaded, and the bridge gives
each new whistle the calendar as it stands while a running one keeps its own.

The test server starts at the wall clock, so the case starts on the next 30 December ahead
of it (today, 30 December 2026 into 2027, a year the shipped calendar does not hold).
"""

from __future__ import annotations

import contextlib
import json
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from faststream.kafka import KafkaBroker, TestKafkaBroker

from contracts.topics import PATROL_INCIDENTS
from govkit.calendar import HolidayYear, WorkingCalendar, load_calendar
from govkit.calendar_feed import CalendarFeed
from govkit.consumers import Consumers
from tests.support.calendar import loaded_2027
from tests.workflows.test_bridge import PREFIX, envelope, report
from tests.workflows.whistle_harness import (
    ACKNOWLEDGE,
    RecordedCommands,
    Whistle,
    start,
    whistle,
    worker,
)
from workflows.bridge import register_bridge
from workflows.model import whistle_workflow_id
from workflows.policy import load_clock_policy, load_routing_table
from workflows.settings import WorkflowSettings

pytestmark = pytest.mark.workflow

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIFTEEN_WORKING_DAYS = timedelta(hours=105)
MINUTE = timedelta(minutes=1)
SHIPPED = load_calendar()


def next_year_end(now: datetime) -> datetime:
    """09:00 on the first 30 December still ahead of `now`."""
    this_year = datetime(now.year, 12, 30, 9, 0, tzinfo=SHANGHAI)
    return this_year if this_year > now else this_year.replace(year=now.year + 1)


def new_year_notice(year: int) -> HolidayYear:
    """New Year's Day as a holiday on the year's first weekday, as its notice would have it."""
    first = next(date(year, 1, day) for day in range(1, 8) if date(year, 1, day).weekday() < 5)
    return HolidayYear(year, {first: "元旦"}, {})


@contextlib.asynccontextmanager
async def complex_whistle(env, calendar: WorkingCalendar):
    """A complex education case on its own worker, started now with `calendar`."""
    commands, queue = RecordedCommands(), str(uuid.uuid4())
    whistle_input = replace(whistle(["education"], severity="complex"), calendar=calendar)
    async with worker(env.client, commands, queue):
        running = await start(env, env.client, commands, whistle_input, queue)
        try:
            yield running
        finally:
            await running.handle.terminate("test finished")


def handle_escalations(w: Whistle) -> list[int]:
    return [e.level for e in w.commands.escalations if e.clock == "handle"]


async def test_the_new_year_holiday_moves_the_deadline_only_when_the_year_is_loaded(env):
    start_at = next_year_end(await env.get_current_time())
    await env.sleep(start_at - await env.get_current_time())
    with_new_year = SHIPPED.with_year(new_year_notice(start_at.year + 1))
    async with (
        complex_whistle(env, SHIPPED) as weekday_rule,
        complex_whistle(env, with_new_year) as loaded,
    ):
        deadlines = []
        for w, calendar in ((weekday_rule, SHIPPED), (loaded, with_new_year)):
            dispatched = w.commands.dispatched[0]
            started = dispatched.acknowledge_by - ACKNOWLEDGE
            assert started.astimezone(SHANGHAI).date() == start_at.date()
            assert dispatched.handle_by == calendar.add_working_time(started, FIFTEEN_WORKING_DAYS)
            deadlines.append(dispatched.handle_by.astimezone(SHANGHAI).date())
            await w.acknowledged("education")
        # The holiday pushes the deadline into the new year by exactly one working day.
        assert deadlines[0].year == start_at.year + 1
        assert with_new_year.is_working_day(deadlines[0]) and deadlines[1] > deadlines[0]
        assert not any(
            with_new_year.is_working_day(deadlines[0] + timedelta(days=d))
            for d in range(1, (deadlines[1] - deadlines[0]).days)
        )

        # Just after the weekday rule's deadline: only the case without the new year is overdue.
        deadline = weekday_rule.commands.dispatched[0].handle_by
        await weekday_rule.sleep(deadline + MINUTE - await env.get_current_time())
        await loaded.settle()
        assert (handle_escalations(weekday_rule), handle_escalations(loaded)) == ([1], [])
        # A working day later, the case that knew of New Year's Day is overdue too.
        later = loaded.commands.dispatched[0].handle_by
        await loaded.sleep(later + MINUTE - await env.get_current_time())
        assert handle_escalations(loaded) == [1]


async def test_a_new_whistle_takes_the_calendar_as_loaded_a_running_one_keeps_its_own(env):
    commands, queue, calendar = RecordedCommands(), str(uuid.uuid4()), CalendarFeed()
    broker = KafkaBroker()
    settings = WorkflowSettings(task_queue=queue, topic_prefix=PREFIX)
    register_bridge(
        Consumers(broker, settings.kafka_bootstrap, PREFIX),
        env.client,
        settings,
        routing=load_routing_table(),
        policy=load_clock_policy(),
        calendar=calendar,
    )
    before, after = str(uuid.uuid4()), str(uuid.uuid4())
    async with worker(env.client, commands, queue), TestKafkaBroker(broker) as kafka:
        await kafka.publish(envelope(report(before)), topic=PREFIX + PATROL_INCIDENTS.name)
        calendar.apply(loaded_2027())  # an administrator loads 2027
        await kafka.publish(envelope(report(after)), topic=PREFIX + PATROL_INCIDENTS.name)
        years = {case: await _calendar_years(env, case) for case in (before, after)}
        for case in (before, after):
            await env.client.get_workflow_handle(whistle_workflow_id(case)).terminate("done")
    assert years == {before: [2026], after: [2026, 2027]}


async def _calendar_years(env, case_id: str) -> list[int]:
    """The years of the calendar the whistle started with, read from its history."""
    history = await env.client.get_workflow_handle(whistle_workflow_id(case_id)).fetch_history()
    started = history.events[0].workflow_execution_started_event_attributes
    return json.loads(started.input.payloads[0].data)["calendar"]["years"]
