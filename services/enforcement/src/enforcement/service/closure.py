"""After the township closes a case: the on-site confirmation, the rating, the township's review
of a 不满意. "Not solved", or a 不满意 the township takes up, re-opens the case."""

from __future__ import annotations

from dataclasses import dataclass

from enforcement.domain import closure
from enforcement.domain.requests import OnSiteConfirmation, Rating, Review
from enforcement.service.cases import CaseRecord, OnCase, decide_on_case
from enforcement.service.common import Uow


@dataclass(frozen=True)
class Confirm(OnCase):
    confirmation: OnSiteConfirmation


@dataclass(frozen=True)
class Rate(OnCase):
    rating: Rating


@dataclass(frozen=True)
class ReviewDissatisfaction(OnCase):
    review: Review


def confirm(command: Confirm, uow: Uow) -> CaseRecord:
    """The reporting grid (or the township) went back and looked: solved, or not (re-opened)."""
    body = command.confirmation
    return decide_on_case(
        command,
        uow,
        lambda case, tasks, now: closure.confirm(
            case, tasks, command.caller, body.solved, body.note, now=now
        ),
    )


def rate(command: Rate, uow: Uow) -> CaseRecord:
    """The reporter rates the handling: 满意, 基本满意 or 不满意 (with its reason)."""
    body = command.rating
    return decide_on_case(
        command,
        uow,
        lambda case, _tasks, now: closure.rate(
            case, command.caller, body.satisfaction, body.reason, now=now
        ),
    )


def review(command: ReviewDissatisfaction, uow: Uow) -> CaseRecord:
    """The township answers a 不满意: re-open the case to its departments, or keep it closed."""
    body = command.review
    return decide_on_case(
        command,
        uow,
        lambda case, tasks, now: closure.review(
            case, tasks, command.caller, body.reopen, body.reason, now=now
        ),
    )
