"""Reading and acting on cases and tasks through the gateway, as the users would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import reduce

import httpx

from contracts.events import parse_data
from oversight.domain.facts import CaseFacts, Facts, TaskFacts, evolve
from tests.support.tokens import bearer
from tests.support.waiting import eventually


async def read(client: httpx.AsyncClient, path: str, user: str) -> dict | list | None:
    reply = await client.get(path, headers=bearer(user))
    return reply.json() if reply.status_code == 200 else None


async def act(client: httpx.AsyncClient, path: str, user: str, body: dict | None = None) -> dict:
    """POST that must succeed; the reply body is returned."""
    reply = await client.post(path, json=body, headers=bearer(user))
    assert reply.status_code in (200, 201, 202), (
        f"{path} as {user}: {reply.status_code} {reply.text}"
    )
    return reply.json()


async def task_of(client: httpx.AsyncClient, case_id: str, department: str, officer: str) -> dict:
    """The department's task on the case, once the whistle has dispatched it."""

    async def probe():
        listing = await read(client, "/api/enforcement/tasks?limit=200", officer) or {}
        return next(
            (
                t
                for t in listing.get("data", [])
                if t["case_id"] == case_id and t["department"] == department
            ),
            None,
        )

    return await eventually(probe, what=f"{department} task on case {case_id}")


async def timeline_kinds(client: httpx.AsyncClient, case_id: str, user: str) -> list[str]:
    entries = await read(client, f"/api/enforcement/cases/{case_id}/timeline", user) or []
    return [entry["event_type"].split(".")[2] for entry in entries]


async def until_in_timeline(client, case_id: str, kind: str, user: str, *, timeout: float = 30):
    async def probe():
        kinds = await timeline_kinds(client, case_id, user)
        return kinds if kind in kinds else None

    return await eventually(probe, timeout=timeout, what=f"{kind} in the timeline of {case_id}")


async def case_when(client: httpx.AsyncClient, case_id: str, user: str, what: str, ready) -> dict:
    """The case as `user` reads it, once `ready(case)` holds."""

    async def probe():
        case = await read(client, f"/api/enforcement/cases/{case_id}", user)
        return case if case and ready(case) else None

    return await eventually(probe, what=f"{what} on case {case_id}")


async def every_case(client: httpx.AsyncClient, user: str, page: int = 200) -> AsyncIterator[dict]:
    """Every case `user` may read, page by page (a whole session holds more than one page)."""
    offset = 0
    while True:
        listing = await read(client, f"/api/enforcement/cases?limit={page}&offset={offset}", user)
        assert listing is not None, f"the case list did not answer {user} at offset {offset}"
        for case in listing["data"]:
            yield case
        offset += page
        if offset >= listing["count"]:
            return


async def recompute_from_timelines(
    client: httpx.AsyncClient,
) -> tuple[list[TaskFacts], dict[str, CaseFacts]]:
    """Every case's timeline as enforcement serves it, folded as oversight folds, no database."""
    tasks, cases = [], {}
    async for case in every_case(client, "leader_city"):
        if case["case_id"] in cases:  # a case opened meanwhile moved the pages by one
            continue
        timeline = await read(
            client, f"/api/enforcement/cases/{case['case_id']}/timeline", "leader_city"
        )
        events = [parse_data(entry["event_type"], entry["data"]) for entry in timeline]
        facts = reduce(evolve, events, Facts())
        tasks.extend(facts.tasks.values())
        cases[case["case_id"]] = facts.case
    return tasks, cases
