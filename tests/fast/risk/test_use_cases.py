"""Every risk use case over the fake unit of work: what it stores and who may read it."""

from __future__ import annotations

from datetime import timedelta

from contracts.events import ComplianceViolationFound
from contracts.vocabulary import Severity
from govkit.http import PageParams
from risk import service
from tests.fast.support import PEOPLE, T0

PAGE = PageParams(offset=0, limit=50)


def violation(violation_id: str = "v-1", **changes) -> ComplianceViolationFound:
    found = ComplianceViolationFound(
        violation_id=violation_id,
        institution_id="inst-1",
        institution_name="启航学堂",
        address="雨花区东塘街道1号",
        rule="training_hours",
        evidence="课程安排至21:00",
        severity=Severity.NORMAL,
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        found_at=T0 - timedelta(hours=1),
    )
    return found.model_copy(update=changes)


def recorded(uow, *violations: ComplianceViolationFound) -> None:
    with uow:
        for found in violations:
            service.record_violation(found, uow)
        uow.commit()


def test_a_violation_is_kept_once_as_a_signal_from_the_registry(uow):
    recorded(uow, violation(), violation())
    [signal] = uow.repo.signals_by_id.values()
    assert (signal.signal_id, signal.institution_id, signal.kind, signal.source) == (
        "v-1",
        "inst-1",
        "compliance.training_hours",
        "/services/institutions",
    )
    assert (signal.severity, signal.evidence, signal.occurred_at, signal.received_at) == (
        "normal",
        "课程安排至21:00",
        T0 - timedelta(hours=1),
        T0,
    )
    assert uow.committed == []  # a signal announces nothing


def test_signals_are_read_within_the_callers_area_newest_first(uow):
    recorded(
        uow,
        violation("v-old", found_at=T0 - timedelta(days=2)),
        violation("v-new"),
        violation("v-guitang", township="guitang"),
        violation("v-other", institution_id="inst-2"),
    )

    def seen(username: str) -> list[str]:
        rows, count = service.signals("inst-1", PEOPLE[username], PAGE, uow)
        assert count == len(rows)
        return [row.signal_id for row in rows]

    assert seen("leader_city") == ["v-new", "v-guitang", "v-old"]
    assert seen("district_yuhua") == ["v-new", "v-guitang", "v-old"]
    assert seen("edu_officer") == ["v-new", "v-guitang", "v-old"]
    assert seen("township_dongtang") == ["v-new", "v-old"]
    assert seen("edu_officer_furong") == []


def test_signals_come_a_page_at_a_time(uow):
    recorded(uow, *(violation(f"v-{n}", found_at=T0 - timedelta(minutes=n)) for n in range(5)))
    rows, count = service.signals(
        "inst-1", PEOPLE["leader_city"], PageParams(offset=1, limit=2), uow
    )
    assert (count, [row.signal_id for row in rows]) == (5, ["v-1", "v-2"])
