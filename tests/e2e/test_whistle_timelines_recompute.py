"""The leadership metrics equal a recompute from the real case timelines enforcement serves.

Runs after the whistle tests in the same session, so the timelines hold escalations, a
dispute, a reassignment, a pause, rework and closures produced by the real workflow.
"""

from __future__ import annotations

from functools import reduce

import pytest

from contracts.events import parse_data
from oversight.domain.facts import Facts, evolve
from oversight.domain.metrics import GroupBy, aggregate
from tests.support.casework import read
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e


async def _recompute_from_timelines(gateway):
    """Every case's timeline from enforcement, folded and aggregated without a database."""
    listing = await read(gateway, "/api/enforcement/cases?limit=200", "leader_city")
    tasks, cases = [], {}
    for case in listing["data"]:
        timeline = await read(
            gateway, f"/api/enforcement/cases/{case['case_id']}/timeline", "leader_city"
        )
        events = [parse_data(entry["event_type"], entry["data"]) for entry in timeline]
        facts = reduce(evolve, events, Facts())
        tasks.extend(facts.tasks.values())
        cases[case["case_id"]] = facts.case
    return tasks, cases


async def test_served_metrics_equal_a_recompute_from_the_case_timelines(gateway):
    async def agree():
        tasks, cases = await _recompute_from_timelines(gateway)
        weeks = sorted({t.week for t in tasks})
        window = {"from_week": weeks[0], "to_week": weeks[-1]}
        for group_by in GroupBy:
            served = await read(
                gateway,
                f"/api/oversight/metrics?group_by={group_by.value}"
                f"&from_week={window['from_week']}&to_week={window['to_week']}",
                "leader_city",
            )
            expected = [m.model_dump(mode="json") for m in aggregate(tasks, cases, group_by)]
            if served["data"] != expected:
                return None
        return tasks

    tasks = await eventually(agree, timeout=60, interval=1, what="metrics equal to the recompute")
    assert len(tasks) >= 5
    assert any(t.max_escalation_level >= 1 for t in tasks)
    assert any(t.rework_count >= 1 for t in tasks)
    assert {t.end_state for t in tasks} >= {"closed", "reassigned"}
