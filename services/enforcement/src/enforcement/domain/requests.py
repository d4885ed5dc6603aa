"""What callers send: the bodies of their requests, checked for shape before any rule runs."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from contracts.vocabulary import Department, DisputeRuling, PauseReason, Satisfaction, TaskOutcome


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Reason(_Request):
    reason: str = Field(min_length=1, max_length=2000)


class OutcomeReport(_Request):
    outcome: TaskOutcome
    note: str = Field(min_length=1, max_length=2000)
    fine_amount_yuan: int | None = Field(default=None, ge=1, le=100_000_000)


class Ruling(_Request):
    ruling: DisputeRuling
    reassign_to: Department | None = None
    reason: str = Field(min_length=1, max_length=2000)


class PauseRequest(_Request):
    reason: PauseReason
    note: str = Field(min_length=1, max_length=2000)


class PauseDecision(_Request):
    approved: bool


class CallDepartments(_Request):
    departments: list[Department] = Field(min_length=1, max_length=len(Department))
    reason: str = Field(min_length=1, max_length=2000)


class JointActionPlan(_Request):
    departments: list[Department] = Field(min_length=2, max_length=len(Department))
    scheduled_for: datetime
    place: str = Field(min_length=1, max_length=500)


class OnSiteConfirmation(_Request):
    """核查: solved or not, with what was seen (there are no attachments: the note says it)."""

    solved: bool
    note: str = Field(min_length=1, max_length=2000)


class Rating(_Request):
    """评价: a 不满意 needs its reason (checked by the rule, answered 422)."""

    satisfaction: Satisfaction
    reason: str | None = Field(default=None, min_length=1, max_length=2000)


class Review(_Request):
    """The township's answer to a 不满意: re-open the case, or keep it closed, and why."""

    reopen: bool
    reason: str = Field(min_length=1, max_length=2000)
