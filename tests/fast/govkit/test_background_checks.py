"""Dependency checks run in the background: readings never wait, say how old they are, and a
check that fails or does not answer within its own timeout reads as no answer (down)."""

from __future__ import annotations

import asyncio
import time

import pytest

from govkit.background_checks import BackgroundChecks, Check

pytestmark = pytest.mark.unit


async def up() -> bool:
    return True


async def broken() -> bool:
    raise ConnectionError("refused")


async def test_readings_come_at_once_with_the_last_answers_and_their_age():
    answers = iter([True, False])

    async def flapping() -> bool:
        return next(answers, False)

    checks = BackgroundChecks({"db": Check(up), "kafka": Check(flapping)}, every=0.2)
    async with checks.running():
        first = checks.readings()
        assert (first["db"].value, first["kafka"].value) == (True, True)
        assert first["db"].age is not None and first["db"].age < 0.2
        await asyncio.sleep(0.35)
        started = time.perf_counter()
        later = checks.readings()
        assert time.perf_counter() - started < 0.01
    assert (later["db"].value, later["kafka"].value) == (True, False)


async def test_a_check_that_raises_reads_as_no_answer():
    checks = BackgroundChecks({"db": Check(broken)})
    async with checks.running():
        reading = checks.readings()["db"]
    assert reading.value is None and reading.age is not None


async def test_a_check_that_hangs_reads_as_no_answer_once_its_timeout_passed():
    release = asyncio.Event()
    calls = 0

    async def hangs_after_the_first() -> bool:
        nonlocal calls
        calls += 1
        if calls > 1:
            await release.wait()
        return True

    checks = BackgroundChecks({"kafka": Check(hangs_after_the_first, timeout=0.3)}, every=0.05)
    async with checks.running():
        assert checks.readings()["kafka"].value is True
        await asyncio.sleep(0.1)  # the second check is hanging, still within its timeout
        assert checks.readings()["kafka"].value is True
        await asyncio.sleep(0.35)
        assert checks.readings()["kafka"].value is None


async def test_the_first_round_is_done_before_the_block_starts_but_never_waits_past_timeout():
    async def never() -> bool:
        await asyncio.Event().wait()
        return True

    checks = BackgroundChecks({"db": Check(up), "slow": Check(never, timeout=0.2)})
    started = time.perf_counter()
    async with checks.running():
        waited = time.perf_counter() - started
        readings = checks.readings()
    assert waited < 0.5
    assert readings["db"].value is True
    assert readings["slow"].value is None
