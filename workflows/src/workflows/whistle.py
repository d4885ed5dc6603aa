"""The whistle workflow (镇街吹哨、部门报到): dispatch, wait for 报到, escalate, wait for closure.

Deterministic: time only from workflow.now() and timers; all I/O happens in activities.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from workflows.activities import EnforcementCommands
    from workflows.model import (
        DepartmentProgress,
        DispatchTaskInput,
        EscalationInput,
        TaskSignal,
        WhistleInput,
        WhistleState,
        task_id_for,
    )

ACTIVITY_OPTIONS = {
    "start_to_close_timeout": timedelta(seconds=30),
    "retry_policy": RetryPolicy(
        initial_interval=timedelta(seconds=1), maximum_interval=timedelta(seconds=30)
    ),
}


@workflow.defn
class WhistleWorkflow:
    @workflow.init
    def __init__(self, whistle: WhistleInput) -> None:
        self._case_id = whistle.case_id
        self._closed = False
        self._progress = {
            task_id_for(whistle.case_id, d): DepartmentProgress(d, task_id_for(whistle.case_id, d))
            for d in whistle.departments
        }

    @workflow.run
    async def run(self, whistle: WhistleInput) -> WhistleState:
        """Call every responsible department; escalate any that does not report in time."""
        acknowledge_by = workflow.now() + timedelta(seconds=whistle.acknowledge_within_seconds)
        for progress in self._progress.values():
            progress.acknowledge_by = acknowledge_by
            await workflow.execute_activity_method(
                EnforcementCommands.dispatch_department_task,
                _dispatch_input(whistle, progress),
                **ACTIVITY_OPTIONS,
            )
        await asyncio.gather(*(self._watch_acknowledgement(p) for p in self._progress.values()))
        await workflow.wait_condition(lambda: self._closed)
        return self.state()

    async def _watch_acknowledgement(self, progress: DepartmentProgress) -> None:
        assert progress.acknowledge_by is not None
        remaining = progress.acknowledge_by - workflow.now()
        if remaining > timedelta(0):
            try:
                await workflow.wait_condition(lambda: progress.acknowledged, timeout=remaining)
                return
            except TimeoutError:
                pass
        if progress.acknowledged:
            return
        progress.escalation_level = 1
        await workflow.execute_activity_method(
            EnforcementCommands.record_escalation,
            EscalationInput(
                escalation_id=f"{workflow.info().workflow_id}:{progress.department}:acknowledge:1",
                task_id=progress.task_id,
                case_id=self._case_id,
                level=1,
                reason="未在时限内报到 (not acknowledged before the deadline)",
                missed_deadline=progress.acknowledge_by,
            ),
            **ACTIVITY_OPTIONS,
        )

    @workflow.signal
    def task_acknowledged(self, signal: TaskSignal) -> None:
        if signal.task_id in self._progress:
            self._progress[signal.task_id].acknowledged = True

    @workflow.signal
    def task_handled(self, signal: TaskSignal) -> None:
        if signal.task_id in self._progress:
            self._progress[signal.task_id].acknowledged = True
            self._progress[signal.task_id].handled = True

    @workflow.signal
    def case_closed(self) -> None:
        self._closed = True

    @workflow.query
    def state(self) -> WhistleState:
        return WhistleState(self._case_id, self._closed, list(self._progress.values()))


def _dispatch_input(whistle: WhistleInput, progress: DepartmentProgress) -> DispatchTaskInput:
    assert progress.acknowledge_by is not None
    return DispatchTaskInput(
        workflow_id=workflow.info().workflow_id,
        task_id=progress.task_id,
        case_id=whistle.case_id,
        incident_id=whistle.incident_id,
        incident_type=whistle.incident_type,
        department=progress.department,
        district=whistle.district,
        township=whistle.township,
        grid=whistle.grid,
        summary=whistle.summary,
        acknowledge_by=progress.acknowledge_by,
    )
