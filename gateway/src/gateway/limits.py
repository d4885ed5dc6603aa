"""Rate limits per caller IP and per user (token buckets, in this process) and the body limit.

A refusal says what was exceeded and when to come back: 429 with Retry-After, 413 naming the
limit. The buckets live in one gateway process; several replicas each count their own.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Receive, Scope, Send

# Past this many callers, the buckets that have filled up again are forgotten.
_REMEMBERED = 10_000


class TokenBuckets:
    """Each key may take `rate` requests a second on average and `burst` at once."""

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate, self.burst, self._clock = rate, burst, clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, when)

    def take(self, key: str) -> float:
        """0 if the key may go ahead (and one token is taken), else seconds until it may."""
        now = self._clock()
        tokens, when = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - when) * self.rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return (1 - tokens) / self.rate
        if len(self._buckets) >= _REMEMBERED:
            self._forget_full(now)
        self._buckets[key] = (tokens - 1, now)
        return 0

    def _forget_full(self, now: float) -> None:
        self._buckets = {
            key: (tokens, when)
            for key, (tokens, when) in self._buckets.items()
            if tokens + (now - when) * self.rate < self.burst
        }


def too_many(who: str, buckets: TokenBuckets, wait: float) -> HTTPException:
    return HTTPException(
        429,
        f"请求过于频繁 (too many requests from {who}: at most {buckets.rate:g} a second, "
        f"{buckets.burst} at once; retry after {math.ceil(wait)} s)",
        headers={"Retry-After": str(math.ceil(wait))},
    )


class PerIpLimit:
    """ASGI middleware: every HTTP request counts against its caller's IP."""

    def __init__(self, app: ASGIApp, buckets: TokenBuckets) -> None:
        self.app, self.buckets = app, buckets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            ip = (scope.get("client") or ("unknown", 0))[0]
            wait = self.buckets.take(ip)
            if wait:
                refusal = too_many(f"IP {ip}", self.buckets, wait)
                reply = JSONResponse(
                    {"detail": refusal.detail}, status_code=429, headers=refusal.headers
                )
                await reply(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def bounded_body(request: Request, limit: int) -> bytes:
    """The request's body, read no further than `limit` bytes: 413 beyond."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise _too_large(limit)
    except ClientDisconnect:
        raise HTTPException(
            400, "请求未发完 (the client left before sending the whole body)"
        ) from None
    return bytes(body)


def _too_large(limit: int) -> HTTPException:
    return HTTPException(
        413,
        f"请求体过大 (request body larger than {limit} bytes, {limit / 2**20:g} MiB: the "
        "gateway forwards at most that; send a smaller file or split the batch)",
    )
