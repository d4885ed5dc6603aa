"""What an announced change does to one task's clocks: pure functions of its progress and the time.

Enforcement decides the task's status; these only move deadlines, start new cycles and keep the
pause bookkeeping. The workflow tells enforcement when a deadline moved.
"""

from __future__ import annotations

from datetime import datetime

from workflows.clocks import deadline_after, resumed_deadline
from workflows.model import DepartmentProgress, WhistleInput


def dispute(progress: DepartmentProgress, whistle: WhistleInput, now: datetime) -> None:
    """The department's clocks stand still while the township's ruling clock runs."""
    progress.suspended_since = now
    progress.ruling_cycle += 1
    progress.ruling_by = deadline_after(now, whistle.policy.ruling, whistle.calendar)


def insist(progress: DepartmentProgress, whistle: WhistleInput, now: datetime) -> None:
    """Overruled: a new 报到 clock, and the handling time that was left when it disputed."""
    progress.ruling_by = None
    progress.acknowledge_cycle += 1
    progress.acknowledge_by = deadline_after(now, whistle.policy.acknowledge, whistle.calendar)
    progress.handle_by = _given_back(progress, whistle, now)


def send_back(progress: DepartmentProgress, whistle: WhistleInput, now: datetime) -> None:
    """返工: the handling clock starts again, in a new cycle."""
    progress.rework_count += 1
    progress.handle_cycle += 1
    rule = whistle.policy.handle[whistle.severity]
    progress.handle_by = deadline_after(now, rule, whistle.calendar)


def pause(progress: DepartmentProgress, now: datetime) -> None:
    """The handling clock stops; it stopped at the first approval, not at a repeated one."""
    if not progress.paused:
        progress.paused, progress.suspended_since = True, now


def resume(progress: DepartmentProgress, whistle: WhistleInput, now: datetime) -> bool:
    """The handling clock runs again with the paused time given back; False if it was running."""
    if not progress.paused:
        return False
    progress.handle_by = _given_back(progress, whistle, now)
    progress.paused = False
    return True


def _given_back(progress: DepartmentProgress, whistle: WhistleInput, now: datetime) -> datetime:
    """The handling deadline pushed out by the time the clock stood still."""
    stopped_at, progress.suspended_since = progress.suspended_since or now, None
    return resumed_deadline(
        progress.handle_by,
        whistle.policy.handle[whistle.severity],
        whistle.calendar,
        stopped_at=stopped_at,
        now=now,
    )
