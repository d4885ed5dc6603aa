"""Events enforcement publishes after the township closes a case: the on-site confirmation
(核查), the reporter's rating (评价), and the case going back to its departments.

`round` names the closure a confirmation or rating is about: 1 for the first, 2 once the case
was re-opened and closed again, and so on.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import AwareDatetime, Field

from contracts.events.base import Message
from contracts.topics import ENFORCEMENT_CASES, Topic
from contracts.vocabulary import EscalationTarget, ReopenCause, ReporterRole, Satisfaction

Round = Annotated[
    int, Field(ge=1, description="The closure this is about: 1, then 2 after a re-opening, …")
]


class ConfirmationRequested(Message):
    """The reporting grid (or the township) is to confirm on site (核查) by `confirm_by`."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.ConfirmationRequested.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    round: Round
    confirmer: ReporterRole
    district: str
    township: str
    grid: str
    confirm_by: AwareDatetime
    requested_at: AwareDatetime


class ConfirmationOverdue(Message):
    """No confirmation came by its deadline: escalated once, to `reaches`."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.ConfirmationOverdue.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    round: Round
    missed_deadline: AwareDatetime
    reaches: EscalationTarget
    reason: str
    district: str
    township: str
    escalated_at: AwareDatetime


class ResolutionConfirmed(Message):
    """Confirmed on site: solved, or not solved (the case is re-opened: CaseReopened follows)."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.ResolutionConfirmed.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    round: Round
    solved: bool
    note: str
    confirmed_by: str
    confirmed_at: AwareDatetime


class CaseReopened(Message):
    """The closure is undone: each task closed with it comes back as rework (TaskSentBack)."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.CaseReopened.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    round: Round
    cause: ReopenCause
    reason: str
    reopened_by: str
    reopened_at: AwareDatetime


class RatingRequested(Message):
    """Confirmed solved: the reporter may rate how the case was handled until `rate_by`."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.RatingRequested.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    round: Round
    reporter: str | None = Field(description="Who may rate; null when no report was recorded")
    rate_by: AwareDatetime
    requested_at: AwareDatetime


class CaseRated(Message):
    """The reporter rated the case (满意 / 基本满意 / 不满意, the last with its reason)."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.CaseRated.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    round: Round
    satisfaction: Satisfaction
    reason: str | None = None
    rated_by: str
    rated_at: AwareDatetime


class RatingExpired(Message):
    """The rating window closed with no rating: the case counts as not rated, never satisfied."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.RatingExpired.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    round: Round
    rate_by: AwareDatetime
    expired_at: AwareDatetime


class DissatisfactionReviewed(Message):
    """The township answered a 不满意: re-open the case (CaseReopened follows) or keep it closed."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.DissatisfactionReviewed.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    round: Round
    reopen: bool
    reason: str
    reviewed_by: str
    reviewed_at: AwareDatetime
