"""How workflow code sends a command: through its activity, retried until it is sent.

A command is one Kafka publish, so it runs as a local activity: in the worker, inside the
workflow task that asked for it, with a marker in the history instead of a scheduled, started and
completed activity and a workflow task more. Histories from before that change keep replaying
their activities (`LOCAL_COMMANDS_PATCH`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

from contracts.events import Message

COMMAND_TIMEOUT = timedelta(seconds=30)
COMMAND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1), maximum_interval=timedelta(seconds=30)
)
LOCAL_COMMANDS_PATCH = "commands-as-local-activities"

Activity = Callable[[Any, Any], Awaitable[None]]
"""An activity method taking one command (the first argument is its class's instance)."""


def local_commands() -> bool:
    """Whether this workflow sends its commands as local activities (all but old histories)."""
    return workflow.patched(LOCAL_COMMANDS_PATCH)


async def send(activity: Activity, command: Message) -> None:
    """Run the activity that sends `command`; its event id makes a retry change nothing."""
    if local_commands():
        await workflow.execute_local_activity_method(
            activity, command, start_to_close_timeout=COMMAND_TIMEOUT, retry_policy=COMMAND_RETRY
        )
        return
    await workflow.execute_activity_method(
        activity, command, start_to_close_timeout=COMMAND_TIMEOUT, retry_policy=COMMAND_RETRY
    )
