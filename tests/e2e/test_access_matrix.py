"""The authorization matrix, generated: every operation of every service the gateway routes ×
every demo user and machine client of the realm × no token, through the gateway and at the
service itself.

No token is 401 (except the public lists at their service); a role the service or the operation
does not admit is 403; nobody outside the area of a seeded case or institution gets a 2xx on it
(bar an empty listing) or finds its id in a list; nothing answers 500 (a /health may say 503).
Bodies are empty objects: an admitted caller mostly gets a 422, which is not what is asserted;
the refusals are.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter

import httpx
import pytest

from contracts.vocabulary import IncidentType
from gateway.routes import service_routes
from gateway.settings import GatewaySettings
from tests.support.access_matrix import CASE_ROLES, Caller, Operation, Seeded, callers, operations
from tests.support.registration import import_one
from tests.support.registry import compliant_row
from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer
from tests.support.waiting import eventually
from workflows.policy import load_routing_table, route

pytestmark = pytest.mark.e2e

SERVICE_ROLES = {name: route.roles for name, route in service_routes(GatewaySettings()).items()}
PLACEHOLDER = "matrix-none"
PARALLEL = 8
AREA = {"district": "yuhua", "township": "dongtang", "grid": "dongtang-01"}


async def seeded_case(gateway: httpx.AsyncClient) -> Seeded:
    """grid_dongtang's report, once every department the routing table calls has its task."""
    departments, _ = route(load_routing_table(), IncidentType.UNLICENSED_SCHOOL)
    routed = {str(department) for department in departments}
    reply = await gateway.post(
        "/api/patrol/incidents", json=unlicensed_school_report(), headers=bearer("grid_dongtang")
    )
    assert reply.status_code == 201, reply.text
    case_id = reply.json()["incident_id"]

    async def tasks():
        listing = await gateway.get(
            "/api/enforcement/tasks", params={"case_id": case_id}, headers=bearer("leader_city")
        )
        found = listing.json()["data"]
        return found if routed <= {t["department"] for t in found} else None

    on_case = await eventually(tasks, what=f"tasks of {sorted(routed)} dispatched")
    task_id = next(t["task_id"] for t in on_case if t["department"] == "education")
    return Seeded(
        case_id,
        {"case_id": case_id, "incident_id": case_id, "task_id": task_id},
        **AREA,
        departments=frozenset(t["department"] for t in on_case),
        roles=CASE_ROLES,
    )


async def seeded_institution(gateway: httpx.AsyncClient) -> Seeded:
    """A sports club in 东塘, imported by the district office."""
    row = compliant_row(random.Random())
    institution = await import_one(gateway, row)
    return Seeded(
        institution["institution_id"],
        {"institution_id": institution["institution_id"]},
        **AREA,
        unit=row["credit_code"],
    )


@pytest.fixture(scope="module")
async def seeded(platform) -> list[Seeded]:
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=30) as gateway:
        return [await seeded_case(gateway), await seeded_institution(gateway)]


async def answer(
    request: httpx.Request, client: httpx.AsyncClient, waited: Counter[str]
) -> httpx.Response:
    """The reply, after waiting out a 429 and sending again over a connection a loaded server
    dropped (every server shares this test's event loop); `waited` counts both."""
    for _ in range(3):
        try:
            reply = await client.send(request)
        except httpx.TransportError as exc:
            waited[f"connection dropped ({type(exc).__name__})"] += 1
            continue
        if reply.status_code != 429:
            return reply
        waited[reply.json()["detail"][:40]] += 1
        await asyncio.sleep(float(reply.headers["retry-after"]))
    return await client.send(request)


def empty(reply: httpx.Response) -> bool:
    """An empty collection: what a scope-filtered listing of someone else's thing shows."""
    if not reply.headers.get("content-type", "").startswith("application/json"):
        return False
    body = reply.json()
    return body == [] or (
        isinstance(body, dict) and body.get("data") == [] and body.get("count") == 0
    )


def wrong(
    op: Operation,
    who: Caller,
    via_gateway: bool,
    reply: httpx.Response,
    addressed: list[Seeded],
    seeded: list[Seeded],
    checked: Counter[str],
) -> str | None:
    """What is wrong with this answer, if anything; `checked` counts what was asserted."""
    code, principal = reply.status_code, who.principal
    checked["no 500"] += 1
    if code == 500:
        return "500: an unhandled error"
    if principal is None:
        if op.public and not via_gateway:
            return None
        checked["401 without a token"] += 1
        return None if code == 401 else f"{code}, expected 401"
    if via_gateway and not principal.has_any_role(SERVICE_ROLES[op.service]):
        checked["403 for the service's roles"] += 1
        return None if code == 403 else f"{code}, expected 403 (service roles)"
    if op.roles and not principal.has_any_role(op.roles):
        checked["403 for the operation's roles"] += 1
        return None if code == 403 else f"{code}, expected 403 (roles {sorted(op.roles)})"
    if any(thing.outside(principal) for thing in addressed):
        checked["nothing shown outside the area"] += 1
        if code < 300 and not empty(reply):
            return f"{code} showing something outside the caller's area"
        return None
    if not addressed and not op.public and op.method == "GET":
        for thing in seeded:
            if thing.outside(principal):
                checked["not listed outside the area"] += 1
                if code < 300 and thing.id in reply.text:
                    return f"{code} listing {thing.id}, outside the caller's area"
    return None


async def test_every_operation_refuses_every_caller_it_must(platform, seeded):
    people = callers()
    values = {name: value for thing in seeded for name, value in thing.parameters.items()}
    checked, waited = Counter[str](), Counter[str]()
    semaphore = asyncio.Semaphore(PARALLEL)
    # Idle connections dropped before the servers' 5 s keep-alive ends: no request on a closing one.
    limits = httpx.Limits(keepalive_expiry=2)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        ops = [
            op
            for name in SERVICE_ROLES
            for op in operations(
                name, (await client.get(f"{getattr(platform, f'{name}_url')}/openapi.json")).json()
            )
        ]

        async def call(op: Operation, caller: Caller, via_gateway: bool) -> str | None:
            path = op.addressing(values)
            addressed = [
                t for t in seeded if path and any(f"{{{n}}}" in op.path for n in t.parameters)
            ]
            base = (
                f"{platform.gateway_url}/api/{op.service}"
                if via_gateway
                else getattr(platform, f"{op.service}_url")
            )
            body = {"json": {}} if op.method in ("POST", "PUT", "PATCH") else {}
            async with semaphore:
                reply = await answer(
                    client.build_request(
                        op.method,
                        base + (path or op.placeholders(PLACEHOLDER)),
                        headers=caller.headers,
                        **body,
                    ),
                    client,
                    waited,
                )
            problem = wrong(op, caller, via_gateway, reply, addressed, seeded, checked)
            where = "gateway" if via_gateway else "service"
            return (
                problem
                and f"{op.method} {op.service}{op.path} as {caller.name} ({where}): {problem}"
            )

        started = time.perf_counter()
        results = await asyncio.gather(
            *(
                call(op, caller, via_gateway)
                for op in ops
                for caller in people
                for via_gateway in (True, False)
            )
        )
        elapsed = time.perf_counter() - started
    problems = [r for r in results if r]
    print(
        f"\nauthorization matrix: {len(ops)} operations × {len(people)} callers × 2 = "
        f"{len(results)} calls in {elapsed:.1f} s; checked {dict(checked)}; "
        f"sent again: {dict(waited)}"
    )
    assert len(ops) > 50 and len(people) > 20
    assert not problems, f"{len(problems)} wrong answers:\n" + "\n".join(problems[:40])
