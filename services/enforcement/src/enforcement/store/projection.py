"""Apply each enforcement event to the rows, append it to the case timeline, notify.

It goes through the repository, so the fast tests' fake serves it as the database does.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from contracts.events import (
    AccountabilityMeasureIssued,
    CaseClosed,
    CaseRated,
    CaseReopened,
    ClockPauseDecided,
    ClockPauseRequested,
    ClockResumed,
    ConfirmationRequested,
    DepartmentReleased,
    DepartmentTaskDispatched,
    DisputeRuled,
    DissatisfactionReviewed,
    IncidentReported,
    JointActionRecorded,
    JointActionScheduled,
    Message,
    RatingExpired,
    RatingRequested,
    ResolutionConfirmed,
    TaskAcknowledged,
    TaskDeadlinesSet,
    TaskDisputed,
    TaskEscalated,
    TaskOutcomeSubmitted,
    TaskSentBack,
)
from contracts.vocabulary import DisputeRuling, TaskStatus
from enforcement.domain.notifications import audiences, message_of
from enforcement.domain.states import CaseStatus, ConfirmationStatus, PauseState, RatingStatus
from enforcement.store.repository import EnforcementRepository
from enforcement.store.tables import (
    AccountabilityRecord,
    Case,
    DepartmentTask,
    JointAction,
    Notification,
    TimelineEntry,
)


def apply(repo: EnforcementRepository, event: Message, *, event_id: str, at: datetime) -> None:
    """Apply a domain event to the rows, append it to the timeline, and notify its audience."""
    _change_rows(repo, event)
    repo.add(
        TimelineEntry(
            case_id=event.message_key(),
            event_id=event_id,
            event_type=event.EVENT_TYPE,
            at=at,
            data=event.model_dump(mode="json"),
        )
    )
    _notify(repo, event, event_id=event_id, at=at)


def _change_rows(repo: EnforcementRepository, event: Message) -> None:
    task_id = getattr(event, "task_id", None)
    task = repo.task(task_id) if task_id is not None else None
    match event:
        case DepartmentTaskDispatched():
            repo.add(
                DepartmentTask(
                    **event.model_dump(include=_DISPATCH_FIELDS),
                    department=event.department.value,
                    severity=event.severity.value,
                )
            )
        case TaskAcknowledged():
            _set(
                task,
                status=TaskStatus.ACKNOWLEDGED,
                acknowledged_at=event.acknowledged_at,
                acknowledged_by=event.officer,
            )
        case TaskOutcomeSubmitted():
            _set(
                task,
                status=TaskStatus.FED_BACK,
                outcome=event.outcome.value,
                outcome_note=event.note,
                fine_amount_yuan=event.fine_amount_yuan,
                handled_at=event.submitted_at,
                handled_by=event.officer,
            )
        case TaskEscalated():
            _set(task, escalation_level=max(task.escalation_level if task else 0, event.level))
        case TaskDeadlinesSet():
            _set(task, acknowledge_by=event.acknowledge_by, handle_by=event.handle_by)
        case TaskDisputed():
            _set(task, status=TaskStatus.DISPUTED, dispute_reason=event.reason)
        case DisputeRuled(ruling=DisputeRuling.INSIST):
            _set(task, status=TaskStatus.DISPATCHED)
        case DisputeRuled():
            _set(task, status=TaskStatus.REASSIGNED)
        case TaskSentBack():
            _set(
                task,
                status=TaskStatus.ACKNOWLEDGED,
                rework_count=event.rework_count,
                outcome=None,
                outcome_note=None,
                fine_amount_yuan=None,
                handled_at=None,
                handled_by=None,
            )
        case ClockPauseRequested():
            _set(task, pause_state=PauseState.REQUESTED, pause_id=event.pause_id)
        case ClockPauseDecided(approved=True):
            _set(task, pause_state=PauseState.PAUSED)
        case ClockPauseDecided() | ClockResumed():
            _set(task, pause_state=PauseState.NONE, pause_id=None)
        case DepartmentReleased():
            _set(task, status=TaskStatus.RELEASED)
        case JointActionScheduled():
            repo.add(
                JointAction(
                    **event.model_dump(exclude={"departments", "scheduled_at"}),
                    departments=[d.value for d in event.departments],
                )
            )
        case JointActionRecorded():
            action = repo.joint_action(event.action_id)
            if action is not None:
                for name in ("outcome", "fine_amount_yuan", "note", "recorded_by", "recorded_at"):
                    setattr(action, name, getattr(event, name))
                repo.add(action)
        case AccountabilityMeasureIssued():
            repo.add(AccountabilityRecord(**event.model_dump()))
        case CaseClosed():
            closed = repo.case(event.case_id)
            _change_case(
                repo,
                event.case_id,
                status=CaseStatus.CLOSED,
                closed_at=event.closed_at,
                closed_by=event.verified_by,
                closures=(closed.closures if closed else 0) + 1,
                **_NEW_CLOSURE,
            )
            for fed_back in repo.tasks_of_case(event.case_id):
                if fed_back.status == TaskStatus.FED_BACK:
                    _set(fed_back, status=TaskStatus.CLOSED)
                    repo.add(fed_back)
        case CaseReopened():
            _change_case(
                repo, event.case_id, status=CaseStatus.OPEN, closed_at=None, closed_by=None
            )
        case ConfirmationRequested():
            _change_case(
                repo,
                event.case_id,
                confirmer_role=event.confirmer,
                confirmation_status=ConfirmationStatus.AWAITING,
                confirm_by=event.confirm_by,
            )
        case ResolutionConfirmed():
            _change_case(
                repo,
                event.case_id,
                confirmation_status=(
                    ConfirmationStatus.SOLVED if event.solved else ConfirmationStatus.NOT_SOLVED
                ),
                confirmed_by=event.confirmed_by,
                confirmed_at=event.confirmed_at,
                confirmation_note=event.note,
            )
        case RatingRequested():
            _change_case(
                repo, event.case_id, rating_status=RatingStatus.AWAITING, rate_by=event.rate_by
            )
        case CaseRated():
            _change_case(
                repo,
                event.case_id,
                rating_status=RatingStatus.RATED,
                satisfaction=event.satisfaction,
                rating_reason=event.reason,
                rated_at=event.rated_at,
            )
        case RatingExpired():
            _change_case(repo, event.case_id, rating_status=RatingStatus.NOT_RATED)
        case DissatisfactionReviewed():
            _change_case(repo, event.case_id, rating_status=RatingStatus.REVIEWED)
        case IncidentReported():
            case = repo.case(event.incident_id)
            if case is not None:
                case.record_report(event)
                repo.add(case)
    if task is not None:
        repo.add(task)


_DISPATCH_FIELDS = {
    "task_id",
    "case_id",
    "district",
    "township",
    "lead",
    "acknowledge_by",
    "handle_by",
    "dispatched_at",
}


# A new closure's confirmation and rating start empty.
_NEW_CLOSURE = dict.fromkeys(
    (
        "confirmer_role",
        "confirmation_status",
        "confirm_by",
        "confirmed_by",
        "confirmed_at",
        "confirmation_note",
        "rating_status",
        "rate_by",
        "satisfaction",
        "rating_reason",
        "rated_at",
    )
)


def _set(row: DepartmentTask | Case | None, **values: object) -> None:
    if row is None:
        return
    for name, value in values.items():
        setattr(row, name, value.value if isinstance(value, Enum) else value)


def _change_case(repo: EnforcementRepository, case_id: str, **values: object) -> None:
    case = repo.case(case_id)
    if case is not None:
        _set(case, **values)
        repo.add(case)


def _notify(repo: EnforcementRepository, event: Message, *, event_id: str, at: datetime) -> None:
    case = repo.case(event.message_key())
    if case is None:
        return
    task_id = getattr(event, "task_id", None)
    for audience in audiences(
        event, getattr(event, "district", None) or case.district, case.township
    ):
        repo.add(
            Notification(
                event_id=event_id,
                case_id=case.case_id,
                task_id=task_id,
                kind=event.EVENT_TYPE.split(".")[2],
                role=audience.role.value,
                department=audience.department,
                district=audience.district,
                township=audience.township,
                grid=audience.grid,
                username=audience.username,
                message=message_of(event),
                at=at,
            )
        )
