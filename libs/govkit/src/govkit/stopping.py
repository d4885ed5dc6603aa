"""Stopping a process within a bound: each step of a shutdown is given `STEP_SECONDS`.

A step that does not finish in time (a Kafka client waiting on a coordinator that does not
answer, a task that does not end) is cut off and named in the log, and the shutdown goes on.
What it leaves undone is safe to leave: an offset not committed is delivered again and
handled once, an outbox row not marked is published again to the same key.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable

log = logging.getLogger(__name__)

STEP_SECONDS = 10.0


async def within_bound(step: Awaitable[object], what: str, seconds: float = STEP_SECONDS) -> bool:
    """Await `step` for at most `seconds`; whether it finished (False: cut off, and logged)."""
    try:
        async with asyncio.timeout(seconds):
            await step
    except TimeoutError:
        log.error("stopping: %s did not finish within %g s; going on without it", what, seconds)
        return False
    return True
