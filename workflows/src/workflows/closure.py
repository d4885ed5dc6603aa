"""The case once the township closes it, as its whistle times it.

The closure asks the reporting grid (or the township, for its own whistle) to confirm on site
(核查) by a deadline, escalated once if it is missed; confirmed solved, the reporter's rating
window (评价) opens, and a window that closes unrated is reported as not rated. "Not solved",
or a 不满意 the township takes up, re-opens the case: the departments' tasks come back as
rework through their own signals. Enforcement decides each change; this keeps the clocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from temporalio import workflow

from contracts.events import (
    ExpireRating,
    RecordConfirmationOverdue,
    RequestConfirmation,
    RequestRating,
)
from contracts.vocabulary import Satisfaction
from govkit.calendar import WorkingCalendar
from workflows.activities import EnforcementCommands
from workflows.clocks import deadline_after
from workflows.commands import send
from workflows.model import CasePhase, ClosureRules

CONFIRMATION_MISSED = "未在时限内现场核查 (not confirmed on site before the deadline)"


@dataclass
class Closure:
    """Where the whole case stands, and the deadline its current phase runs to."""

    case_id: str
    rules: ClosureRules | None  # None: a whistle of before confirmation and rating
    calendar: WorkingCalendar
    phase: CasePhase = CasePhase.HANDLING
    closures: int = 0
    confirm_by: datetime | None = None
    rate_by: datetime | None = None

    @property
    def over(self) -> bool:
        return self.phase == CasePhase.ENDED

    def closed(self, rules: ClosureRules, now: datetime) -> datetime:
        """Another closure: the confirmation is due by the deadline returned."""
        self.closures += 1
        self.phase, self.rate_by = CasePhase.CONFIRMING, None
        self.confirm_by = deadline_after(now, rules.confirm, self.calendar)
        return self.confirm_by

    def confirmed(self, solved: bool, now: datetime) -> datetime | None:
        """Solved opens the rating window (its end returned); not solved, the case re-opens."""
        self.confirm_by = None
        if not solved:
            self.phase = CasePhase.HANDLING
            return None
        if self.rules is None:  # never asked to confirm without the rules: nothing to time
            self.end()
            return None
        self.phase = CasePhase.RATING
        self.rate_by = deadline_after(now, self.rules.rating, self.calendar)
        return self.rate_by

    def reopened(self) -> None:
        self.phase, self.confirm_by, self.rate_by = CasePhase.HANDLING, None, None

    def rated(self, satisfaction: Satisfaction) -> None:
        """A 不满意 waits for the township's review; any other rating ends the whistle."""
        self.rate_by = None
        if satisfaction == Satisfaction.DISSATISFIED:
            self.phase = CasePhase.REVIEWING
        else:
            self.end()

    def end(self) -> None:
        self.phase = CasePhase.ENDED

    async def confirmation(self, rules: ClosureRules, closure: int, confirm_by: datetime) -> None:
        """Ask for the on-site confirmation of this closure; escalate once if it is late."""
        await send(
            EnforcementCommands.request_confirmation,
            RequestConfirmation(case_id=self.case_id, round=closure, confirm_by=confirm_by),
        )
        if await self._outlasts(confirm_by, CasePhase.CONFIRMING, closure):
            await send(
                EnforcementCommands.record_confirmation_overdue,
                RecordConfirmationOverdue(
                    case_id=self.case_id,
                    round=closure,
                    missed_deadline=confirm_by,
                    reaches=rules.confirm.escalate_to,
                    reason=CONFIRMATION_MISSED,
                ),
            )

    async def rating(self, closure: int, rate_by: datetime) -> None:
        """Open the reporter's rating window; when it closes unrated, say so (not rated)."""
        await send(
            EnforcementCommands.request_rating,
            RequestRating(case_id=self.case_id, round=closure, rate_by=rate_by),
        )
        if await self._outlasts(rate_by, CasePhase.RATING, closure):
            await send(
                EnforcementCommands.expire_rating,
                ExpireRating(case_id=self.case_id, round=closure, rate_by=rate_by),
            )

    async def _outlasts(self, deadline: datetime, phase: CasePhase, closure: int) -> bool:
        """Whether the case is still in `phase` of this closure when `deadline` comes."""

        def moved_on() -> bool:
            return (self.phase, self.closures) != (phase, closure)

        try:
            await workflow.wait_condition(moved_on, timeout=deadline - workflow.now())
        except TimeoutError:
            return True
        return False
