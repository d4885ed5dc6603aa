"""Who may see and do what: roles, departments, jurisdictions and token checks."""

from __future__ import annotations

import time

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer, client_token, user_token
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
async def dispatched_task(platform) -> dict:
    """An education task in 雨花区 / 东塘街道, as the education officer sees it."""
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=30) as gateway:
        reply = await gateway.post(
            "/api/patrol/incidents",
            json=unlicensed_school_report(),
            headers=bearer("grid_dongtang"),
        )
        assert reply.status_code == 201, reply.text
        case_id = reply.json()["incident_id"]

        async def education_task():
            listing = await gateway.get(
                "/api/enforcement/tasks?limit=200", headers=bearer("edu_officer")
            )
            return next((t for t in listing.json()["data"] if t["case_id"] == case_id), None)

        return await eventually(education_task, what="education task dispatched")


async def test_other_departments_and_districts_do_not_see_a_task(gateway, dispatched_task):
    task_id = dispatched_task["task_id"]
    for outsider in ("fire_officer", "edu_officer_furong"):
        reply = await gateway.get(f"/api/enforcement/tasks/{task_id}", headers=bearer(outsider))
        assert reply.status_code == 404, (outsider, reply.text)
        listing = await gateway.get("/api/enforcement/tasks?limit=200", headers=bearer(outsider))
        assert task_id not in {t["task_id"] for t in listing.json()["data"]}
        reply = await gateway.post(
            f"/api/enforcement/tasks/{task_id}/acknowledge", headers=bearer(outsider)
        )
        assert reply.status_code == 404, (outsider, reply.text)
    reply = await gateway.get(f"/api/enforcement/tasks/{task_id}", headers=bearer("edu_officer"))
    assert reply.status_code == 200


async def test_grid_worker_sees_own_reports_only(gateway, dispatched_task):
    case_id = dispatched_task["case_id"]
    mine = await gateway.get(f"/api/patrol/incidents/{case_id}", headers=bearer("grid_dongtang"))
    theirs = await gateway.get(f"/api/patrol/incidents/{case_id}", headers=bearer("grid_guitang"))
    other_township = await gateway.get(
        f"/api/patrol/incidents/{case_id}", headers=bearer("township_guitang")
    )
    own_township = await gateway.get(
        f"/api/patrol/incidents/{case_id}", headers=bearer("township_dongtang")
    )
    assert [r.status_code for r in (mine, theirs, other_township, own_township)] == [
        200,
        404,
        404,
        200,
    ]


def _forged_token(real_token: str) -> str:
    """Same claims and key id as a real token, signed with a key Keycloak never issued."""
    claims = jwt.decode(real_token, options={"verify_signature": False})
    header = jwt.get_unverified_header(real_token)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": header["kid"]})


async def _expired_token() -> str:
    token = user_token("edu_officer", client_id="console-short-lived")
    expiry = jwt.decode(token, options={"verify_signature": False})["exp"]

    async def past_expiry():
        return time.time() > expiry + 1

    await eventually(past_expiry, timeout=30, what="short-lived token to expire")
    return token


@pytest.mark.parametrize("target", ["gateway", "service"])
async def test_bad_tokens_are_unauthorized(platform, target):
    base = (
        platform.gateway_url + "/api/enforcement"
        if target == "gateway"
        else (platform.enforcement_url)
    )
    tokens = {
        "missing": None,
        "forged": _forged_token(user_token("edu_officer")),
        "wrong audience": client_token("outsider", "local-outsider-secret"),
        "expired": await _expired_token(),
        "garbage": "not-a-jwt",
    }
    async with httpx.AsyncClient(timeout=30) as client:
        for name, token in tokens.items():
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            reply = await client.get(f"{base}/tasks", headers=headers)
            assert reply.status_code == 401, (name, reply.text)
            assert reply.headers["www-authenticate"].startswith("Bearer")


async def test_malformed_report_names_the_field_and_what_is_accepted(gateway):
    async def reports_so_far() -> int:
        listing = await gateway.get("/api/patrol/incidents", headers=bearer("grid_dongtang"))
        return listing.json()["count"]

    before = await reports_so_far()
    reply = await gateway.post(
        "/api/patrol/incidents",
        json=unlicensed_school_report(incident_type="noise", location={"latitude": 200}),
        headers=bearer("grid_dongtang"),
    )
    assert reply.status_code == 422
    problems = {tuple(p["loc"]): p["msg"] for p in reply.json()["detail"]}
    assert "unlicensed_school" in problems[("body", "incident_type")]
    assert "less than or equal to 90" in problems[("body", "location", "latitude")]
    assert problems[("body", "location", "longitude")] == "Field required"
    assert await reports_so_far() == before
