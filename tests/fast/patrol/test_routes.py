"""Patrol's routes through TestClient: status codes, scope and the shape of answers."""

from __future__ import annotations

import json

from tests.fast.support import bearer

REPORT = {
    "incident_type": "out_of_hours_training",
    "description": "周六晚九点仍在补课",
    "location": {"latitude": 28.1, "longitude": 113.0},
    "institution_name": "启航学堂",
    "institution_address": "雨花区东塘街道1号",
}


def test_a_grid_worker_reports_and_reads_it_back(api, uow):
    created = api.post("/incidents", json=REPORT, headers=bearer("grid_dongtang"))
    assert created.status_code == 201, created.text
    incident_id = created.json()["incident_id"]
    assert api.get(f"/incidents/{incident_id}", headers=bearer("grid_dongtang")).status_code == 200
    listed = api.get("/incidents", headers=bearer("township_dongtang")).json()
    assert listed["count"] == 1 and listed["data"][0]["incident_id"] == incident_id
    assert len(uow.committed) == 1


def test_refusals_map_to_their_status(api, uow):
    assert api.post("/incidents", json=REPORT).status_code == 401
    assert api.post("/incidents", json=REPORT, headers=bearer("edu_officer")).status_code == 403
    too_much = {**REPORT, "severity": "urgent"}
    refused = api.post("/incidents", json=too_much, headers=bearer("grid_dongtang"))
    assert refused.status_code == 422 and "township" in refused.json()["detail"]
    assert api.post("/incidents", json={}, headers=bearer("grid_dongtang")).status_code == 422
    assert uow.committed == []


def test_another_townships_incident_is_not_found(api):
    incident_id = api.post("/incidents", json=REPORT, headers=bearer("grid_dongtang")).json()[
        "incident_id"
    ]
    missing = api.get(f"/incidents/{incident_id}", headers=bearer("township_guitang"))
    assert missing.status_code == 404 and incident_id in missing.json()["detail"]


def test_paging_is_bounded(api):
    too_far = api.get("/incidents?offset=99999999999", headers=bearer("leader_city"))
    assert too_far.status_code == 422
    assert api.get("/leads?limit=0", headers=bearer("leader_city")).status_code == 422
    assert api.get("/leads?status=open", headers=bearer("grid_dongtang")).json()["count"] == 0


def test_a_description_is_long_enough_when_it_says_something_in_either_script(api, uow):
    for enough in ("周末补课", "补课", "无证 class", "fraud", "Weekend tutoring at No. 3"):
        reply = api.post(
            "/incidents", json={**REPORT, "description": enough}, headers=bearer("grid_dongtang")
        )
        assert reply.status_code == 201, (enough, reply.text)
        assert reply.json()["description"] == enough.strip()
    for too_little in ("课", "test", "12345", "!!!!!!", "  补  ", "补 abc"):
        reply = api.post(
            "/incidents",
            json={**REPORT, "description": too_little},
            headers=bearer("grid_dongtang"),
        )
        assert reply.status_code == 422, too_little
        [error] = reply.json()["detail"]
        assert error["loc"] == ["body", "description"]
        assert "2 Chinese characters (汉字) or 5 letters" in error["msg"]
    assert len(uow.committed) == 5


def test_a_report_sent_again_under_its_key_is_made_once(api, uow):
    """The console's offline queue may send a report twice when a reply is lost on the way."""
    key = {"Idempotency-Key": "0b6e4c2a-9d1f-4e7a-8c3b-5a2f1e0d9c8b"}
    first = api.post("/incidents", json=REPORT, headers=bearer("grid_dongtang") | key)
    again = api.post("/incidents", json=REPORT, headers=bearer("grid_dongtang") | key)
    assert first.status_code == again.status_code == 201
    assert again.json()["incident_id"] == first.json()["incident_id"]
    assert api.get("/incidents", headers=bearer("grid_dongtang")).json()["count"] == 1
    assert len(uow.committed) == 1

    other = {**REPORT, "description": "另一处周末补课"}
    reused = api.post("/incidents", json=other, headers=bearer("grid_dongtang") | key)
    assert reused.status_code == 409 and "Idempotency-Key" in reused.json()["detail"]
    someone_else = api.post("/incidents", json=REPORT, headers=bearer("grid_guitang") | key)
    assert someone_else.status_code == 201
    bad = api.post(
        "/incidents", json=REPORT, headers=bearer("grid_dongtang") | {"Idempotency-Key": "x"}
    )
    assert bad.status_code == 422 and "Idempotency-Key" in bad.text


