"""A shutdown step that does not end is cut off and named; one that ends is awaited whole."""

from __future__ import annotations

import asyncio
import logging

from govkit.stopping import within_bound


async def test_a_step_that_never_ends_is_cut_off_and_named(caplog):
    never = asyncio.Event()
    with caplog.at_level(logging.ERROR, logger="govkit.stopping"):
        finished = await within_bound(never.wait(), "waiting for nothing", seconds=0.05)
    assert finished is False
    assert "waiting for nothing did not finish within 0.05 s" in caplog.text


async def test_a_step_that_ends_in_time_is_awaited_to_its_end():
    done: list[str] = []

    async def step() -> None:
        await asyncio.sleep(0.01)
        done.append("committed")

    assert await within_bound(step(), "committing", seconds=1) is True
    assert done == ["committed"]
