"""Every oversight use case over the fake unit of work: the facts it keeps and what it serves."""

from __future__ import annotations

from datetime import timedelta
from functools import reduce

from contracts.events import (
    AccountabilityMeasureIssued,
    CaseClosed,
    DepartmentTaskDispatched,
    TaskAcknowledged,
    TaskEscalated,
)
from contracts.vocabulary import AccountabilityMeasure, Clock, Department, IncidentType
from oversight import service
from oversight.domain.facts import Facts, evolve
from oversight.domain.metrics import GroupBy
from oversight.domain.query import MetricsQuery
from tests.fast.support import PEOPLE, T0


def dispatched(
    case_id: str,
    department: Department = Department.EDUCATION,
    township: str = "dongtang",
    district: str = "yuhua",
    days_later: int = 0,
) -> DepartmentTaskDispatched:
    at = T0 + timedelta(days=days_later)
    return DepartmentTaskDispatched(
        task_id=f"{case_id}:{department}",
        case_id=case_id,
        department=department,
        district=district,
        township=township,
        acknowledge_by=at + timedelta(minutes=30),
        handle_by=at + timedelta(days=3),
        dispatched_at=at,
    )


def acknowledged(case_id: str, minutes: int) -> TaskAcknowledged:
    return TaskAcknowledged(
        task_id=f"{case_id}:education",
        case_id=case_id,
        department=Department.EDUCATION,
        officer="edu_officer",
        acknowledged_at=T0 + timedelta(minutes=minutes),
    )


def escalated(case_id: str) -> TaskEscalated:
    return TaskEscalated(
        escalation_id=f"e-{case_id}",
        task_id=f"{case_id}:education",
        case_id=case_id,
        department=Department.EDUCATION,
        level=1,
        reason="未按时报到",
        escalated_at=T0 + timedelta(minutes=31),
        clock=Clock.ACKNOWLEDGE,
    )


def folded(uow, *events) -> None:
    for event in events:
        with uow:
            service.fold(event, uow)
            uow.commit()


def test_fold_keeps_the_facts_a_pure_fold_of_the_same_events_gives(uow):
    events = (
        dispatched("c1"),
        dispatched("c1", Department.FIRE_SAFETY),
        acknowledged("c1", 45),
        escalated("c1"),
    )
    folded(uow, *events)
    assert uow.repo.facts("c1") == reduce(evolve, events, Facts())
    education = uow.repo.facts("c1").tasks["c1:education"]
    assert (education.acknowledged_on_time, education.escalations) == (False, 1)
    assert uow.committed == []  # a read model announces nothing


def metrics(uow, username: str, **query):
    scope, groups = service.metrics(
        MetricsQuery(group_by=GroupBy.TOWNSHIP, **query), PEOPLE[username], uow
    )
    return scope.filters(), [group.group for group in groups]


def test_metrics_are_counted_within_the_viewers_scope(uow):
    folded(
        uow,
        dispatched("c1"),
        dispatched("c2", Department.FIRE_SAFETY, township="guitang"),
        dispatched("c3", township="dingwangtai", district="furong"),
    )
    assert metrics(uow, "leader_city") == ({}, ["dingwangtai", "dongtang", "guitang"])
    assert metrics(uow, "district_yuhua") == ({"district": "yuhua"}, ["dongtang", "guitang"])
    assert metrics(uow, "township_guitang") == (
        {"district": "yuhua", "township": "guitang"},
        ["guitang"],
    )
    assert metrics(uow, "edu_lead") == (
        {"district": "yuhua", "department": "education"},
        ["dongtang"],
    )


def test_filters_narrow_the_scope_and_never_widen_it(uow):
    folded(
        uow,
        dispatched("c1"),
        dispatched("c2", township="dingwangtai", district="furong", days_later=7),
    )
    assert metrics(uow, "leader_city", district="furong")[1] == ["dingwangtai"]
    assert metrics(uow, "district_yuhua", district="furong")[1] == []
    assert metrics(uow, "leader_city", from_week="2026-W49")[1] == ["dingwangtai"]
    assert metrics(uow, "leader_city", to_week="2026-W48")[1] == ["dongtang"]


