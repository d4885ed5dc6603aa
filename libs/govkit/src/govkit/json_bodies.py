"""JSON request bodies checked for their shape before the framework reads them.

A few megabytes of JSON with 200,000 unknown keys cost FastAPI seconds of work on the event
loop, listing one error per key. A body larger than `CHECKED_FROM_BYTES` is parsed once in a
worker thread first; an object with more than `MAX_KEYS` keys is refused with a 422 there, as is one nested too deep to parse.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CHECKED_FROM_BYTES = 64 * 1024
MAX_KEYS = 1_000


class TooManyKeys(ValueError):
    pass


def _counted(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len(pairs) > MAX_KEYS:
        raise TooManyKeys(len(pairs))
    return dict(pairs)


def check_shape(body: bytes) -> str | None:
    """What is wrong with the shape of this JSON body, or None (bad JSON is the framework's)."""
    try:
        json.loads(body, object_pairs_hook=_counted)
    except TooManyKeys as exc:
        return (
            f"JSON 对象的键过多 (an object with {exc.args[0]} keys; accepted: at most {MAX_KEYS})"
        )
    except RecursionError:
        return "JSON 嵌套过深 (nested deeper than the parser allows; accepted: a flat document)"
    except ValueError:
        return None
    return None


class JsonShapeGuard:
    """ASGI middleware: large JSON bodies are checked off the event loop before the app runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                await self.app(scope, _replay([message], receive), send)
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if len(body) >= CHECKED_FROM_BYTES:
            problem = await asyncio.to_thread(check_shape, body)
            if problem is not None:
                refusal = {"detail": [{"type": "json_shape", "loc": ["body"], "msg": problem}]}
                await JSONResponse(refusal, status_code=422)(scope, receive, send)
                return
        await self.app(scope, _replay([{"type": "http.request", "body": body}], receive), send)


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            return b"json" in value.lower()
    return False


def _replay(messages: list[Message], then: Receive) -> Receive:
    """`messages` first, then whatever the client sends next (its disconnect)."""
    pending = list(messages)

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        return await then()

    return receive
