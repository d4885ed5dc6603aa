"""Oversight's route through TestClient: status codes, scope and bad queries."""

from __future__ import annotations

import pytest

from contracts.vocabulary import Department
from tests.fast.oversight.test_use_cases import dispatched, folded
from tests.fast.support import bearer


def test_a_township_sees_its_own_row_equal_to_the_citys_row_for_it(api, uow):
    folded(uow, dispatched("c1"), dispatched("c2", Department.FIRE_SAFETY, township="guitang"))
    city = api.get("/metrics?group_by=township", headers=bearer("leader_city"))
    own = api.get("/metrics?group_by=township", headers=bearer("township_guitang"))
    assert (city.status_code, own.status_code) == (200, 200)
    assert [row["group"] for row in city.json()["data"]] == ["dongtang", "guitang"]
    assert own.json()["data"] == [city.json()["data"][1]]
    body = own.json()
    assert (body["group_by"], body["scope"], body["count"]) == (
        "township",
        {"district": "yuhua", "township": "guitang"},
        1,
    )
    assert body["total"]["cases"] == {
        "total": 1,
        "open": 1,
        "closed": 0,
        "overdue": 0,
        "escalated": 0,
    }
    assert body["data"][0]["response_rate"] == {
        "numerator": 0,
        "denominator": 1,
        "value": 0.0,
    }


def test_refusals_map_to_their_status(api):
    assert api.get("/metrics?group_by=week").status_code == 401
    for user in ("grid_dongtang", "edu_officer", "inspector_yuhua"):
        refused = api.get("/metrics?group_by=week", headers=bearer(user))
        assert refused.status_code == 403, user
        assert "requires one of the roles" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("params", "field", "says"),
    [
        ({"group_by": "district"}, "group_by", "'department', 'township' or 'week'"),
        ({}, "group_by", "Field required"),
        ({"group_by": "week", "district": ""}, "district", "at least 1 character"),
        ({"group_by": "week", "from_week": "2026-W60"}, "from_week", "expected YYYY-Www"),
        ({"group_by": "week", "to_week": "2025-W53"}, "to_week", "expected YYYY-Www"),
        (
            {"group_by": "week", "from_week": "2026-W48", "to_week": "2026-W47"},
            "to_week",
            "expected from_week <= to_week",
        ),
        ({"group_by": "week", "opened_from": "23/11/2026"}, "opened_from", "expected YYYY-MM-DD"),
        (
            {"group_by": "week", "opened_from": "2026-11-30", "opened_to": "2026-11-23"},
            "opened_to",
            "expected opened_from <= opened_to",
        ),
        ({"group_by": "week", "department": "police"}, "department", "'education'"),
        ({"group_by": "week", "incident_type": "noise"}, "incident_type", "'fire_hazard'"),
    ],
)
def test_bad_queries_name_the_parameter_and_what_is_accepted(api, params, field, says):
    reply = api.get("/metrics", params=params, headers=bearer("leader_city"))
    assert reply.status_code == 422, reply.text
    [problem] = reply.json()["detail"]
    assert (problem["loc"], says in problem["msg"]) == (["query", field], True), problem
