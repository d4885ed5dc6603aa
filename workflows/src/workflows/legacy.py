"""The one `case_event` signal that bridges sent before each intent had a signal of its own.

Whistles started before the typed signals hold it in their histories, and a bridge of that time
may still send it while a release rolls out. Each is applied as its typed signal is, except
where the whistle's own state machine of that time refused it: an old history then replays to
the commands it recorded (ADR 0007). Delete this module and the `case_event` handler once no
whistle started before the typed signals is running.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from contracts.vocabulary import TASK_ENDED, Department, TaskStatus


class CaseEventKind(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    HANDLED = "handled"
    DISPUTED = "disputed"
    RULED_INSIST = "ruled_insist"
    RULED_REASSIGN = "ruled_reassign"
    SENT_BACK = "sent_back"
    PAUSED = "paused"
    RESUMED = "resumed"
    DEPARTMENTS_CALLED = "departments_called"
    RELEASED = "released"
    CLOSED = "closed"


class CaseEvent(BaseModel):
    """What happened on the case, in the old shape: `kind` names it, for a task or the case."""

    event_id: str
    kind: CaseEventKind
    task_id: str | None = None
    departments: list[Department] = Field(default_factory=list)


# The statuses in which the old whistle took each change; feedback and resuming it always took.
# Its `handled` is today's `fed_back`, and stayed so when the case closed (today's `closed`).
_ACCEPTED_IN: dict[CaseEventKind, frozenset[TaskStatus]] = {
    CaseEventKind.ACKNOWLEDGED: frozenset({TaskStatus.DISPATCHED}),
    CaseEventKind.DISPUTED: frozenset({TaskStatus.DISPATCHED}),
    CaseEventKind.RULED_INSIST: frozenset({TaskStatus.DISPUTED}),
    CaseEventKind.RULED_REASSIGN: frozenset({TaskStatus.DISPUTED}),
    CaseEventKind.SENT_BACK: frozenset({TaskStatus.FED_BACK, TaskStatus.CLOSED}),
    CaseEventKind.PAUSED: frozenset({TaskStatus.ACKNOWLEDGED}),
    CaseEventKind.RELEASED: frozenset(TaskStatus) - TASK_ENDED,
}


def accepted_before(kind: CaseEventKind, status: TaskStatus) -> bool:
    """Whether the old whistle applied this kind of event to a task in this status."""
    return status in _ACCEPTED_IN.get(kind, frozenset(TaskStatus))
