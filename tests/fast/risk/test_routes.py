"""Risk's route through TestClient: status codes, scope and the shape of the answer."""

from __future__ import annotations

from tests.fast.risk.test_use_cases import recorded, violation
from tests.fast.support import bearer

SIGNALS = "/institutions/inst-1/signals"


def test_a_district_officer_reads_the_signals_of_an_institution_in_their_district(api, uow):
    recorded(uow, violation())
    reply = api.get(SIGNALS, headers=bearer("district_yuhua"))
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["count"] == 1
    [signal] = body["data"]
    assert (signal["signal_id"], signal["kind"], signal["source"], signal["township"]) == (
        "v-1",
        "compliance.training_hours",
        "/services/institutions",
        "dongtang",
    )
    assert (signal["occurred_at"], signal["received_at"]) == (
        "2026-11-23T01:00:00Z",
        "2026-11-23T02:00:00Z",
    )


def test_another_districts_officer_sees_none(api, uow):
    recorded(uow, violation())
    reply = api.get(SIGNALS, headers=bearer("edu_officer_furong"))
    assert (reply.status_code, reply.json()) == (200, {"data": [], "count": 0})


def test_refusals_map_to_their_status(api):
    assert api.get(SIGNALS).status_code == 401
    assert api.get(SIGNALS, headers=bearer("not_a_user")).status_code == 401
    refused = api.get(SIGNALS, headers=bearer("grid_dongtang"))
    assert refused.status_code == 403 and "requires one of the roles" in refused.json()["detail"]
    assert api.get(f"{SIGNALS}?limit=0", headers=bearer("leader_city")).status_code == 422
    assert api.get(f"{SIGNALS}?offset=-1", headers=bearer("leader_city")).status_code == 422
