"""An order's clock as pure functions of its state, its rules, the calendar and the time.

The workflow asks what is due now and when the next thing falls due. Each action's key names
the cycle (each failed re-inspection opens one) and the reminder or rung, so a rung is sent
once however often the workflow wakes; a later cycle's ladder goes on from the rung the order
had reached, so an order reaches each rung once, as inspections records it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from contracts.vocabulary import AccountabilityMeasure
from govkit.calendar import WorkingCalendar
from workflows.rectification_model import OrderClock, RectificationRules


@dataclass(frozen=True)
class OrderAction:
    key: str
    at: datetime
    rung: AccountabilityMeasure | None = None  # None: the reminder
    level: int = 0


def working_days_after(moment: datetime, days: int, calendar: WorkingCalendar) -> datetime:
    """The close of office on the `days`-th working day (at least 1) after `moment`'s day."""
    zone = ZoneInfo(calendar.timezone)
    day = moment.astimezone(zone).date()
    closed = datetime.combine(day, calendar.working_hours[-1][1], tzinfo=zone)
    # From a day's close, whole office days of working time end at a later day's close.
    return calendar.add_working_time(closed, _office_day(calendar) * days).astimezone(moment.tzinfo)


def _office_day(calendar: WorkingCalendar) -> timedelta:
    return sum(
        (
            datetime.combine(date.min, c) - datetime.combine(date.min, o)
            for o, c in calendar.working_hours
        ),
        timedelta(0),
    )


def _actions(clock: OrderClock, rules: RectificationRules, calendar: WorkingCalendar):
    if not clock.running:
        return
    left = calendar.working_time_between(clock.started, clock.deadline)
    lead = _office_day(calendar) * rules.remind_before_working_days
    if left > lead:  # a term shorter than the lead gets no reminder: it is all lead
        yield OrderAction(
            f"{clock.cycle}:remind", calendar.add_working_time(clock.started, left - lead)
        )
    for step, rung in enumerate(rules.ladder[clock.first_rung :]):
        at = (
            working_days_after(clock.deadline, step * rules.ladder_step_working_days, calendar)
            if step
            else clock.deadline
        )
        yield OrderAction(f"{clock.cycle}:{rung}", at, rung, clock.first_rung + step + 1)


def _pending(
    clock: OrderClock, rules: RectificationRules, calendar: WorkingCalendar
) -> list[OrderAction]:
    """What the clock has still to do, oldest first."""
    undone = (a for a in _actions(clock, rules, calendar) if a.key not in clock.done)
    return sorted(undone, key=lambda a: a.at)


def due_actions(
    clock: OrderClock, rules: RectificationRules, calendar: WorkingCalendar, now: datetime
) -> list[OrderAction]:
    """The reminder and rungs due by `now` and not yet done, oldest first."""
    return [a for a in _pending(clock, rules, calendar) if a.at <= now]


def next_due(
    clock: OrderClock, rules: RectificationRules, calendar: WorkingCalendar, now: datetime
) -> datetime | None:
    """When the next reminder or rung falls due, or None if nothing is pending."""
    return min((a.at for a in _pending(clock, rules, calendar) if a.at > now), default=None)
