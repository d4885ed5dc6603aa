"""Running cases survive a change: every checked-in history replays under today's code.

The histories were recorded from earlier code (see histories/README.md); a replay that issues
different commands than the history holds fails with a non-determinism error. A whistle of
today's code replays its own history too.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from contracts.vocabulary import ReopenCause, Satisfaction
from tests.workflows.whistle_harness import running_whistle
from workflows.data_converter import data_converter
from workflows.sandbox import workflow_runner
from workflows.whistle import WhistleWorkflow

pytestmark = pytest.mark.workflow
HISTORIES = sorted((Path(__file__).parent / "histories").glob("*.json"))


def test_the_histories_include_cases_still_running():
    running = [p for p in HISTORIES if p.name.endswith(".running.json")]
    assert len(running) >= 2 and len(HISTORIES) > len(running)


@pytest.mark.parametrize("path", HISTORIES, ids=lambda p: p.name.removesuffix(".json"))
async def test_a_recorded_history_replays_without_non_determinism(path: Path):
    replayer = Replayer(
        workflows=[WhistleWorkflow],
        data_converter=data_converter,
        workflow_runner=workflow_runner,
    )
    history = WorkflowHistory.from_json(f"whistle-{path.stem}", path.read_text())
    await replayer.replay_workflow(history)


async def test_a_whistle_of_today_replays_too(env):
    async with running_whistle(env, ["education", "market_supervision"]) as w:
        await w.disputed("education")
        await w.ruled("education")
        await w.acknowledged("education")
        await w.pause_decided("education")
        await w.sleep(timedelta(hours=1))
        await w.resumed("education")
        await w.handled("education")
        await w.sent_back("education")
        await w.departments_called("fire_safety")
        await w.released("market_supervision")
        await w.sleep(timedelta(hours=25))
        await w.closed()
        await w.confirmed(solved=False)
        await w.reopened(ReopenCause.NOT_SOLVED)
        await w.sent_back("fire_safety")
        await w.sleep(timedelta(days=2))
        await w.closed()
        await w.confirmed(solved=True, round=2)
        await w.rated(Satisfaction.DISSATISFIED, round=2)
        await w.reviewed(reopen=False, round=2)
        await w.handle.result()
        history = await w.handle.fetch_history()
    replayer = Replayer(
        workflows=[WhistleWorkflow],
        data_converter=data_converter,
        workflow_runner=workflow_runner,
    )
    await replayer.replay_workflow(history)
