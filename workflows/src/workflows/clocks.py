"""The clocks of one department task, as pure functions of its progress and the time.

The workflow asks two questions in a loop: what is due now (reminders and escalation rungs not
yet done), and when is the next thing due. Every action has a key naming its clock, the clock's
cycle (a new deadline after rework or a ruling starts a new cycle) and its rung, so each missed
deadline escalates exactly once however often the loop wakes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from contracts.vocabulary import Clock, EscalationTarget, Severity, TaskStatus
from govkit.calendar import WorkingCalendar
from workflows.model import ClockPolicy, ClockRule, DepartmentProgress, Window

LEVELS = {target: level for level, target in enumerate(EscalationTarget, start=1)}


@dataclass(frozen=True)
class ClockAction:
    key: str
    at: datetime
    clock: Clock
    deadline: datetime
    # None: a reminder; otherwise the rung an escalation reaches
    reaches: EscalationTarget | None = None

    @property
    def level(self) -> int:
        return LEVELS[self.reaches] if self.reaches else 0


def deadline_after(start: datetime, rule: Window, calendar: WorkingCalendar) -> datetime:
    """When a clock started at `start` runs out."""
    within = timedelta(seconds=rule.within_seconds)
    return calendar.add_working_time(start, within) if rule.working_time else start + within


def resumed_deadline(
    deadline: datetime,
    rule: ClockRule,
    calendar: WorkingCalendar,
    *,
    stopped_at: datetime,
    now: datetime,
) -> datetime:
    """The deadline after a clock stood still from `stopped_at` until `now`.

    The time that was left when it stopped is left again; a deadline already missed stays missed.
    """
    if rule.working_time:
        left = calendar.working_time_between(stopped_at, deadline)
        return calendar.add_working_time(now, left) if left > timedelta(0) else deadline
    left = deadline - stopped_at
    return now + left if left > timedelta(0) else deadline


def running_clocks(
    progress: DepartmentProgress, policy: ClockPolicy, severity: Severity
) -> list[tuple[Clock, datetime, int, ClockRule]]:
    """(clock, deadline, cycle, rule) of every clock that is running on this task now."""
    handle = (Clock.HANDLE, progress.handle_by, progress.handle_cycle, policy.handle[severity])
    match progress.step:
        case TaskStatus.DISPATCHED:
            acknowledge = (
                Clock.ACKNOWLEDGE,
                progress.acknowledge_by,
                progress.acknowledge_cycle,
                policy.acknowledge,
            )
            return [acknowledge, handle]
        case TaskStatus.ACKNOWLEDGED:
            return [] if progress.paused else [handle]
        case TaskStatus.DISPUTED if progress.ruling_by is not None:
            return [(Clock.RULING, progress.ruling_by, progress.ruling_cycle, policy.ruling)]
    return []


def _actions(
    progress: DepartmentProgress, policy: ClockPolicy, severity: Severity
) -> Iterator[ClockAction]:
    for clock, deadline, cycle, rule in running_clocks(progress, policy, severity):
        prefix = f"{clock.value}:{cycle}"
        remind_at = deadline - timedelta(seconds=rule.remind_before_seconds)
        yield ClockAction(f"{prefix}:remind", remind_at, clock, deadline)
        for rung, target in enumerate(rule.ladder):
            at = deadline + timedelta(seconds=rule.ladder_step_seconds * rung)
            yield ClockAction(f"{prefix}:{target}", at, clock, deadline, reaches=target)


def due_actions(
    progress: DepartmentProgress, policy: ClockPolicy, severity: Severity, now: datetime
) -> list[ClockAction]:
    """Reminders and escalations due by `now` and not yet done, oldest first."""
    due = [
        a
        for a in _actions(progress, policy, severity)
        if a.at <= now and a.key not in progress.done
    ]
    return sorted(due, key=lambda a: (a.at, a.level))


def next_due(
    progress: DepartmentProgress, policy: ClockPolicy, severity: Severity, now: datetime
) -> datetime | None:
    """When the next reminder or escalation falls due, or None if nothing is pending."""
    pending = [
        a.at
        for a in _actions(progress, policy, severity)
        if a.at > now and a.key not in progress.done
    ]
    return min(pending, default=None)