def measure(case_id: str, kind: AccountabilityMeasure) -> AccountabilityMeasureIssued:
    return AccountabilityMeasureIssued(
        measure_id=f"m-{case_id}-{kind}",
        case_id=case_id,
        task_id=f"{case_id}:education",
        department=Department.EDUCATION,
        district="yuhua",
        measure=kind,
        misses=1,
        period="2026-11",
        issued_at=T0 + timedelta(hours=1),
    )


def test_the_cockpit_counts_cases_and_the_ladder_over_the_whole_query(uow):
    """Open, closed, overdue (a missed 报到/处置) and escalated (rung 2 on any clock) cases, each
    once however many of its tasks qualify; the ladder by rung; `total` over every group."""
    to_the_district = escalated("c1").model_copy(update={"escalation_id": "e2", "level": 2})
    ruling = escalated("c3").model_copy(
        update={"escalation_id": "e3", "level": 2, "clock": Clock.RULING}
    )
    folded(
        uow,
        dispatched("c1"),
        dispatched("c1", Department.FIRE_SAFETY),
        escalated("c1"),
        to_the_district,
        dispatched("c2", township="guitang"),
        CaseClosed(case_id="c2", incident_id="c2", verified_by="township_guitang", closed_at=T0),
        dispatched("c3"),
        ruling,
        measure("c1", AccountabilityMeasure.SUPERVISION_NOTICE),
        measure("c3", AccountabilityMeasure.SUPERVISION_NOTICE),
        measure("c3", AccountabilityMeasure.PUBLIC_NOTICE),
    )
    _, groups, total = service.metrics_and_total(
        MetricsQuery(group_by=GroupBy.DEPARTMENT), PEOPLE["leader_city"], uow
    )
    assert total.group == "all"
    assert total.cases.model_dump() == {
        "total": 3,
        "open": 2,
        "closed": 1,
        "overdue": 1,  # the ruling clock is the township's miss, not a department's
        "escalated": 2,  # …but the task shows it at the district office
    }
    assert total.ladder.model_dump() == {
        "supervision_notice": 2,
        "public_notice": 1,
        "formal_talk": 0,
        "disciplinary_accountability": 0,
    }
    by_department = {g.group: g for g in groups}
    assert by_department["education"].cases.total == 3
    assert (
        by_department["fire_safety"].cases.total,
        by_department["fire_safety"].cases.overdue,
    ) == (1, 0)
    assert total.tasks_dispatched == sum(g.tasks_dispatched for g in groups)


def test_township_department_type_and_opening_day_narrow_the_scope(uow):
    folded(
        uow,
        dispatched("c1").model_copy(update={"incident_type": IncidentType.FIRE_HAZARD}),
        dispatched("c2", Department.FIRE_SAFETY, township="guitang"),
        dispatched("c3", days_later=7),
    )
    assert metrics(uow, "leader_city", township="guitang")[1] == ["guitang"]
    assert metrics(uow, "leader_city", department="fire_safety")[1] == ["guitang"]
    assert metrics(uow, "edu_lead", department="fire_safety")[1] == []
    assert metrics(uow, "township_guitang", township="dongtang")[1] == []
    assert metrics(uow, "leader_city", incident_type="fire_hazard")[1] == ["dongtang"]
    day = T0.date()
    assert metrics(uow, "leader_city", opened_from=day, opened_to=day)[1] == [
        "dongtang",
        "guitang",
    ]
    _, groups, total = service.metrics_and_total(
        MetricsQuery(group_by=GroupBy.WEEK, opened_from=day + timedelta(days=7)),
        PEOPLE["leader_city"],
        uow,
    )
    assert (len(groups), total.cases.total) == (1, 1)
