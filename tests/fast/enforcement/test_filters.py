"""Finding tasks and cases: each filter narrows the caller's scope, and a bad value is a clear 422."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from contracts.events import DispatchDepartmentTask, RecordEscalation
from contracts.vocabulary import Department, IncidentType
from enforcement.app import create_app
from enforcement.data import load_accountability_rule
from enforcement.domain.filters import days_between, overdue
from enforcement.service import whistle
from govkit.fakes import FakeUnitOfWork
from tests.fast.enforcement.fakes import FakeEnforcementRepository
from tests.fast.support import T0, bearer, client, sequential_ids

DAY = timedelta(days=1)
MONDAY, WEDNESDAY = T0, T0 + 2 * DAY  # 10:00 in Changsha, 23 and 25 November 2026


@pytest.fixture
def clock():
    return SimpleNamespace(now=MONDAY)


@pytest.fixture
def api(settings, clock):
    """Case c-a (东塘, unlicensed school: education + market) on Monday; c-b (圭塘, fire) Wednesday."""
    uow = FakeUnitOfWork(
        FakeEnforcementRepository(), clock=lambda: clock.now, new_id=sequential_ids()
    )
    for case_id, township, incident_type, departments, at in (
        (
            "c-a",
            "dongtang",
            IncidentType.UNLICENSED_SCHOOL,
            ["education", "market_supervision"],
            MONDAY,
        ),
        ("c-b", "guitang", IncidentType.FIRE_HAZARD, ["fire_safety"], WEDNESDAY),
    ):
        clock.now = at
        with uow:
            for department in departments:
                whistle.dispatch_task(
                    _dispatch(case_id, township, incident_type, department, at), uow
                )
            uow.commit()
    return client(create_app, settings, uow)


def _dispatch(case_id, township, incident_type, department, at) -> DispatchDepartmentTask:
    return DispatchDepartmentTask(
        task_id=f"{case_id}:{department}",
        case_id=case_id,
        incident_id=case_id,
        incident_type=incident_type,
        department=Department(department),
        district="yuhua",
        township=township,
        grid=f"{township}-01",
        summary="【测试】",
        acknowledge_by=at + timedelta(minutes=30),
        handle_by=at + DAY,
    )


def ids(api, path: str, user: str = "leader_city") -> list[str]:
    reply = api.get(path, headers=bearer(user))
    assert reply.status_code == 200, reply.text
    rows = reply.json()["data"]
    return sorted(row.get("task_id") or row["case_id"] for row in rows)


def test_tasks_by_case_department_type_and_dispatch_day(api):
    assert ids(api, "/tasks?case_id=c-a") == ["c-a:education", "c-a:market_supervision"]
    assert ids(api, "/tasks?department=fire_safety") == ["c-b:fire_safety"]
    assert ids(api, "/tasks?incident_type=unlicensed_school&department=education") == [
        "c-a:education"
    ]
    assert ids(api, "/tasks?dispatched_from=2026-11-24") == ["c-b:fire_safety"]
    assert ids(api, "/tasks?dispatched_to=2026-11-23") == [
        "c-a:education",
        "c-a:market_supervision",
    ]
    assert ids(api, "/tasks?dispatched_from=2026-11-25&dispatched_to=2026-11-25") == [
        "c-b:fire_safety"
    ]
    assert ids(api, "/tasks?case_id=c-a&department=fire_safety") == []


def test_overdue_tasks_are_past_a_deadline_and_not_done(api, clock):
    clock.now = MONDAY + timedelta(minutes=10)
    act = {"headers": bearer("market_officer")}
    assert api.post("/tasks/c-a:market_supervision/acknowledge", **act).status_code == 200
    assert ids(api, "/tasks?overdue=true") == []
    clock.now = WEDNESDAY + timedelta(minutes=10)  # c-a's deadlines have passed, c-b's not
    assert ids(api, "/tasks?overdue=true") == ["c-a:education", "c-a:market_supervision"]
    outcome = {"outcome": "banned", "note": "依法取缔"}
    assert api.post("/tasks/c-a:market_supervision/outcome", json=outcome, **act).status_code == 200
    assert ids(api, "/tasks?overdue=true") == ["c-a:education"]
    assert ids(api, "/tasks?overdue=false") == ["c-a:market_supervision", "c-b:fire_safety"]
    assert ids(api, "/tasks?overdue=true", "edu_officer_furong") == []


def test_cases_by_township_department_type_status_and_opening_day(api):
    assert ids(api, "/cases?township=guitang") == ["c-b"]
    assert ids(api, "/cases?department=market_supervision") == ["c-a"]
    assert ids(api, "/cases?incident_type=fire_hazard&status=open") == ["c-b"]
    assert ids(api, "/cases?status=closed") == []
    assert ids(api, "/cases?opened_from=2026-11-24&opened_to=2026-11-30") == ["c-b"]
    assert ids(api, "/cases?opened_to=2026-11-23") == ["c-a"]


def test_a_filter_never_widens_the_callers_scope(api):
    assert ids(api, "/tasks?department=fire_safety", "edu_officer") == []
    assert ids(api, "/tasks?case_id=c-b", "edu_officer") == []
    assert ids(api, "/tasks?case_id=c-b", "township_dongtang") == []
    assert ids(api, "/cases?township=guitang", "township_dongtang") == []
    assert ids(api, "/cases?department=fire_safety", "edu_officer") == []
    assert ids(api, "/cases?department=market_supervision", "edu_officer") == ["c-a"]
    assert ids(api, "/cases?township=dongtang", "edu_officer_furong") == []


@pytest.mark.parametrize(
    ("path", "parameter", "says"),
    [
        ("/tasks?department=police", "department", "'education'"),
        ("/tasks?incident_type=noise", "incident_type", "'unlicensed_school'"),
        ("/tasks?status=done", "status", "'fed_back'"),
        ("/tasks?overdue=maybe", "overdue", "boolean"),
        ("/tasks?dispatched_from=23/11/2026", "dispatched_from", "expected YYYY-MM-DD"),
        ("/tasks?dispatched_to=2026-02-30", "dispatched_to", "expected YYYY-MM-DD"),
        ("/tasks?case_id=", "case_id", "at least 1 character"),
        (
            "/tasks?dispatched_from=2026-11-25&dispatched_to=2026-11-23",
            "dispatched_to",
            "expected dispatched_from <= dispatched_to",
        ),
        ("/cases?status=handled", "status", "'open'"),
        ("/cases?department=police", "department", "'market_supervision'"),
        ("/cases?opened_from=yesterday", "opened_from", "expected YYYY-MM-DD"),
        ("/cases?opened_from=2026-12-01&opened_to=2026-11-01", "opened_to", "opened_from <="),
    ],
)
def test_a_bad_filter_is_refused_naming_it_and_what_it_accepts(api, path, parameter, says):
    reply = api.get(path, headers=bearer("leader_city"))
    assert reply.status_code == 422, reply.text
    [error] = reply.json()["detail"]
    assert error["loc"] == ["query", parameter] and says in error["msg"], error


def test_status_handled_still_reads_as_fed_back(api):
    act = {"headers": bearer("edu_officer")}
    api.post("/tasks/c-a:education/acknowledge", **act)
    api.post("/tasks/c-a:education/outcome", json={"outcome": "banned", "note": "取缔"}, **act)
    assert ids(api, "/tasks?status=handled") == ids(api, "/tasks?status=fed_back")
    assert ids(api, "/tasks?status=fed_back") == ["c-a:education"]


def test_a_day_is_a_day_in_changsha():
    start, end = days_between(date(2026, 11, 23), date(2026, 11, 23))
    assert (start, end) == (
        datetime(2026, 11, 22, 16, tzinfo=UTC),
        datetime(2026, 11, 23, 16, tzinfo=UTC),
    )
    assert days_between(None, None) == (None, None)


@pytest.mark.parametrize(
    ("status", "pause_state", "handle_in", "late"),
    [
        ("dispatched", "none", DAY, True),  # 报到 missed
        ("acknowledged", "none", DAY, False),  # 报到 done, 处置 still in time
        ("acknowledged", "none", -DAY, True),  # 处置 missed
        ("acknowledged", "requested", -DAY, True),  # asking is not pausing
        ("acknowledged", "paused", -DAY, False),  # the clock stands still
        ("disputed", "none", -DAY, False),  # the township's ruling clock runs, not theirs
        ("fed_back", "none", -DAY, False),
        ("closed", "none", -DAY, False),
        ("released", "none", -DAY, False),
    ],
)
def test_overdue_is_judged_against_the_clock_that_runs(status, pause_state, handle_in, late):
    now = T0 + timedelta(hours=1)
    task = SimpleNamespace(
        status=status, pause_state=pause_state, acknowledge_by=T0, handle_by=now + handle_in
    )
    assert overdue(task, now) is late


def test_exactly_at_the_deadline_is_on_time():
    at_deadline = SimpleNamespace(status="dispatched", pause_state="none", acknowledge_by=T0)
    assert overdue(SimpleNamespace(**vars(at_deadline), handle_by=T0), T0) is False
    assert overdue(SimpleNamespace(**vars(at_deadline), handle_by=None), T0) is False
    assert overdue(SimpleNamespace(**vars(at_deadline), handle_by=None), T0 + DAY) is True


def test_cases_by_district_missed_deadline_and_escalation_the_department_own(settings):
    """Oversight's overdue and escalated cases: a miss (or rung 2) of a task of the department
    asked for, in the caller's scope; another department's miss on the same case is not its."""
    uow = FakeUnitOfWork(FakeEnforcementRepository(), clock=lambda: MONDAY, new_id=sequential_ids())
    with uow:
        for department in ("education", "market_supervision"):
            whistle.dispatch_task(
                _dispatch("c-a", "dongtang", IncidentType.UNLICENSED_SCHOOL, department, MONDAY),
                uow,
            )
        whistle.dispatch_task(
            _dispatch("c-b", "guitang", IncidentType.FIRE_HAZARD, "fire_safety", MONDAY), uow
        )
        for level in (1, 2):
            whistle.record_escalation(
                RecordEscalation(
                    escalation_id=f"esc-{level}",
                    task_id="c-a:market_supervision",
                    case_id="c-a",
                    level=level,
                    reason="未在时限内报到",
                    missed_deadline=MONDAY + timedelta(minutes=30),
                ),
                uow,
                rule=load_accountability_rule(),
            )
        uow.commit()
    api = client(create_app, settings, uow)
    assert ids(api, "/cases?missed_deadline=true") == ["c-a"]
    assert ids(api, "/cases?missed_deadline=false") == ["c-b"]
    assert ids(api, "/cases?escalated=true") == ["c-a"]
    assert ids(api, "/cases?missed_deadline=true&department=market_supervision") == ["c-a"]
    assert ids(api, "/cases?missed_deadline=true&department=education") == []
    assert ids(api, "/cases?escalated=true&department=education") == []
    # The education lead's scope holds only education's task of c-a: not late, not escalated.
    assert ids(api, "/cases", "edu_lead") == ["c-a"]
    assert ids(api, "/cases?missed_deadline=true", "edu_lead") == []
    assert ids(api, "/cases?district=yuhua") == ["c-a", "c-b"]
    assert ids(api, "/cases?district=furong") == []
    assert ids(api, "/cases?district=furong", "district_yuhua") == []
