"""The grid registry through the gateway on the real stack: the demo grids the patrol migration
loads are on the map's API for townships and departments; a report outside every grid of its
township is refused naming the township; a bad grid file is refused naming the feature."""

from __future__ import annotations

import json

import pytest

from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
GRIDS = "/api/patrol/grids"


async def test_the_demo_grids_are_read_by_the_map_users(gateway):
    for user in ("township_dongtang", "district_yuhua", "edu_officer", "leader_city"):
        reply = await gateway.get(GRIDS, params={"township": "dongtang"}, headers=bearer(user))
        assert reply.status_code == 200, (user, reply.text)
        codes = [f["properties"]["code"] for f in reply.json()["features"]]
        assert codes == ["dongtang-01", "dongtang-02", "dongtang-03", "dongtang-04"], user
    everything = await gateway.get(
        GRIDS, params={"district": "yuhua"}, headers=bearer("leader_city")
    )
    assert {f["properties"]["township"] for f in everything.json()["features"]} == {
        "dongtang",
        "guitang",
    }
    refused = await gateway.get(GRIDS, headers=bearer("staff_xingchen"))
    assert refused.status_code == 403


async def test_a_report_outside_its_townships_grids_is_refused_naming_the_township(gateway):
    # In 圭塘 (guitang-01), but grid_dongtang's township is 东塘.
    elsewhere = unlicensed_school_report(location={"latitude": 28.1161, "longitude": 113.0398})
    reply = await gateway.post(
        "/api/patrol/incidents", json=elsewhere, headers=bearer("grid_dongtang")
    )
    assert reply.status_code == 422, reply.text
    detail = reply.json()["detail"]
    assert "东塘街道" in detail and "township dongtang" in detail
    assert "dongtang-01, dongtang-02, dongtang-03, dongtang-04" in detail
    inside = await gateway.post(
        "/api/patrol/incidents", json=unlicensed_school_report(), headers=bearer("grid_dongtang")
    )
    assert inside.status_code == 201, inside.text


async def test_a_bad_grid_file_is_refused_naming_the_feature_and_only_an_admin_imports(gateway):
    demo = await gateway.get(GRIDS, params={"township": "guitang"}, headers=bearer("admin_user"))
    collection = demo.json()
    collection["features"][1]["geometry"]["coordinates"][0].pop()
    upload = {"file": ("grids.geojson", json.dumps(collection), "application/geo+json")}
    reply = await gateway.post(f"{GRIDS}/import", files=upload, headers=bearer("admin_user"))
    assert reply.status_code == 422, reply.text
    assert "feature 2 (guitang-02): ring 1 is not closed" in reply.json()["detail"]
    again = await gateway.get(GRIDS, params={"township": "guitang"}, headers=bearer("admin_user"))
    assert again.json() == demo.json()
    district = await gateway.post(f"{GRIDS}/import", files=upload, headers=bearer("district_yuhua"))
    assert district.status_code == 403
