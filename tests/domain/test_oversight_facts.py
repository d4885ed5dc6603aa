"""The oversight fold: each case event's effect on the task and case facts, at the boundaries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import reduce

import pytest

from contracts.events import (
    CaseClosed,
    CaseRated,
    CaseReopened,
    DepartmentReleased,
    DepartmentTaskDispatched,
    DisputeRuled,
    JointActionRecorded,
    RatingExpired,
    ResolutionConfirmed,
    TaskAcknowledged,
    TaskDeadlinesSet,
    TaskEscalated,
    TaskOutcomeSubmitted,
    TaskSentBack,
)
from contracts.vocabulary import (
    Clock,
    Department,
    DisputeRuling,
    ReopenCause,
    Satisfaction,
    TaskOutcome,
)
from oversight.domain.facts import EndState, Facts, Rating, evolve, iso_week

pytestmark = pytest.mark.unit
T0 = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai
ACK_BY = T0 + timedelta(minutes=30)
HANDLE_BY = T0 + timedelta(days=3)
TASK = "c1:education"


def dispatched(department=Department.EDUCATION, at=T0, task_id=TASK) -> DepartmentTaskDispatched:
    return DepartmentTaskDispatched(
        task_id=task_id,
        case_id="c1",
        department=department,
        district="yuhua",
        township="dongtang",
        acknowledge_by=at + timedelta(minutes=30),
        handle_by=at + timedelta(days=3),
        dispatched_at=at,
    )


def acknowledged(at: datetime) -> TaskAcknowledged:
    return TaskAcknowledged(
        task_id=TASK, case_id="c1", department="education", officer="o", acknowledged_at=at
    )


def fed_back(at: datetime) -> TaskOutcomeSubmitted:
    return TaskOutcomeSubmitted(
        task_id=TASK,
        case_id="c1",
        department="education",
        officer="o",
        outcome=TaskOutcome.RECTIFICATION_ORDERED,
        note="已责令整改",
        submitted_at=at,
    )


def deadlines(acknowledge_by: datetime, handle_by: datetime) -> TaskDeadlinesSet:
    return TaskDeadlinesSet(
        task_id=TASK,
        case_id="c1",
        department="education",
        acknowledge_by=acknowledge_by,
        handle_by=handle_by,
        reason="ruling",
        set_at=T0,
    )


def escalated(clock: Clock, level: int) -> TaskEscalated:
    return TaskEscalated(
        escalation_id=f"e-{clock}-{level}",
        task_id=TASK,
        case_id="c1",
        department="education",
        level=level,
        reason="missed",
        escalated_at=ACK_BY,
        clock=clock,
    )


def fold(*events) -> Facts:
    return reduce(evolve, events, Facts())


def task(*events):
    return fold(*events).tasks[TASK]


def test_dispatch_opens_the_case_and_dates_the_task_in_shanghai_week():
    # Sunday 16:30 UTC is already Monday 00:30 in Shanghai: the next ISO week.
    sunday_evening = datetime(2026, 11, 22, 16, 30, tzinfo=UTC)
    facts = fold(dispatched(at=sunday_evening))
    assert facts.tasks[TASK].week == "2026-W48"
    assert iso_week(sunday_evening - timedelta(minutes=31)) == "2026-W47"
    assert (facts.case.township, facts.case.opened_at, facts.case.closed_at) == (
        "dongtang",
        sunday_evening,
        None,
    )


def test_case_opened_at_is_the_first_dispatch():
    later = dispatched(Department.FIRE_SAFETY, at=T0 + timedelta(hours=2), task_id="c1:fire")
    assert fold(later, dispatched()).case.opened_at == T0


def test_acknowledged_exactly_at_the_deadline_is_on_time_and_a_microsecond_later_is_not():
    assert task(dispatched(), acknowledged(ACK_BY)).acknowledged_on_time is True
    late = task(dispatched(), acknowledged(ACK_BY + timedelta(microseconds=1)))
    assert late.acknowledged_on_time is False


def test_the_deadline_in_force_when_acknowledged_decides():
    moved = deadlines(ACK_BY + timedelta(hours=1), HANDLE_BY)
    facts = task(dispatched(), moved, acknowledged(ACK_BY + timedelta(minutes=40)))
    assert (facts.acknowledge_by, facts.acknowledged_on_time) == (ACK_BY + timedelta(hours=1), True)
    # A deadline moved after the 报到 does not rewrite the verdict.
    facts = task(dispatched(), acknowledged(ACK_BY + timedelta(minutes=40)), moved)
    assert facts.acknowledged_on_time is False


def test_only_the_first_acknowledgement_counts():
    facts = task(dispatched(), acknowledged(ACK_BY - timedelta(minutes=1)), acknowledged(ACK_BY))
    assert facts.acknowledged_at == ACK_BY - timedelta(minutes=1)


def test_rework_keeps_the_last_feedback_against_the_moved_handling_deadline():
    facts = task(
        dispatched(),
        acknowledged(T0),
        fed_back(HANDLE_BY - timedelta(hours=1)),
        TaskSentBack(
            task_id=TASK,
            case_id="c1",
            department="education",
            reason="证据不足",
            officer="township_dongtang",
            rework_count=1,
            sent_back_at=HANDLE_BY,
        ),
        deadlines(ACK_BY, HANDLE_BY + timedelta(days=2)),
        fed_back(HANDLE_BY + timedelta(days=2)),
    )
    assert (facts.rework_count, facts.fed_back_at, facts.fed_back_on_time) == (
        1,
        HANDLE_BY + timedelta(days=2),
        True,
    )
    assert task(dispatched(), fed_back(HANDLE_BY + timedelta(seconds=1))).fed_back_on_time is False


def test_ruling_escalations_are_the_townships_and_do_not_count():
    facts = task(
        dispatched(),
        escalated(Clock.ACKNOWLEDGE, 1),
        escalated(Clock.ACKNOWLEDGE, 2),
        escalated(Clock.RULING, 3),
        escalated(Clock.HANDLE, 1),
    )
    assert (facts.escalations, facts.max_escalation_level) == (3, 2)


def ruled(ruling: DisputeRuling) -> DisputeRuled:
    return DisputeRuled(
        task_id=TASK,
        case_id="c1",
        department="education",
        ruling=ruling,
        reassign_to=Department.MARKET_SUPERVISION if ruling == DisputeRuling.REASSIGN else None,
        reason="职责",
        ruled_by="township_dongtang",
        ruled_at=T0,
    )


def closed() -> CaseClosed:
    return CaseClosed(case_id="c1", incident_id="c1", verified_by="t", closed_at=HANDLE_BY)


def test_end_states_reassigned_released_closed_and_they_stick():
    assert task(dispatched(), ruled(DisputeRuling.INSIST)).end_state == EndState.OPEN
    reassigned = task(dispatched(), ruled(DisputeRuling.REASSIGN), closed())
    assert (reassigned.end_state, reassigned.counted) == (EndState.REASSIGNED, False)
    released = DepartmentReleased(
        task_id=TASK,
        case_id="c1",
        department="education",
        reason="无关",
        released_by="t",
        released_at=T0,
    )
    assert task(dispatched(), released, closed()).end_state == EndState.RELEASED
    facts = fold(dispatched(), fed_back(T0), closed())
    assert (facts.tasks[TASK].end_state, facts.case.closed_at) == (EndState.CLOSED, HANDLE_BY)


def test_events_that_change_no_figure_or_name_no_known_task_leave_the_facts_alone():
    facts = fold(dispatched())
    joint = JointActionRecorded(
        action_id="a",
        case_id="c1",
        outcome=TaskOutcome.BANNED,
        note="取缔",
        recorded_by="t",
        recorded_at=T0,
    )
    stranger = acknowledged(T0).model_copy(update={"task_id": "c1:unknown"})
    assert evolve(facts, joint) is facts
    assert evolve(facts, stranger) is facts
    assert evolve(facts, dispatched(at=T0 + timedelta(hours=1))) is facts
    assert evolve(Facts(), closed()) == Facts()


def confirmed(solved: bool, closure: int = 1) -> ResolutionConfirmed:
    return ResolutionConfirmed(
        case_id="c1", round=closure, solved=solved, note="核查", confirmed_by="g", confirmed_at=T0
    )


def reopened(closure: int = 1) -> CaseReopened:
    return CaseReopened(
        case_id="c1",
        round=closure,
        cause=ReopenCause.NOT_SOLVED,
        reason="仍在上课",
        reopened_by="g",
        reopened_at=T0,
    )


def rated(satisfaction: Satisfaction, closure: int = 1) -> CaseRated:
    reason = "仍有补课" if satisfaction == Satisfaction.DISSATISFIED else None
    return CaseRated(
        case_id="c1",
        round=closure,
        satisfaction=satisfaction,
        reason=reason,
        rated_by="g",
        rated_at=T0,
    )


def test_a_confirmation_and_a_rating_belong_to_the_closure_in_force():
    facts = fold(
        dispatched(), fed_back(T0), closed(), confirmed(True), rated(Satisfaction.SATISFIED)
    )
    assert (facts.case.solved, facts.case.rating) == (True, Rating.SATISFIED)
    expired = RatingExpired(case_id="c1", round=1, rate_by=T0, expired_at=T0)
    assert fold(dispatched(), closed(), confirmed(True), expired).case.rating == Rating.NOT_RATED
    assert fold(dispatched(), closed()).case.solved is False  # awaiting its confirmation


def test_a_reopening_undoes_the_closure_its_confirmation_and_its_rating():
    first = [
        dispatched(),
        fed_back(T0),
        closed(),
        confirmed(True),
        rated(Satisfaction.DISSATISFIED),
    ]
    facts = fold(*first, reopened())
    assert (facts.case.closed_at, facts.case.solved, facts.case.rating) == (None, False, None)
    assert facts.tasks[TASK].end_state == EndState.OPEN
    again = fold(*first, reopened(), fed_back(T0), closed(), confirmed(True, 2))
    assert (again.case.closed_at, again.case.solved, again.case.rating) == (HANDLE_BY, True, None)
    assert again.tasks[TASK].end_state == EndState.CLOSED
    not_solved = fold(dispatched(), closed(), confirmed(False), reopened())
    assert (not_solved.case.closed_at, not_solved.case.solved) == (None, False)


def test_closure_events_of_a_case_not_seen_leave_the_facts_alone():
    for event in (confirmed(True), reopened(), rated(Satisfaction.SATISFIED)):
        assert evolve(Facts(), event) == Facts()
