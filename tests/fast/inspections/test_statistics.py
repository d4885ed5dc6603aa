"""The statistics table: its figures for a known history, and its invariant over 500 generated
inspections (存在问题 = 已完成整改 + 正在整改, in every row and the total)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from govkit.errors import NotAllowed
from govkit.fakes import FakeUnitOfWork
from govkit.principal import Principal
from inspections.domain.forms import local_day
from inspections.domain.statistics import Level, StatisticsRequest, StatisticsTable
from inspections.service.statistics import statistics
from tests.fast.inspections.fakes import FakeInspectionsRepository
from tests.fast.inspections.generated import DISTRICTS, TOWNSHIPS, Clock, generate
from tests.fast.inspections.world import (
    SCHOOL_ID,
    STAFF_XINGCHEN,
    XINGCHEN,
    acknowledged,
    build,
    inspect,
    rectified,
    reinspected,
)
from tests.fast.support import PEOPLE, sequential_ids

LEADER = PEOPLE["leader_city"]


def table(uow, reader=LEADER, **request) -> StatisticsTable:
    return statistics(StatisticsRequest.model_validate(request), reader, uow)


def test_a_known_history_gives_the_annex_figures(uow, rules):
    build(uow)
    order_id = inspect(
        uow, rules, XINGCHEN.institution_id, {22: "未用示范合同", 24: "消防通道堵塞"}
    ).order_id
    inspect(uow, rules, SCHOOL_ID, {6: "作业超时"})
    inspect(uow, rules, SCHOOL_ID, {})
    acknowledged(uow, order_id, STAFF_XINGCHEN)
    rectified(uow, order_id, STAFF_XINGCHEN)
    reinspected(uow, order_id, passed=True)

    district = table(uow, PEOPLE["district_yuhua"], level="district", district="yuhua")
    assert [row.unit for row in district.rows] == ["dongtang"]
    total = district.total
    assert (total.institutions_inspected, total.institutions_non_subject) == (1, 1)
    assert total.schools_inspected.model_dump() == {"total": 1, "primary": 1, "junior": 0}
    assert total.inspectors_sent.primary == 1 and total.notices_issued.primary == 1
    assert total.units_with_problems.model_dump() == {
        "total": 2,
        "primary": 1,
        "junior": 0,
        "institutions": 1,
    }
    assert total.units_rectified.institutions == 1 and total.units_rectified.primary == 0
    assert total.problems_found.total == 3
    assert (total.problems_rectified.total, total.problems_rectifying.total) == (2, 1)
    assert [p.item_no for p in district.main_problems] == [6, 22, 24]
    city = table(uow)
    assert [row.unit for row in city.rows] == ["yuhua"] and city.total == total.model_copy(
        update={"unit": "合计"}
    )


def test_the_period_and_the_callers_area_bound_the_table(uow, rules):
    build(uow)
    inspect(uow, rules, SCHOOL_ID, {6: "作业超时"})
    today = local_day(uow.now)
    assert table(uow, **{"from": today + timedelta(days=1)}).total.problems_found.total == 0
    assert table(uow, **{"from": today, "to": today}).total.problems_found.total == 1
    with pytest.raises(NotAllowed):
        table(uow, PEOPLE["district_yuhua"])  # the city is the leadership's
    with pytest.raises(NotAllowed):
        table(
            uow, PEOPLE["township_guitang"], level="township", district="yuhua", township="dongtang"
        )
    assert (
        table(
            uow, PEOPLE["inspector_yuhua"], level="district", district="yuhua"
        ).total.problems_found.total
        == 1
    )
    stranger = Principal("x", "insp_other", frozenset({"inspector"}), district="yuhua")
    assert table(uow, stranger, level="district", district="yuhua").total.problems_found.total == 0


def test_a_request_says_what_is_missing():
    with pytest.raises(ValueError, match="needs district"):
        StatisticsRequest(level=Level.DISTRICT)
    with pytest.raises(ValueError, match="needs township"):
        StatisticsRequest(level=Level.TOWNSHIP, district="yuhua")


def assert_balanced(result: StatisticsTable) -> None:
    for row in [*result.rows, result.total]:
        assert row.balanced(), row
    for figure in (
        "problems_found",
        "problems_rectified",
        "problems_rectifying",
        "units_with_problems",
    ):
        assert (
            sum(getattr(r, figure).total for r in result.rows)
            == getattr(result.total, figure).total
        )


def every_table(uow, expected) -> list[StatisticsTable]:
    """The city's, each district's and each township's, for all time and for a part of it."""
    tables = [table(uow)]
    middle = local_day(expected.last) - timedelta(days=200)
    tables.append(table(uow, **{"to": middle}))
    tables.append(table(uow, **{"from": middle + timedelta(days=1)}))
    for district in DISTRICTS:
        tables.append(table(uow, level="district", district=district))
        for t in range(TOWNSHIPS):
            tables.append(
                table(uow, level="township", district=district, township=f"{district}-t{t}")
            )
    return tables


def test_found_equals_rectified_plus_rectifying_over_500_generated_inspections(rules):
    clock = Clock()
    uow = FakeUnitOfWork(FakeInspectionsRepository(), clock=clock, new_id=sequential_ids())
    expected = generate(uow, clock, rules, random.Random(2026), count=500)
    tables = every_table(uow, expected)
    for result in tables:
        assert_balanced(result)
    city, before, after = tables[:3]
    assert city.total.problems_found.total == expected.problems > 0
    assert city.total.problems_rectified.total == expected.rectified > 0
    assert (
        sum(r.notices_issued.total for r in city.rows)
        + sum(r.units_with_problems.institutions >= 0 for r in city.rows)
        >= 0
    )
    accountability = city.total.accountability
    assert accountability.supervision_notices == expected.escalations["supervision_notice"]
    assert accountability.accountability == expected.escalations["disciplinary_accountability"]
    assert before.total.problems_found.total + after.total.problems_found.total == expected.problems
    assert [r.unit for r in city.rows] == sorted(DISTRICTS)
