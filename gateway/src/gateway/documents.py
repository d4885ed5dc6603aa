"""Each service's own OpenAPI document, fetched when asked for and kept for a while.

The merged /openapi.json and the table of operations the gateway forwards are both read from
these, so what /docs shows is what the gateway serves.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import httpx

from gateway.openapi import Document
from gateway.routes import ServiceRoute


class ServiceDocuments:
    """A document that arrived is kept for `ttl` seconds; a service that did not answer is
    asked again at the next request."""

    def __init__(
        self,
        routes: dict[str, ServiceRoute],
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._routes, self._ttl, self._clock = routes, ttl, clock
        self._kept: dict[str, tuple[float, Document]] = {}

    async def get(self, client: httpx.AsyncClient, service: str) -> Document | str:
        """The service's document, or why there is none."""
        kept = self._kept.get(service)
        if kept and self._clock() - kept[0] < self._ttl:
            return kept[1]
        reply = await _fetch(client, self._routes[service].base_url)
        if isinstance(reply, dict):
            self._kept[service] = (self._clock(), reply)
        return reply

    async def every(self, client: httpx.AsyncClient) -> dict[str, Document | str]:
        names = list(self._routes)
        replies = await asyncio.gather(*(self.get(client, name) for name in names))
        return dict(zip(names, replies, strict=True))


async def _fetch(client: httpx.AsyncClient, base_url: str) -> Document | str:
    try:
        reply = await client.get(f"{base_url}/openapi.json", timeout=3)
    except httpx.HTTPError as exc:
        return type(exc).__name__
    if reply.status_code != 200:
        return f"HTTP {reply.status_code}"
    document: Document = reply.json()
    return document
