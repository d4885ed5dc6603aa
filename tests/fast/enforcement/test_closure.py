"""After the township closes: the on-site confirmation, the rating and the township's review,
who may do each, and what the whistle's commands about them record."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from faststream.kafka import TestKafkaBroker

from contracts.events import (
    ExpireRating,
    RecordConfirmationOverdue,
    RequestConfirmation,
    RequestRating,
)
from contracts.vocabulary import Department, EscalationTarget, ReporterRole, Satisfaction
from enforcement.domain.requests import OnSiteConfirmation, Rating, Review
from enforcement.service import cases, closure, records, reports, tasks, whistle
from govkit.errors import Invalid, NotAllowed, NotFound, WrongState
from govkit.fakes import FakeUnitOfWork
from tests.fast.enforcement.casework import (
    BANNED,
    CASE,
    DISTRICT,
    EDU,
    MARKET,
    OTHER_TOWNSHIP,
    PAGE,
    TOWNSHIP,
    kinds,
    open_case,
    task_id,
)
from tests.fast.enforcement.fakes import FakeEnforcementRepository
from tests.fast.support import PEOPLE, T0, bearer, envelope_of, sequential_ids
from tests.support.reports import incident_reported

GRID, OTHER_GRID = PEOPLE["grid_dongtang"], PEOPLE["grid_guitang"]
GRID_COLLEAGUE = replace(GRID, subject="grid-2", username="grid_dongtang_2")
CONFIRM_BY, RATE_BY = T0 + timedelta(hours=14), T0 + timedelta(hours=72)
ON_CASE = [Department.EDUCATION, Department.MARKET_SUPERVISION, Department.FIRE_SAFETY]


class Clock:
    """The time the fake unit of work reads; a test moves it."""

    now = T0


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def uow(clock) -> FakeUnitOfWork[FakeEnforcementRepository]:
    return FakeUnitOfWork(
        FakeEnforcementRepository(), clock=lambda: clock.now, new_id=sequential_ids()
    )


def run(uow, use_case, command) -> list[str]:
    before = len(uow.committed)
    with uow:
        use_case(command, uow)
        uow.commit()
    return kinds(uow.committed[before:])


def closed(uow, *, reporter: str = "grid_dongtang", role: ReporterRole | None = None) -> None:
    """Reported, three departments called, fire safety released, the others fed back, closed,
    and the whistle asks for the confirmation."""
    report = incident_reported(CASE, reported_at=T0, reporter=reporter, reporter_role=role)
    with uow:
        reports.record_report(report, uow)
        uow.commit()
    open_case(uow, *ON_CASE)
    fire = task_id(Department.FIRE_SAFETY)
    tasks.release(tasks.OnTaskWithReason(fire, TOWNSHIP, "无关"), uow)
    fed_back(uow)
    cases.verify_and_close(cases.OnCase(CASE, TOWNSHIP), uow)
    request = RequestConfirmation(case_id=CASE, round=1, confirm_by=CONFIRM_BY)
    assert run(uow, whistle.request_confirmation, request) == ["ConfirmationRequested"]


def fed_back(uow) -> None:
    for department, officer in (
        (Department.EDUCATION, EDU),
        (Department.MARKET_SUPERVISION, MARKET),
    ):
        task = uow.repo.task(task_id(department))
        if task.status == "dispatched":
            tasks.acknowledge(tasks.OnTask(task.task_id, officer), uow)
        tasks.submit_outcome(tasks.SubmitOutcome(task.task_id, officer, BANNED), uow)


def confirm(uow, who, solved: bool, note: str = "现场已无培训"):
    body = OnSiteConfirmation(solved=solved, note=note)
    return closure.confirm(closure.Confirm(CASE, who, body), uow)


def rated(uow, who, satisfaction: Satisfaction, reason: str | None = None):
    body = Rating(satisfaction=satisfaction, reason=reason)
    return closure.rate(closure.Rate(CASE, who, body), uow)


def confirmed_solved(uow) -> None:
    confirm(uow, GRID, solved=True)
    request = RequestRating(case_id=CASE, round=1, rate_by=RATE_BY)
    assert run(uow, whistle.request_rating, request) == ["RatingRequested"]


def noticed(uow, who) -> list[str]:
    return [n.kind for n in records.notifications(who, PAGE, uow)[0]]


def test_a_closure_asks_the_reporting_grid_to_confirm_on_site(uow):
    closed(uow)
    case = uow.repo.case(CASE)
    assert (case.status, case.closures, case.confirmer_role) == ("closed", 1, "grid_worker")
    assert (case.confirmation_status, case.confirm_by) == ("awaiting", CONFIRM_BY)
    again = RequestConfirmation(case_id=CASE, round=1, confirm_by=CONFIRM_BY)
    assert run(uow, whistle.request_confirmation, again) == []
    assert "ConfirmationRequested" in noticed(uow, GRID_COLLEAGUE)
    for elsewhere in (OTHER_GRID, TOWNSHIP, EDU):
        assert "ConfirmationRequested" not in noticed(uow, elsewhere), elsewhere.username


def test_only_the_reporting_grid_confirms_a_grid_workers_report(uow):
    closed(uow)
    for outsider in (TOWNSHIP, EDU):
        with pytest.raises(NotAllowed, match="dongtang-01"):
            confirm(uow, outsider, solved=True)
    with pytest.raises(NotFound):
        confirm(uow, OTHER_GRID, solved=True)
    record = confirm(uow, GRID_COLLEAGUE, solved=True)
    assert (record.case.confirmation_status, record.case.confirmed_by) == (
        "solved",
        "grid_dongtang_2",
    )
    assert record.case.status == "closed"
    with pytest.raises(WrongState, match="awaiting confirmation"):
        confirm(uow, GRID, solved=False)


def test_a_townships_own_whistle_is_confirmed_by_the_township(uow):
    closed(uow, reporter="township_dongtang", role=ReporterRole.TOWNSHIP_OFFICER)
    assert uow.repo.case(CASE).confirmer_role == "township_officer"
    assert "ConfirmationRequested" in noticed(uow, TOWNSHIP)
    with pytest.raises(NotAllowed, match="own township"):
        confirm(uow, GRID, solved=True)
    with pytest.raises(NotFound):
        confirm(uow, OTHER_TOWNSHIP, solved=True)
    assert confirm(uow, TOWNSHIP, solved=True).case.confirmation_status == "solved"


def test_not_solved_reopens_the_case_to_the_departments_that_were_on_it(uow):
    closed(uow)
    before = len(uow.committed)
    record = confirm(uow, GRID, solved=False, note="周六仍在上课")
    assert kinds(uow.committed[before:]) == [
        "ResolutionConfirmed",
        "CaseReopened",
        "TaskSentBack",
        "TaskSentBack",
    ]
    assert (record.case.status, record.case.closed_at, record.case.confirmation_status) == (
        "open",
        None,
        "not_solved",
    )
    assert {t.department: (t.status, t.rework_count) for t in record.tasks} == {
        "education": ("acknowledged", 1),
        "market_supervision": ("acknowledged", 1),
        "fire_safety": ("released", 0),
    }
    assert uow.committed[-1].reason.endswith("周六仍在上课")
    assert "TaskSentBack" in noticed(uow, EDU)
    # Handled again and closed again: a second closure, asked to be confirmed afresh.
    fed_back(uow)
    again = cases.verify_and_close(cases.OnCase(CASE, TOWNSHIP), uow).case
    assert (again.closures, again.confirmation_status) == (2, None)
    stale = RequestConfirmation(case_id=CASE, round=1, confirm_by=CONFIRM_BY)
    assert run(uow, whistle.request_confirmation, stale) == []
    second = RequestConfirmation(case_id=CASE, round=2, confirm_by=CONFIRM_BY)
    assert run(uow, whistle.request_confirmation, second) == ["ConfirmationRequested"]


def test_a_missed_confirmation_is_escalated_once_to_the_district_and_the_township(uow):
    closed(uow)
    overdue = RecordConfirmationOverdue(
        case_id=CASE,
        round=1,
        missed_deadline=CONFIRM_BY,
        reaches=EscalationTarget.DISTRICT_OFFICE,
        reason="未在时限内现场核查",
    )
    assert run(uow, whistle.record_confirmation_overdue, overdue) == ["ConfirmationOverdue"]
    for reached in (DISTRICT, TOWNSHIP):
        assert "ConfirmationOverdue" in noticed(uow, reached), reached.username
    confirm(uow, GRID, solved=True)  # late, and still taken
    assert run(uow, whistle.record_confirmation_overdue, overdue) == []


def test_only_the_reporter_rates_and_a_dissatisfied_rating_needs_its_reason(uow):
    closed(uow)
    confirmed_solved(uow)
    assert uow.repo.case(CASE).rating_status == "awaiting"
    assert "RatingRequested" in noticed(uow, GRID)
    assert "RatingRequested" not in noticed(uow, GRID_COLLEAGUE)
    for not_the_reporter in (GRID_COLLEAGUE, TOWNSHIP):
        with pytest.raises(NotAllowed, match="reporter"):
            rated(uow, not_the_reporter, Satisfaction.SATISFIED)
    with pytest.raises(Invalid, match="reason"):
        rated(uow, GRID, Satisfaction.DISSATISFIED)
    record = rated(uow, GRID, Satisfaction.DISSATISFIED, "晚上仍有学生进出")
    assert (record.case.rating_status, record.case.satisfaction) == ("rated", "dissatisfied")
    assert record.case.rating_reason == "晚上仍有学生进出"
    assert "CaseRated" in noticed(uow, TOWNSHIP)
    with pytest.raises(WrongState, match="not open for rating"):
        rated(uow, GRID, Satisfaction.SATISFIED)


def test_a_window_that_closes_unrated_is_not_rated_and_takes_no_late_rating(uow, clock):
    closed(uow)
    confirmed_solved(uow)
    clock.now = RATE_BY + timedelta(seconds=1)
    with pytest.raises(WrongState, match="not open for rating"):
        rated(uow, GRID, Satisfaction.SATISFIED)
    expire = ExpireRating(case_id=CASE, round=1, rate_by=RATE_BY)
    assert run(uow, whistle.expire_rating, expire) == ["RatingExpired"]
    assert uow.repo.case(CASE).rating_status == "not_rated"
    assert run(uow, whistle.expire_rating, expire) == []


def test_a_rating_in_time_leaves_nothing_to_expire(uow):
    closed(uow)
    confirmed_solved(uow)
    rated(uow, GRID, Satisfaction.BASICALLY_SATISFIED)
    expire = ExpireRating(case_id=CASE, round=1, rate_by=RATE_BY)
    assert run(uow, whistle.expire_rating, expire) == []
    assert uow.repo.case(CASE).satisfaction == "basically_satisfied"


def test_the_township_reviews_a_dissatisfied_rating_and_may_reopen(uow):
    closed(uow)
    confirmed_solved(uow)
    keep = Review(reopen=False, reason="已核实整改到位")
    with pytest.raises(WrongState, match="不满意"):
        closure.review(closure.ReviewDissatisfaction(CASE, TOWNSHIP, keep), uow)
    rated(uow, GRID, Satisfaction.DISSATISFIED, "仍有家长反映")
    with pytest.raises(NotFound):
        closure.review(closure.ReviewDissatisfaction(CASE, OTHER_TOWNSHIP, keep), uow)
    reopen = Review(reopen=True, reason="群众反映属实")
    before = len(uow.committed)
    record = closure.review(closure.ReviewDissatisfaction(CASE, TOWNSHIP, reopen), uow)
    assert kinds(uow.committed[before:]) == [
        "DissatisfactionReviewed",
        "CaseReopened",
        "TaskSentBack",
        "TaskSentBack",
    ]
    assert uow.committed[before + 1].cause == "dissatisfied"
    assert (record.case.status, record.case.rating_status) == ("open", "reviewed")
    assert {t.rework_count for t in record.tasks if t.status == "acknowledged"} == {1}
    with pytest.raises(WrongState):
        closure.review(closure.ReviewDissatisfaction(CASE, TOWNSHIP, keep), uow)


def test_the_routes_answer_who_may_confirm_and_rate_and_how(api, uow):
    closed(uow)
    path = f"/cases/{CASE}"
    solved = {"solved": True, "note": "已无培训"}
    assert (
        api.post(f"{path}/confirmation", json=solved, headers=bearer("edu_officer")).status_code
        == 403
    )
    assert (
        api.post(f"{path}/confirmation", json=solved, headers=bearer("grid_guitang")).status_code
        == 404
    )
    refused = api.post(f"{path}/confirmation", json=solved, headers=bearer("township_dongtang"))
    assert refused.status_code == 403 and "上报网格" in refused.json()["detail"]
    no_note = api.post(
        f"{path}/confirmation", json={"solved": False, "note": " "}, headers=bearer("grid_dongtang")
    )
    assert no_note.status_code == 422
    assert [
        c["case_id"] for c in api.get("/cases", headers=bearer("grid_dongtang")).json()["data"]
    ] == [CASE]
    assert api.get("/cases", headers=bearer("grid_guitang")).json()["count"] == 0
    done = api.post(f"{path}/confirmation", json=solved, headers=bearer("grid_dongtang"))
    assert done.status_code == 200, done.text
    assert done.json()["confirmation"]["confirmation_status"] == "solved"
    assert done.json()["rating"] is None
    run(uow, whistle.request_rating, RequestRating(case_id=CASE, round=1, rate_by=RATE_BY))
    unhappy = {"satisfaction": "dissatisfied"}
    missing = api.post(f"{path}/rating", json=unhappy, headers=bearer("grid_dongtang"))
    assert missing.status_code == 422 and "不满意须填写原因" in missing.json()["detail"]
    assert (
        api.post(f"{path}/rating", json=unhappy, headers=bearer("edu_officer")).status_code == 403
    )
    unhappy["reason"] = "仍有补课"
    reply = api.post(f"{path}/rating", json=unhappy, headers=bearer("grid_dongtang"))
    assert reply.status_code == 200 and reply.json()["rating"]["satisfaction"] == "dissatisfied"
    review = {"reopen": False, "reason": "已整改"}
    assert (
        api.post(f"{path}/rating/review", json=review, headers=bearer("grid_dongtang")).status_code
        == 403
    )
    kept = api.post(f"{path}/rating/review", json=review, headers=bearer("township_dongtang"))
    assert kept.status_code == 200 and kept.json()["rating"]["rating_status"] == "reviewed"
    timeline = [e["event_type"].split(".")[2] for e in kept.json()["timeline"]]
    assert timeline[-5:] == [
        "ConfirmationRequested",
        "ResolutionConfirmed",
        "RatingRequested",
        "CaseRated",
        "DissatisfactionReviewed",
    ]


async def test_the_whistles_closure_commands_arrive_through_the_subscriber(api, uow):
    closed(uow)
    confirm(uow, GRID, solved=True)
    request = RequestRating(case_id=CASE, round=1, rate_by=RATE_BY)
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        for _ in range(2):
            await kafka.publish(
                envelope_of(request, "wf:rate:1"), topic="fast.enforcement.commands"
            )
    assert kinds(uow.committed).count("RatingRequested") == 1
    assert uow.repo.case(CASE).rate_by == RATE_BY
