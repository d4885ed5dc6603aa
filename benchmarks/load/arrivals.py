"""Open-loop arrivals: the n-th report leaves at start + n / rate, answered or not, so a slow
platform meets the same offered load instead of slowing the sender down."""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import Callable, Coroutine
from urllib.parse import urlsplit

MAX_RATE = 50.0
MAX_SECONDS = 900


def require_loopback(address: str) -> None:
    """Refuse to load anything but this machine: a URL or a host:port on loopback."""
    host = urlsplit(address if "//" in address else f"//{address}").hostname or ""
    if host != "localhost":
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise SystemExit(f"{address}: not on loopback; this harness loads this machine only")


def check_bounds(rate: float, seconds: float) -> None:
    if not 0 < rate <= MAX_RATE or not 0 < seconds <= MAX_SECONDS:
        raise SystemExit(
            f"rate {rate}/s for {seconds} s: rates are up to {MAX_RATE:g}/s, "
            f"runs up to {MAX_SECONDS:g} s"
        )


async def open_loop(
    rate: float, seconds: float, send: Callable[[], Coroutine[None, None, None]]
) -> float:
    """Start `send` rate × seconds times on schedule and wait for all; the seconds they took to
    leave, more than `seconds` only when this process could not keep the schedule."""
    check_bounds(rate, seconds)
    count = round(rate * seconds)
    started = time.monotonic()
    sends: list[asyncio.Task[None]] = []
    for n in range(count):
        await asyncio.sleep(max(0.0, started + n / rate - time.monotonic()))
        sends.append(asyncio.create_task(send()))
    spread = time.monotonic() - started + 1 / rate
    await asyncio.gather(*sends)
    return spread
