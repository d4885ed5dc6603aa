"""Enforcement's pure rules: who may act on a task, in which state, and when a case may close."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from contracts.vocabulary import TaskOutcome
from enforcement import domain
from govkit.auth import Principal

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@dataclass
class Task:
    task_id: str = "c1:education"
    case_id: str = "c1"
    department: str = "education"
    district: str = "yuhua"
    township: str = "dongtang"
    status: str = "dispatched"


@dataclass
class Case:
    case_id: str = "c1"
    incident_id: str = "c1"
    township: str = "dongtang"
    status: str = "open"


def officer(department: str = "education", roles=("department_officer",)) -> Principal:
    return Principal(
        "sub", f"{department}_officer", frozenset(roles), department=department, district="yuhua"
    )


TOWNSHIP = Principal(
    "sub",
    "township_dongtang",
    frozenset({"township_officer"}),
    district="yuhua",
    township="dongtang",
)


def test_acknowledge_only_once_and_only_by_the_own_department():
    event = domain.acknowledge(Task(), officer(), now=NOW)
    assert (event.officer, event.acknowledged_at) == ("education_officer", NOW)
    with pytest.raises(domain.WrongState):
        domain.acknowledge(Task(status="acknowledged"), officer(), now=NOW)
    with pytest.raises(domain.NotAllowed):
        domain.acknowledge(Task(), officer("fire_safety"), now=NOW)


def test_outcome_needs_acknowledgement_first():
    with pytest.raises(domain.WrongState, match="请先报到"):
        domain.submit_outcome(Task(), officer(), TaskOutcome.BANNED, "取缔", now=NOW)
    event = domain.submit_outcome(
        Task(status="acknowledged"), officer(), TaskOutcome.FINED, "罚款27000元", now=NOW
    )
    assert event.outcome == TaskOutcome.FINED


def test_case_closes_only_when_every_department_fed_back_and_only_by_its_township():
    handled, pending = Task(status="handled"), Task(task_id="c1:fire", department="fire_safety")
    with pytest.raises(domain.WrongState, match="fire_safety"):
        domain.verify_and_close(Case(), [handled, pending], TOWNSHIP, now=NOW)
    with pytest.raises(domain.WrongState):
        domain.verify_and_close(Case(), [], TOWNSHIP, now=NOW)
    other = Principal(
        "sub", "township_guitang", frozenset({"township_officer"}), township="guitang"
    )
    with pytest.raises(domain.NotAllowed):
        domain.verify_and_close(Case(), [handled], other, now=NOW)
    closed = domain.verify_and_close(Case(), [handled], TOWNSHIP, now=NOW)
    assert (closed.verified_by, closed.closed_at) == ("township_dongtang", NOW)
    with pytest.raises(domain.WrongState):
        domain.verify_and_close(Case(status="closed"), [handled], TOWNSHIP, now=NOW)


@pytest.mark.parametrize(
    ("principal", "scope"),
    [
        (officer(), {"department": "education", "district": "yuhua"}),
        (TOWNSHIP, {"township": "dongtang"}),
        (
            Principal("s", "d", frozenset({"district_officer"}), district="yuhua"),
            {"district": "yuhua"},
        ),
        (Principal("s", "l", frozenset({"leader"})), None),
        (
            Principal("s", "x", frozenset({"department_officer"})),
            {"department": "-", "district": "-"},
        ),
    ],
)
def test_task_scope_follows_role_and_jurisdiction(principal, scope):
    assert domain.task_scope(principal) == scope
