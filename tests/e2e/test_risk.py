"""The risk exchange on the real stack: a bank batch turns an institution red and blows one
stability whistle; banks see only their own accounts; a banned operator's new institution is
found through the legal representative the registry names."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime

import httpx
import pytest

from tests.support.casework import act, task_of
from tests.support.registration import import_one
from tests.support.registry import compliant_row, subject_row
from tests.support.tokens import bearer, client_token
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e
RISK = "/api/risk"
CHANGSHA_BANK = ("bank-changsha", "local-bank-changsha-secret")
ICBC = ("bank-icbc", "local-bank-icbc-secret")


def bank(client: tuple[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {client_token(*client)}"}


async def registered(gateway: httpx.AsyncClient, row: dict[str, str]) -> str:
    """Import one row into the registry; its id once risk knows it."""
    institution = await import_one(gateway, row)
    # Risk learns of a registration behind every registry event before it on its consumer; in the
    # whole suite that includes the 5,000-row import, so this first wait is the long one.
    await profile_when(gateway, institution["institution_id"], lambda p: True, timeout=300)
    return institution["institution_id"]


async def profile_when(
    gateway, institution_id: str, ready, user: str = "district_yuhua", timeout: float = 30
) -> dict:
    async def probe():
        reply = await gateway.get(f"{RISK}/institutions/{institution_id}", headers=bearer(user))
        return reply.json() if reply.status_code == 200 and ready(reply.json()) else None

    return await eventually(probe, what=f"risk profile of {institution_id}", timeout=timeout)


def day(account: str, balance: float, on: str | None = None) -> dict:
    return {
        "account": account,
        "day": on or datetime.now(UTC).date().isoformat(),
        "balance_yuan": balance,
        "prepaid_received_yuan": 100_000,
        "lessons_delivered": 4,
        "released_yuan": 0,
        "refunds_yuan": 0,
    }


async def test_a_bank_batch_turns_an_institution_red_and_blows_one_stability_whistle(
    gateway, run_id
):
    rng = random.Random(f"risk-{run_id}")  # codes of our own, not the registry tests'
    name = f"预收爆雷学堂{run_id}"
    institution_id = await registered(
        gateway,
        subject_row(rng, name=name, address=f"爆雷路{run_id}号", fund_account=f"CS-{run_id}"),
    )
    code_row = await gateway.get(
        f"{RISK}/institutions/{institution_id}", headers=bearer("leader_city")
    )
    code, account = code_row.json()["entry"]["credit_code"], f"CS-{run_id}"
    agreement = {"credit_code": code, "bank": "changsha_bank"}
    reply = await gateway.put(
        f"{RISK}/accounts/{account}", json=agreement, headers=bearer("district_yuhua")
    )
    assert reply.status_code == 204, reply.text

    # Another bank neither reads nor reports this account.
    assert (
        await gateway.get(f"{RISK}/bank/accounts/{account}/ledger", headers=bank(ICBC))
    ).status_code == 403
    foreign = {"batch_id": f"icbc-{run_id}", "rows": [day(account, 1)]}
    refused = await gateway.post(f"{RISK}/bank/batches", json=foreign, headers=bank(ICBC))
    assert refused.status_code == 403 and "无权报送他行账户" in refused.json()["detail"]

    # A malformed batch is rejected whole: row-level errors, nothing written.
    bad = {
        "batch_id": f"bad-{run_id}",
        "rows": [day(account, 42_000), {**day(account, -5), "day": "2026-13-01"}],
    }
    rejected = await gateway.post(f"{RISK}/bank/batches", json=bad, headers=bank(CHANGSHA_BANK))
    assert rejected.status_code == 422, rejected.text
    assert {(e["row"], e["field"]) for e in rejected.json()["errors"]} == {
        (2, "day"),
        (2, "balance_yuan"),
    }
    ledger = await gateway.get(
        f"{RISK}/bank/accounts/{account}/ledger", headers=bank(CHANGSHA_BANK)
    )
    assert ledger.json()["prepaid_received_yuan"] == 0

    batch = {"batch_id": f"cs-{run_id}", "rows": [day(account, 42_000)]}
    started = asyncio.get_running_loop().time()
    accepted = await gateway.post(f"{RISK}/bank/batches", json=batch, headers=bank(CHANGSHA_BANK))
    assert accepted.status_code == 201 and accepted.json()["replayed"] is False
    red = await profile_when(gateway, institution_id, lambda p: p["entry"]["level"] == "red")
    assert asyncio.get_running_loop().time() - started < 10
    assert red["ledger"]["cover_ratio"] == 0.42
    assert red["assessment"]["reasons"][0].startswith("资金覆盖率 0.42 低于 0.5")
    assert red["assessment"]["made_by"][0] == f"bank:cs-{run_id}:{institution_id}"
    assert red["history"][0]["to_level"] == "red"
    case_id = red["entry"]["episode_id"]

    # The same batch again, a further batch and a further signal: still one whistle.
    again = await gateway.post(f"{RISK}/bank/batches", json=batch, headers=bank(CHANGSHA_BANK))
    assert again.status_code == 201 and again.json()["replayed"] is True
    later = {"batch_id": f"cs2-{run_id}", "rows": [day(account, 30_000, on="2026-01-05")]}
    assert (
        await gateway.post(f"{RISK}/bank/batches", json=later, headers=bank(CHANGSHA_BANK))
    ).status_code == 201
    hotline = {
        "rows": [
            {
                "ref": f"h-{run_id}",
                "credit_code": code,
                "occurred_at": datetime.now(UTC).isoformat(),
                "evidence": "家长集中反映退费难",
            }
        ]
    }
    assert (await act(gateway, f"{RISK}/feeds/hotline", "district_yuhua", hotline))[
        "new_signals"
    ] == 1

    police = await task_of(gateway, case_id, "public_security", "police_officer")
    assert police["case_id"] == case_id
    await asyncio.sleep(3)
    tasks = await gateway.get(
        "/api/enforcement/tasks?incident_type=institution_collapse&limit=200",
        headers=bearer("police_officer"),
    )
    cases = {
        t["case_id"]
        for t in tasks.json()["data"]
        if name in (t.get("summary") or t.get("institution_name") or "")
    }
    assert cases <= {case_id}
    final = await profile_when(gateway, institution_id, lambda p: len(p["signals"]) >= 3)
    assert final["entry"]["episode_id"] == case_id
    assert [h["to_level"] for h in final["history"]] == ["red"]


async def test_a_banned_operators_new_institution_is_linked_through_its_legal_representative(
    gateway, run_id
):
    rng = random.Random(f"{run_id}-links")
    person = f"赵{run_id}"
    banned_id = await registered(
        gateway,
        compliant_row(
            rng,
            name=f"被取缔机构{run_id}",
            address=f"旧址{run_id}",
            fund_account=f"OLD-{run_id}",
            legal_representative=person,
        ),
    )
    await act(
        gateway,
        f"/api/institutions/institutions/{banned_id}/lifecycle",
        "district_yuhua",
        {"to": "banned", "reason": "无证办学，依法取缔"},
    )
    await profile_when(
        gateway, banned_id, lambda p: any(s["kind"] == "registry.banned" for s in p["signals"])
    )

    # The same operator registers under a new name: the registry's legal representative links it.
    newcomer_id = await registered(
        gateway,
        compliant_row(
            rng,
            name=f"换壳新机构{run_id}",
            address=f"新址{run_id}",
            fund_account=f"NEW-{run_id}",
            legal_representative=person,
        ),
    )
    linked = await profile_when(gateway, newcomer_id, lambda p: p["entry"]["level"] != "green")
    assert linked["entry"]["level"] == "yellow"
    assert linked["links"] == [
        {
            "institution_id": banned_id,
            "name": f"被取缔机构{run_id}",
            "via": ["legal_representative"],
            "level": "red",
            "state": "banned",
        }
    ]
    assert linked["assessment"]["reasons"][0].startswith(
        f"link.banned: 关联机构 被取缔机构{run_id}"
    )
    # Out of area: a Furong officer sees neither the profile nor the board row.
    assert (
        await gateway.get(
            f"{RISK}/institutions/{newcomer_id}", headers=bearer("edu_officer_furong")
        )
    ).status_code == 404
