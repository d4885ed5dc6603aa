"""Risk's routes through TestClient: status codes, scope and the shape of the answer."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from risk.api.signals import XLSX
from risk.service.board import RED_LIST_COLUMNS
from tests.fast.risk.test_use_cases import (
    CODE,
    day,
    recorded,
    registered,
    sent,
    violation,
)
from tests.fast.support import bearer

SIGNALS = "/institutions/inst-1/signals"
CHANGSHA_BANK, ICBC = "service-account-bank-changsha", "service-account-bank-icbc"


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
    assert (reply.status_code, reply.json()) == (
        200,
        {"data": [], "count": 0, "count_capped": False},
    )


def test_refusals_map_to_their_status(api):
    assert api.get(SIGNALS).status_code == 401
    assert api.get(SIGNALS, headers=bearer("not_a_user")).status_code == 401
    refused = api.get(SIGNALS, headers=bearer("grid_dongtang"))
    assert refused.status_code == 403 and "requires one of the roles" in refused.json()["detail"]
    assert api.get(f"{SIGNALS}?limit=0", headers=bearer("leader_city")).status_code == 422
    assert api.get(f"{SIGNALS}?offset=-1", headers=bearer("leader_city")).status_code == 422


def test_a_banks_batch_for_an_account_at_another_bank_is_refused(api, watched):
    batch = {"batch_id": "icbc-1", "rows": [day(balance=42_000)]}
    refused = api.post("/bank/batches", json=batch, headers=bearer(ICBC))
    assert refused.status_code == 403 and "无权报送他行账户" in refused.json()["detail"]
    ledger = api.get("/bank/accounts/acct-1/ledger", headers=bearer(ICBC))
    assert ledger.status_code == 403
    assert watched.commits == 2 and watched.repo.batch("icbc-1") is None  # register, agree
    assert (
        api.post("/bank/batches", json=batch, headers=bearer("district_yuhua")).status_code == 403
    )


def test_a_malformed_batch_is_rejected_whole_with_row_level_errors(api, watched):
    bad = {"rows": [day(balance=42_000), {**day(balance=-5), "day": "2026-13-01", "x": 1}]}
    reply = api.post(
        "/bank/batches", json={"batch_id": "b-1", **bad}, headers=bearer(CHANGSHA_BANK)
    )
    assert reply.status_code == 422, reply.text
    assert reply.json()["detail"].startswith("批次有 3 处错误")
    assert [(e["row"], e["field"]) for e in reply.json()["errors"]] == [
        (2, "day"),
        (2, "balance_yuan"),
        (2, "x"),
    ]
    assert watched.commits == 2 and watched.repo.batch("b-1") is None
    assert watched.repo.institution("inst-1").prepaid_received_yuan == 0
    ledger = api.get("/bank/accounts/acct-1/ledger", headers=bearer(CHANGSHA_BANK))
    assert (ledger.status_code, ledger.json()["prepaid_received_yuan"]) == (200, 0)


def test_the_board_filters_within_the_readers_area(api, watched):
    registered(watched, "inst-2", "91430111MA4L000002", name="桂塘学堂", township="guitang")
    registered(watched, "inst-3", "91430102MA4L000003", name="芙蓉学堂", district="furong")
    sent(watched, "b-1", day(balance=42_000))

    def board(user: str, **params) -> list[str]:
        reply = api.get("/institutions", params=params, headers=bearer(user))
        assert reply.status_code == 200, reply.text
        return sorted(row["institution_id"] for row in reply.json()["data"])

    assert board("district_yuhua") == ["inst-1", "inst-2"]
    assert board("district_yuhua", level="red", bank="changsha_bank") == ["inst-1"]
    assert board("district_yuhua", township="guitang") == ["inst-2"]
    assert board("edu_officer_furong") == ["inst-3"]
    assert board("edu_officer_furong", district="yuhua") == []
    assert board("district_yuhua", limit=1, offset=1) == ["inst-2"]  # paged like every list
    assert api.get("/institutions/inst-1", headers=bearer("edu_officer_furong")).status_code == 404
    profile = api.get("/institutions/inst-1", headers=bearer("township_dongtang")).json()
    assert (profile["entry"]["level"], profile["ledger"]["cover_ratio"]) == ("red", 0.42)
    assert api.get("/institutions?level=purple", headers=bearer("leader_city")).status_code == 422
    assert api.get("/institutions", headers=bearer(CHANGSHA_BANK)).status_code == 403


def test_the_districts_red_list_opens_as_a_sheet(api, watched):
    registered(watched, "inst-3", "91430102MA4L000003", name="芙蓉学堂", district="furong")
    sent(watched, "b-1", day(balance=42_000))
    reply = api.get("/red-list.xlsx", headers=bearer("district_yuhua"))
    assert reply.status_code == 200 and reply.headers["content-type"] == XLSX
    sheet = load_workbook(BytesIO(reply.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == RED_LIST_COLUMNS
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [(CODE, "启航学堂", "changsha_bank")]
    assert rows[1][6].startswith("资金覆盖率 0.42 低于 0.5")
    furong = api.get("/red-list.xlsx", headers=bearer("edu_officer_furong"))
    assert list(load_workbook(BytesIO(furong.content)).active.iter_rows(values_only=True)) == [
        RED_LIST_COLUMNS
    ]
