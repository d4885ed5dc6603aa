"""The smallest whistle: a workflow that ends when it is signalled (the Temporal floor)."""

from __future__ import annotations

from temporalio import workflow


@workflow.defn
class SignalEcho:
    def __init__(self) -> None:
        self._signalled = False

    @workflow.run
    async def run(self) -> None:
        await workflow.wait_condition(lambda: self._signalled)

    @workflow.signal
    def signal(self) -> None:
        self._signalled = True
