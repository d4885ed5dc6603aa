"""Dependency checks that run in the background on an interval, so `/health` answers at once
with the last known result, however busy the process is and however slow a dependency.

Each check runs every `every` seconds with its own `timeout`. A check that raised, or that has
not answered within its timeout (cut off, or still running past it), reads as no answer, which
`/health` shows as down. Every reading says how old it is.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Check(Generic[T]):
    """One dependency check: `probe` answers, within `timeout` seconds."""

    probe: Callable[[], Awaitable[T]]
    timeout: float = 2.0


@dataclass(frozen=True)
class Reading(Generic[T]):
    """A check's last answer (None: it failed, timed out or never answered) and its age in
    seconds (None before its first answer)."""

    value: T | None
    age: float | None


class BackgroundChecks(Generic[T]):
    """Runs named checks every `every` seconds while `running()`; `readings()` never waits."""

    def __init__(
        self,
        checks: Mapping[str, Check[T]],
        every: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.checks, self.every, self.clock = dict(checks), every, clock
        self._answers: dict[str, tuple[T | None, float]] = {}
        self._started: dict[str, float] = {}

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Check in the background while the block runs; the first round is done (or timed
        out) before the block starts, so the first `/health` already knows."""
        tasks = [asyncio.create_task(self._keep_checking(name)) for name in self.checks]
        first_round = max((check.timeout for check in self.checks.values()), default=0)
        deadline = self.clock() + first_round
        while len(self._answers) < len(self.checks) and self.clock() < deadline:
            await asyncio.sleep(0.01)
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def readings(self) -> dict[str, Reading[T]]:
        """Each check's last answer and age; no answer while it runs past its timeout."""
        now = self.clock()
        readings = {}
        for name, check in self.checks.items():
            value, at = self._answers.get(name, (None, None))
            started = self._started.get(name)
            if started is not None and now - started > check.timeout:
                value = None  # still running past its timeout: not an answer
            readings[name] = Reading(value, None if at is None else round(now - at, 1))
        return readings

    async def _keep_checking(self, name: str) -> None:
        check = self.checks[name]
        while True:
            self._started[name] = self.clock()
            try:
                value: T | None = await asyncio.wait_for(check.probe(), check.timeout)
            except Exception as exc:  # a failed or slow check reads as no answer
                log.info("health check %s gave no answer: %r", name, exc)
                value = None
            self._answers[name] = (value, self.clock())
            del self._started[name]
            await asyncio.sleep(self.every)
