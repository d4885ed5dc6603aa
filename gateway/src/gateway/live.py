"""Live updates: `GET /live` streams case and incident events (server-sent events) to the console.

One Kafka consumer per gateway reads `enforcement.cases` and `patrol.incidents` (no consumer
group: every gateway instance reads every partition) and fans each event out to the connected
callers allowed to see it, by the same rules the services read with
(`govkit.principal.task_scope`, `case_in_scope`, `incident_scope`). Most case events name only
the case (and the department), so the feed remembers each case's jurisdiction from the events
that carry it (the report, the dispatch). It reads both topics from their beginning to learn
the cases already open, and sends only what happens after the gateway started.

A message is small: the console fetches the details through the API.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import jwt
from aiokafka import AIOKafkaConsumer
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import StreamingResponse

from contracts.topics import ENFORCEMENT_CASES, PATROL_INCIDENTS
from gateway.settings import GatewaySettings
from govkit.auth import PrincipalDep
from govkit.principal import Principal, case_in_scope, incident_scope, task_scope

log = logging.getLogger(__name__)

INCIDENT_REPORTED = "gov.patrol.IncidentReported.v1"
# What a message says: enough to know what to re-fetch, nothing a list would not show.
SHOWN = ("case_id", "task_id", "department")
# A caller this far behind is cut off; the console reconnects and re-fetches.
BACKLOG = 1000
RECONNECT_SECONDS = 5


@dataclass
class CaseSeen:
    """Where a case lies, learned from the events that say so; None until one did."""

    district: str | None = None
    township: str | None = None
    grid: str | None = None
    reporter: str | None = None
    departments: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Row:
    """A case or one of its tasks as the scope rules read it."""

    district: str | None
    township: str | None
    grid: str | None
    reporter: str | None
    department: str | None = None


@dataclass(frozen=True)
class LiveEvent:
    type: str
    data: dict[str, Any]
    case: Row
    tasks: tuple[Row, ...]
    task: Row | None  # set when the event is about one department's task

    def visible_to(self, principal: Principal) -> bool:
        if self.type == INCIDENT_REPORTED:
            return incident_scope(principal).admits(self.case)
        if self.task is not None:
            return task_scope(principal).admits(self.task)
        return case_in_scope(task_scope(principal), self.case, self.tasks)

    def to_sse(self) -> str:
        return f"event: {self.type}\ndata: {json.dumps(self.data, ensure_ascii=False)}\n\n"


class CaseIndex:
    """Each case's jurisdiction and departments, folded from the events as they pass."""

    def __init__(self) -> None:
        self._cases: dict[str, CaseSeen] = {}

    def fold(self, event_type: str, time: str, data: dict[str, Any]) -> LiveEvent | None:
        """Remember what the event says about its case; None for an event about no case."""
        case_id = data.get("case_id") or data.get("incident_id")
        if not isinstance(case_id, str):
            return None
        seen = self._cases.setdefault(case_id, CaseSeen())
        for name in ("district", "township", "grid", "reporter"):
            if data.get(name):
                setattr(seen, name, data[name])
        department = data.get("department")
        if department:
            seen.departments.add(department)
        case = Row(seen.district, seen.township, seen.grid, seen.reporter)
        shown = {name: data[name] for name in SHOWN if data.get(name) is not None}
        return LiveEvent(
            type=event_type,
            data={"case_id": case_id} | shown | {"type": event_type, "occurred_at": time},
            case=case,
            tasks=tuple(_task_row(case, d) for d in sorted(seen.departments)),
            task=_task_row(case, department) if department else None,
        )


def _task_row(case: Row, department: str) -> Row:
    return Row(case.district, case.township, case.grid, case.reporter, department)


