"""After the township closes: the on-site confirmation (核查) and the rating (评价), time-skipped.

The packaged clocks: confirmation within 14 working hours (2 working days) of the closure, a
miss escalated once to the district office; the rating window 72 h from the confirmation.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from contracts.vocabulary import ReopenCause, Satisfaction
from govkit.calendar import load_calendar
from tests.workflows.whistle_harness import HANDLE_NORMAL, Whistle, running_whistle
from workflows.whistle import WhistleWorkflow

pytestmark = pytest.mark.workflow
MINUTE = timedelta(minutes=1)
RATING_WINDOW = timedelta(hours=72)
BOTH = ["education", "market_supervision"]


async def closed_after_handling(w: Whistle) -> None:
    """Every department reports, feeds back, and the township closes the case."""
    for department in w.input.departments:
        await w.acknowledged(department)
        await w.handled(department)
    await w.sleep(timedelta(hours=1))
    await w.closed()
    await w.settle()


async def until(w: Whistle, moment) -> None:
    """Skip time to `moment` (the time-skipping server's clock)."""
    await w.sleep(moment - await w.env.get_current_time())


async def test_a_confirmation_in_time_opens_the_rating_window_and_escalates_nobody(env):
    async with running_whistle(env, BOTH) as w:
        await closed_after_handling(w)
        closed_at = await env.get_current_time()
        state = await w.state()
        (request,) = w.commands.confirmations
        assert (state.phase, state.closures, request.round) == ("confirming", 1, 1)
        assert request.confirm_by == state.confirm_by
        working = load_calendar().working_time_between(closed_at, request.confirm_by)
        assert timedelta(hours=14) - MINUTE <= working <= timedelta(hours=14)
        await until(w, request.confirm_by - MINUTE)
        confirmed_at = await env.get_current_time()
        delivered = await w.confirmed(solved=True)
        await w.resend(WhistleWorkflow.confirmed, delivered)  # delivered twice
        await w.sleep(timedelta(days=2))
        (rating,) = w.commands.ratings
        await w.rated(Satisfaction.BASICALLY_SATISFIED)
        state = await w.handle.result()
    assert w.commands.overdue == [] and w.commands.expired == []
    assert w.commands.escalations == [] and w.commands.reminders == []
    assert rating.round == 1
    assert timedelta(0) <= rating.rate_by - confirmed_at - RATING_WINDOW <= MINUTE
    assert (state.phase, state.closed, state.confirm_by, state.rate_by) == (
        "ended",
        True,
        None,
        None,
    )


async def test_not_solved_reopens_the_same_departments_with_their_clocks_restarted(env):
    async with running_whistle(env, BOTH) as w:
        await closed_after_handling(w)
        assert {d.step for d in (await w.state()).departments} == {"closed"}
        # Enforcement announces the confirmation, the re-opening, then each task sent back.
        reopened_at = await env.get_current_time()
        await w.confirmed(solved=False)
        await w.reopened(ReopenCause.NOT_SOLVED)
        for department in BOTH:
            await w.sent_back(department)
        await w.settle()
        state = await w.state()
        await w.sleep(HANDLE_NORMAL - MINUTE)
        assert w.commands.escalations == []
        await w.sleep(2 * MINUTE)
        escalated = w.commands.escalated()
        await w.closed()
        await w.settle()
    assert (state.closed, state.phase, state.confirm_by) == (False, "handling", None)
    assert {d.department: (d.step, d.rework_count) for d in state.departments} == {
        "education": ("acknowledged", 1),
        "market_supervision": ("acknowledged", 1),
    }
    assert sorted(c.task_id.split(":")[1] for c in w.commands.deadlines) == BOTH
    for moved in w.commands.deadlines:
        assert timedelta(0) <= moved.handle_by - reopened_at - HANDLE_NORMAL <= MINUTE
    assert sorted(escalated) == [("education", "handle", 1), ("market_supervision", "handle", 1)]
    assert w.commands.ratings == [] and w.commands.overdue == []
    assert [c.round for c in w.commands.confirmations] == [1, 2]


async def test_a_missed_confirmation_is_escalated_once(env):
    async with running_whistle(env, ["education"]) as w:
        await closed_after_handling(w)
        confirm_by = (await w.state()).confirm_by
        await until(w, confirm_by - MINUTE)
        assert w.commands.overdue == []
        await w.sleep(2 * MINUTE)
        assert len(w.commands.overdue) == 1
        await w.sleep(timedelta(days=10))
        still = await w.state()
        await w.confirmed(solved=True)  # late, and still taken
        await w.settle()
    (overdue,) = w.commands.overdue
    assert (overdue.round, overdue.missed_deadline, overdue.reaches) == (
        1,
        confirm_by,
        "district_office",
    )
    assert still.phase == "confirming" and w.commands.escalations == []
    assert [r.round for r in w.commands.ratings] == [1]


async def test_a_rating_window_that_closes_unrated_is_reported_not_rated(env):
    async with running_whistle(env, ["education"]) as w:
        await closed_after_handling(w)
        await w.confirmed(solved=True)
        await w.settle()
        rate_by = (await w.state()).rate_by
        await until(w, rate_by - MINUTE)
        assert w.commands.expired == []
        await w.sleep(2 * MINUTE)
        waiting = await w.state()  # enforcement answers whether a rating came after all
        await w.sleep(timedelta(days=3))
        await w.rating_expired()
        state = await w.handle.result()
    (expired,) = w.commands.expired
    assert (expired.round, expired.rate_by) == (1, rate_by)
    assert waiting.phase == "rating" and state.phase == "ended"


async def test_a_dissatisfied_rating_waits_for_the_township_which_may_reopen(env):
    async with running_whistle(env, ["education"]) as w:
        await closed_after_handling(w)
        await w.confirmed(solved=True)
        await w.rated(Satisfaction.DISSATISFIED)
        await w.sleep(RATING_WINDOW + timedelta(days=1))
        reviewing = await w.state()
        await w.reviewed(reopen=True)
        await w.reopened(ReopenCause.DISSATISFIED)
        await w.sent_back("education")
        await w.handled("education")
        await w.closed()
        await w.confirmed(solved=True, round=2)
        await w.rated(Satisfaction.SATISFIED, round=2)
        state = await w.handle.result()
    assert reviewing.phase == "reviewing" and w.commands.expired == []
    assert [c.round for c in w.commands.confirmations] == [1, 2]
    assert [r.round for r in w.commands.ratings] == [1, 2]
    assert (state.phase, state.closures) == ("ended", 2)


async def test_a_township_that_keeps_the_case_closed_ends_the_whistle(env):
    async with running_whistle(env, ["education"]) as w:
        await closed_after_handling(w)
        await w.confirmed(solved=True)
        await w.rated(Satisfaction.DISSATISFIED)
        await w.reviewed(reopen=False)
        state = await w.handle.result()
    assert (state.phase, state.closed, state.closures) == ("ended", True, 1)
