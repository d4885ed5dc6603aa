"""After the township closes a case: the on-site confirmation (核查), the reporter's rating
(评价), and the township's answer to a 不满意. "Not solved", or a 不满意 the township takes
up, re-opens the case: each department that was on it gets its task back as rework.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from contracts.events import (
    CaseRated,
    CaseReopened,
    DissatisfactionReviewed,
    Message,
    ResolutionConfirmed,
)
from contracts.vocabulary import ReopenCause, ReporterRole, Satisfaction, TaskStatus
from enforcement.domain.access import require_own_township
from enforcement.domain.states import (
    CaseState,
    CaseStatus,
    ConfirmationStatus,
    RatingStatus,
    TaskState,
)
from enforcement.domain.township import rework
from govkit.errors import Invalid, NotAllowed, WrongState
from govkit.principal import Principal, Role

NOT_SOLVED = "现场核查未解决 (not solved on site)"
DISSATISFIED = "群众不满意，重新办理 (reopened after a 不满意)"


def confirmer_of(case: CaseState) -> ReporterRole:
    """The reporting grid, or the township for its own whistle or a case with no report."""
    if case.reporter is None:
        return ReporterRole.TOWNSHIP_OFFICER
    return ReporterRole(case.reporter_role or ReporterRole.GRID_WORKER)


def confirm(
    case: CaseState,
    tasks: Sequence[TaskState],
    confirmer: Principal,
    solved: bool,
    note: str,
    *,
    now: datetime,
) -> list[Message]:
    """Solved, the case stays closed and its rating follows; not solved, it is re-opened."""
    _require_confirmer(case, confirmer)
    if case.status != CaseStatus.CLOSED or case.confirmation_status != ConfirmationStatus.AWAITING:
        raise WrongState(
            f"案件没有待核查的结案 (case {case.case_id} has no closure awaiting confirmation)"
        )
    confirmed = ResolutionConfirmed(
        case_id=case.case_id,
        round=case.closures,
        solved=solved,
        note=note,
        confirmed_by=confirmer.username,
        confirmed_at=now,
    )
    reason = f"{NOT_SOLVED}: {note}"
    cause = ReopenCause.NOT_SOLVED
    return _reopening(confirmed, not solved, case, tasks, confirmer, cause, reason, now=now)


def rate(
    case: CaseState,
    reporter: Principal,
    satisfaction: Satisfaction,
    reason: str | None,
    *,
    now: datetime,
) -> CaseRated:
    """满意 / 基本满意 / 不满意 (with its reason), by the reporter, while the window is open."""
    if case.reporter is None or reporter.username != case.reporter:
        raise NotAllowed(f"只有上报人可以评价 (only the reporter may rate case {case.case_id})")
    window_open = case.rate_by is not None and now <= case.rate_by
    if case.rating_status != RatingStatus.AWAITING or not window_open:
        raise WrongState(
            f"案件不在评价期内 (case {case.case_id} is not open for rating: "
            f"{case.rating_status or 'no rating asked for'})"
        )
    if satisfaction == Satisfaction.DISSATISFIED and not reason:
        raise Invalid("不满意须填写原因 (a 'dissatisfied' rating needs a reason)")
    return CaseRated(
        case_id=case.case_id,
        round=case.closures,
        satisfaction=satisfaction,
        reason=reason,
        rated_by=reporter.username,
        rated_at=now,
    )


def review(
    case: CaseState,
    tasks: Sequence[TaskState],
    officer: Principal,
    reopen: bool,
    reason: str,
    *,
    now: datetime,
) -> list[Message]:
    """The township answers a 不满意: re-open the case to its departments, or keep it closed."""
    require_own_township(case, officer)
    awaiting = case.rating_status == RatingStatus.RATED and case.status == CaseStatus.CLOSED
    if not awaiting or case.satisfaction != Satisfaction.DISSATISFIED:
        raise WrongState(
            f"案件没有待研判的不满意评价 (case {case.case_id} has no 不满意 to review)"
        )
    reviewed = DissatisfactionReviewed(
        case_id=case.case_id,
        round=case.closures,
        reopen=reopen,
        reason=reason,
        reviewed_by=officer.username,
        reviewed_at=now,
    )
    why = f"{DISSATISFIED}: {reason}"
    cause = ReopenCause.DISSATISFIED
    return _reopening(reviewed, reopen, case, tasks, officer, cause, why, now=now)


def _reopening(
    decision: ResolutionConfirmed | DissatisfactionReviewed,
    reopen: bool,
    case: CaseState,
    tasks: Sequence[TaskState],
    by: Principal,
    cause: ReopenCause,
    reason: str,
    *,
    now: datetime,
) -> list[Message]:
    """The decision; re-opening, also the case open again and each task closed with it as rework."""
    if not reopen:
        return [decision]
    reopened = CaseReopened(
        case_id=case.case_id,
        round=case.closures,
        cause=cause,
        reason=reason,
        reopened_by=by.username,
        reopened_at=now,
    )
    closed = [t for t in tasks if t.status == TaskStatus.CLOSED]
    return [decision, reopened, *(rework(task, by, reason, now=now) for task in closed)]


def _require_confirmer(case: CaseState, principal: Principal) -> None:
    """The reporting grid's workers, or the township's officers for its own whistle."""
    if confirmer_of(case) == ReporterRole.TOWNSHIP_OFFICER:
        if not principal.has_role(Role.TOWNSHIP_OFFICER) or principal.township != case.township:
            raise NotAllowed(
                f"只有属地镇街可以现场核查 (only the case's own township may confirm {case.case_id})"
            )
    elif not principal.has_role(Role.GRID_WORKER) or (principal.township, principal.grid) != (
        case.township,
        case.grid,
    ):
        raise NotAllowed(
            "只有上报网格的网格员可以现场核查 "
            f"(only grid workers of the reporting grid {case.grid} may confirm {case.case_id})"
        )
