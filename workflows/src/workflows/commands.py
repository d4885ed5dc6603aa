"""How workflow code sends a command: through its activity, retried until it is sent.

A full activity, not a local one: a local activity holds its workflow task open while it
publishes, and under load those workflow tasks overran their timeout and were run again
(ADR 0017).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

from contracts.events import Message

COMMAND_TIMEOUT = timedelta(seconds=30)
COMMAND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1), maximum_interval=timedelta(seconds=30)
)

Activity = Callable[[Any, Any], Awaitable[None]]
"""An activity method taking one command (the first argument is its class's instance)."""


async def send(activity: Activity, command: Message | Sequence[Message]) -> None:
    """Run the activity that sends `command` (or commands); their event ids make a retry
    change nothing."""
    await workflow.execute_activity_method(
        activity, command, start_to_close_timeout=COMMAND_TIMEOUT, retry_policy=COMMAND_RETRY
    )