def test_a_report_outside_every_grid_of_its_township_is_refused_by_name(api, uow):
    api.post("/grids/import", files=GRID_FILE, headers=bearer("admin_user")).raise_for_status()
    outside = api.post("/incidents", json=REPORT, headers=bearer("grid_dongtang"))
    assert outside.status_code == 422
    assert "东塘街道" in outside.json()["detail"] and "dongtang-01" in outside.json()["detail"]
    inside = {**REPORT, "location": {"latitude": 28.05, "longitude": 113.05}}
    assert api.post("/incidents", json=inside, headers=bearer("grid_dongtang")).status_code == 201
    # 圭塘 has no grids yet: its reports are not checked.
    assert api.post("/incidents", json=REPORT, headers=bearer("grid_guitang")).status_code == 201
    assert len(uow.committed) == 2


def test_only_an_admin_imports_grids_and_the_map_reads_them(api):
    for user, status in {
        "district_yuhua": 403,
        "township_dongtang": 403,
        "admin_user": 200,
    }.items():
        reply = api.post("/grids/import", files=GRID_FILE, headers=bearer(user))
        assert reply.status_code == status, (user, reply.text)
    assert reply.json() == {"imported": 1, "townships": ["dongtang"]}
    for reader in ("township_dongtang", "edu_officer", "leader_city", "grid_guitang"):
        read = api.get("/grids?township=dongtang", headers=bearer(reader))
        assert read.status_code == 200, reader
        [grid] = read.json()["features"]
        assert grid["properties"]["code"] == "dongtang-01" and grid["geometry"]["type"] == "Polygon"
    assert (
        api.get("/grids?township=guitang", headers=bearer("leader_city")).json()["features"] == []
    )
    assert api.get("/grids", headers=bearer("staff_xingchen")).status_code == 403


def test_a_bad_grid_file_is_refused_naming_the_feature_and_changes_nothing(api, uow):
    api.post("/grids/import", files=GRID_FILE, headers=bearer("admin_user")).raise_for_status()
    unclosed = json.loads(GRID_FILE["file"][1])
    unclosed["features"][0]["geometry"]["coordinates"][0].pop()
    for content, said in (
        (json.dumps(unclosed), "feature 1 (dongtang-01): ring 1 is not closed"),
        ("{not json", "not a UTF-8 JSON file"),
    ):
        reply = api.post(
            "/grids/import",
            files={"file": ("grids.geojson", content, "application/geo+json")},
            headers=bearer("admin_user"),
        )
        assert reply.status_code == 422 and said in reply.json()["detail"], reply.text
        assert "accepted: a GeoJSON FeatureCollection" in reply.json()["detail"]
    assert len(uow.repo.grids("yuhua", "dongtang")) == 1


DONGTANG_SQUARE = [[113.0, 28.0], [113.1, 28.0], [113.1, 28.1], [113.0, 28.1], [113.0, 28.0]]
GRID_FILE = {
    "file": (
        "grids.geojson",
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {
                            "district": "yuhua",
                            "township": "dongtang",
                            "township_name": "东塘街道",
                            "code": "dongtang-01",
                            "name": "东塘第一网格",
                        },
                        "geometry": {"type": "Polygon", "coordinates": [DONGTANG_SQUARE]},
                    }
                ],
            }
        ),
        "application/geo+json",
    )
}
