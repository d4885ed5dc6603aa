"""One signal per intent: the whistle takes each task's status from the event that announces it.

Enforcement decides every status change; the whistle keeps only its clocks. The old single
`case_event` signal still works for whistles started before the typed signals.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.workflows.whistle_harness import HANDLE_NORMAL, running_whistle
from workflows.policy import load_clock_policy

pytestmark = pytest.mark.workflow
MINUTE = timedelta(minutes=1)


async def test_a_pause_approved_after_feedback_holds_the_reworked_clock(env):
    # Enforcement lets a department feed back while its pause request waits for the township.
    async with running_whistle(env, ["education"]) as w:
        await w.acknowledged("education")
        await w.handled("education")
        await w.pause_decided("education")
        await w.sent_back("education")
        await w.sleep(HANDLE_NORMAL + MINUTE)
        paused = await w.progress("education")
        assert w.commands.escalations == [] and len(w.commands.deadlines) == 1
        await w.resumed("education")
        await w.sleep(MINUTE)
    assert (paused.step, paused.paused, paused.rework_count) == ("acknowledged", True, 1)
    given_back = w.commands.deadlines[-1].handle_by - w.commands.deadlines[0].handle_by
    assert HANDLE_NORMAL <= given_back <= HANDLE_NORMAL + 2 * MINUTE


async def test_a_refused_pause_leaves_the_clock_running(env):
    async with running_whistle(env, ["education"], severity="urgent") as w:
        await w.acknowledged("education")
        await w.pause_decided("education", approved=False)
        await w.sleep(timedelta(hours=2, minutes=1))
        progress = await w.progress("education")
        applied = (await w.state()).events_applied
    assert not progress.paused and applied == 1
    assert w.commands.escalated() == [("education", "handle", 1)]


async def test_the_old_case_event_signal_still_moves_a_whistle_to_its_close(env):
    # A whistle of that time started without the rules of confirmation and rating.
    before_closure_rules = replace(load_clock_policy(), closure=None)
    departments = ["education", "market_supervision"]
    async with running_whistle(env, departments, policy=before_closure_rules) as w:

        async def old(kind: str, department: str | None = None, **extra) -> None:
            """As a bridge of before the typed signals sent it."""
            task_id = w.task(department) if department else None
            event = {"event_id": str(uuid.uuid4()), "kind": kind, "task_id": task_id, **extra}
            await w.handle.signal("case_event", event)

        await old("disputed", "education")
        await old("ruled_reassign", "education", departments=["sports"])
        for department in ("market_supervision", "sports"):
            await old("acknowledged", department)
            await old("handled", department)
        await old("closed")
        state = await w.handle.result()
    assert sorted((c.department, c.lead) for c in w.commands.dispatched) == [
        ("education", True),
        ("market_supervision", False),
        ("sports", True),
    ]
    assert state.closed and state.events_applied == 7
    assert {d.department: d.step for d in state.departments} == {
        "education": "reassigned",
        "market_supervision": "closed",
        "sports": "closed",
    }
