"""Every oversight use case over the fake unit of work: the facts it keeps and what it serves."""

from __future__ import annotations

from datetime import timedelta
from functools import reduce

from contracts.events import DepartmentTaskDispatched, TaskAcknowledged, TaskEscalated
from contracts.vocabulary import Clock, Department
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
