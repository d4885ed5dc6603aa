"""The leadership metrics equal a recompute from the real case timelines enforcement serves.

Runs after the whistle tests in the same session, so the timelines hold escalations, a
dispute, a reassignment, a pause, rework and closures produced by the real workflow.
"""

from __future__ import annotations

import pytest

from oversight.domain.metrics import GroupBy, aggregate
from tests.support.casework import read, recompute_from_timelines
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e


async def test_served_metrics_equal_a_recompute_from_the_case_timelines(gateway):
    async def agree():
        tasks, cases = await recompute_from_timelines(gateway)
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