class LiveFeed:
    """The gateway's one consumer and the queues of the callers connected to /live."""

    def __init__(self, settings: GatewaySettings) -> None:
        self._settings = settings
        self._index = CaseIndex()
        self._listeners: dict[asyncio.Queue[LiveEvent | None], Principal] = {}

    def listen(self, principal: Principal) -> asyncio.Queue[LiveEvent | None]:
        queue: asyncio.Queue[LiveEvent | None] = asyncio.Queue(BACKLOG)
        self._listeners[queue] = principal
        return queue

    def leave(self, queue: asyncio.Queue[LiveEvent | None]) -> None:
        self._listeners.pop(queue, None)

    def publish(self, event: LiveEvent) -> None:
        for queue, principal in list(self._listeners.items()):
            if not event.visible_to(principal):
                continue
            if queue.full():  # too slow: end its stream rather than drop events silently
                self.leave(queue)
                queue.get_nowait()
                queue.put_nowait(None)
            else:
                queue.put_nowait(event)

    def take(self, raw: bytes | None, timestamp_ms: int, started_ms: int) -> None:
        """Fold one Kafka message; send it on if it happened after the gateway started."""
        try:
            envelope = json.loads(raw or b"")
            event = self._index.fold(envelope["type"], envelope["time"], envelope["data"])
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("live: skipped an unreadable message: %s", exc)
            return
        if event is not None and timestamp_ms >= started_ms:
            self.publish(event)

    async def run(self) -> None:
        """Read both topics from their beginning for as long as the gateway runs; retry if down."""
        started_ms = int(time.time() * 1000)
        topics = [
            self._settings.topic_prefix + t.name for t in (ENFORCEMENT_CASES, PATROL_INCIDENTS)
        ]
        while True:
            consumer = AIOKafkaConsumer(
                *topics,
                bootstrap_servers=self._settings.kafka_bootstrap,
                client_id="gateway-live",
                group_id=None,
                auto_offset_reset="earliest",
                enable_auto_commit=False,
            )
            try:
                await consumer.start()
                async for message in consumer:
                    self.take(message.value, message.timestamp, started_ms)
            except Exception as exc:  # Kafka away: the stream stays open, only quiet
                log.warning("live: Kafka consumer stopped (%s); retrying", exc)
            finally:
                await consumer.stop()
            # Read again from the beginning; what happened since the start is sent again (a
            # message only asks to re-read, so twice is harmless where never would not be).
            self._index = CaseIndex()
            await asyncio.sleep(RECONNECT_SECONDS)


def live_router(settings: GatewaySettings) -> APIRouter:
    feed = LiveFeed(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        reading = asyncio.create_task(feed.run())
        yield
        reading.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reading

    router = APIRouter(lifespan=lifespan)

    @router.get(
        "/live",
        summary="Case and incident events the caller may see, as server-sent events",
        response_class=StreamingResponse,
    )
    async def live(principal: PrincipalDep, request: Request) -> StreamingResponse:
        """`Authorization: Bearer …` as on every call (use fetch streaming, not EventSource).

        The stream ends when the token expires: reconnect with a fresh one."""
        expires_at = _expiry(request)
        queue = feed.listen(principal)
        return StreamingResponse(
            event_stream(feed, queue, settings.live_heartbeat_seconds, expires_at),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return router


def _expiry(request: Request) -> float:
    """When the caller's token (already verified) expires, in seconds since the epoch."""
    token = request.headers["authorization"].partition(" ")[2]
    return float(jwt.decode(token, options={"verify_signature": False})["exp"])


async def event_stream(
    feed: LiveFeed,
    queue: asyncio.Queue[LiveEvent | None],
    heartbeat_seconds: float,
    expires_at: float,
) -> AsyncIterator[str]:
    """A comment at once (the stream is open), then events, and a comment when idle, until
    the token expires: what a caller may see is decided again with their next token."""
    try:
        yield ": connected\n\n"
        while (left := expires_at - time.time()) > 0:
            try:
                event = await asyncio.wait_for(queue.get(), min(heartbeat_seconds, left))
            except TimeoutError:
                yield ": heartbeat\n\n"
                continue
            if event is None:
                yield ": too far behind; reconnect and re-fetch\n\n"
                return
            yield event.to_sse()
        yield ": token expired; reconnect with a fresh token\n\n"
    finally:
        feed.leave(queue)
