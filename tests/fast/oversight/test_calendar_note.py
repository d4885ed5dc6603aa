"""Leaders see when the working calendar's loaded years are about to run out (clock: 23 Nov 2026)."""

from __future__ import annotations

from tests.fast.support import bearer
from tests.support.calendar import loaded_2027


def test_the_metrics_warn_until_next_year_is_loaded(api):
    reply = api.get("/metrics?group_by=department", headers=bearer("leader_city"))
    assert reply.status_code == 200
    assert reply.json()["calendar"] == (
        "warning: 工作日历仅载入至 2026-12-31，请载入 2027 年 "
        "(working calendar loaded up to 2026-12-31; load 2027)"
    )
    api.app.state.calendar.apply(loaded_2027())
    reply = api.get("/metrics?group_by=department", headers=bearer("township_dongtang"))
    assert reply.json()["calendar"].startswith("ok: 工作日历已载入至 2027-12-31")
