"""A token speaks for a person only when issued to a client people sign in through; a machine
client's token counts only when its service account holds a machine role (a bank's)."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.support.tokens import bearer, client_token

pytestmark = pytest.mark.e2e

SERVICES_CLIENT = ("services", "local-services-secret")
BANK = ("bank-changsha", "local-bank-changsha-secret")


@pytest.mark.parametrize(
    ("target", "path"),
    [
        ("gateway", "/api/enforcement/tasks"),
        ("gateway", "/api/workflows/calendar/years"),
        ("enforcement", "/tasks"),
        ("workflows", "/calendar/years"),
    ],
)
async def test_the_backend_clients_token_is_refused_everywhere(platform, target, path):
    base = platform.gateway_url if target == "gateway" else getattr(platform, f"{target}_url")
    token = client_token(*SERVICES_CLIENT)
    async with httpx.AsyncClient(timeout=30) as client:
        reply = await client.get(base + path, headers={"Authorization": f"Bearer {token}"})
    assert reply.status_code == 401, reply.text
    detail = reply.json()["detail"]
    assert "token issued to client 'services'" in detail
    assert "console" in detail and "bank" in detail


async def test_a_bank_still_reaches_risk_and_a_person_still_signs_in(gateway):
    token = client_token(*BANK)
    batch = {"batch_id": f"clients-{uuid.uuid4().hex[:8]}", "rows": []}
    sent = await gateway.post(
        "/api/risk/bank/batches", json=batch, headers={"Authorization": f"Bearer {token}"}
    )
    assert sent.status_code in (201, 422), sent.text  # risk's own answer, not the token's
    person = await gateway.get("/api/enforcement/tasks", headers=bearer("edu_officer"))
    assert person.status_code == 200
