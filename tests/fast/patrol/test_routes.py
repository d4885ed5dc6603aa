"""Patrol's routes through TestClient: status codes, scope and the shape of answers."""

from __future__ import annotations

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
