"""The metrics' cells: kept event by event, they answer every query they admit exactly as the
tasks do, and they decline the queries they cannot answer."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta, timezone

import pytest

from contracts.vocabulary import Department, IncidentType
from govkit.principal import CITY, NOWHERE, Scope
from oversight.domain.cells import (
    ANY,
    HIGHEST,
    SUM_NAMES,
    Cell,
    Selection,
    changes,
    contributions,
    selection,
)
from oversight.domain.facts import Facts, TaskFacts, evolve
from oversight.domain.metrics import ALL, GroupBy, GroupSums, Sums, grouped_sums, sums_of
from oversight.domain.query import MetricsQuery
from tests.domain.test_oversight_metrics import task
from tests.support.timelines import generate_timelines

pytestmark = pytest.mark.unit
T0 = datetime(2026, 11, 16, 10, 0, tzinfo=timezone(timedelta(hours=8)))
SCOPES = (
    CITY,
    Scope(district="yuhua"),
    Scope(district="yuhua", township="guitang"),
    Scope(district="yuhua", department=Department.EDUCATION.value),
    Scope(department=Department.FIRE_SAFETY.value),
    Scope(district="yuhua", department=NOWHERE),
)


def added(kept: Sums | None, change: Sums) -> Sums:
    """What the database does with a cell's change: each sum added, the highest level kept."""
    kept = kept or Sums()
    return Sums(
        **{
            name: max(getattr(kept, name), getattr(change, name))
            if name == HIGHEST
            else getattr(kept, name) + getattr(change, name)
            for name in SUM_NAMES
        }
    )


def read(cells: dict[Cell, Sums], chosen: Selection) -> list[GroupSums]:
    """What the database sums for a selection: its cells, added up per group."""
    groups: dict[str, Sums] = {}
    for cell, sums in cells.items():
        place = (chosen.district or cell.district, chosen.township or cell.township)
        wanted = (chosen.kind, chosen.department, chosen.incident_type, *place)
        if (cell.kind, cell.department, cell.incident_type, cell.district, cell.township) == wanted:
            groups[cell.group] = added(groups.get(cell.group), sums)
    return sorted(groups.items())


@pytest.fixture(scope="module")
def folded() -> tuple[dict[Cell, Sums], list[Facts]]:
    """Random timelines folded event by event, their changes added to the cells as they come."""
    cells: dict[Cell, Sums] = {}
    cases = []
    for timeline in generate_timelines(seed=29, cases=150, start=T0, weeks=3, prefix="cell"):
        facts = Facts()
        for event in timeline.events:
            after = evolve(facts, event)
            for cell, change in changes(facts, after).items():
                cells[cell] = added(cells.get(cell), change)
            facts = after
        cases.append(facts)
    return cells, cases


def test_changes_added_event_by_event_make_each_cases_final_contributions(folded):
    cells, cases = folded
    expected: dict[Cell, Sums] = defaultdict(Sums)
    for facts in cases:
        for cell, sums in contributions(facts).items():
            expected[cell] = added(expected[cell], sums)
    assert cells == dict(expected)


@pytest.mark.parametrize("scope", SCOPES, ids=str)
@pytest.mark.parametrize("incident_type", [None, IncidentType.FIRE_HAZARD])
def test_the_cells_answer_a_query_as_its_tasks_do(folded, scope, incident_type):
    cells, cases = folded
    tasks = [task for facts in cases for task in facts.tasks.values()]
    by_case = {facts.case.case_id: facts.case for facts in cases if facts.case is not None}
    assert {task.incident_type for task in tasks} > {None, IncidentType.FIRE_HAZARD.value}
    chosen = [t for t in tasks if scope.admits(t) and _of_type(t, incident_type)]
    for group_by in GroupBy:
        answered = selection(scope, MetricsQuery(group_by=group_by, incident_type=incident_type))
        assert answered is not None
        groups, total = answered
        assert read(cells, groups) == grouped_sums(chosen, by_case, group_by)
        assert dict(read(cells, total)).get(ALL, Sums()) == sums_of(chosen, by_case)


def _of_type(task: TaskFacts, incident_type: IncidentType | None) -> bool:
    return incident_type is None or task.incident_type == incident_type.value


def test_a_case_on_two_departments_is_one_case_of_its_township():
    tasks = [task("c1:education"), task("c1:fire_safety", department="fire_safety")]
    facts = Facts(tasks={each.task_id: each for each in tasks})
    made = contributions(facts)
    township = Cell("township", "dongtang", "yuhua", "dongtang", ANY, ANY)
    assert (made[township].tasks, made[township].cases_total) == (2, 1)
    assert made[Cell("department", "education", "yuhua", "dongtang", ANY, ANY)].cases_total == 1


@pytest.mark.parametrize(
    "query, scope",
    [
        ({"from_week": "2026-W47"}, CITY),
        ({"to_week": "2026-W47"}, CITY),
        ({"opened_from": "2026-11-16"}, CITY),
        ({"opened_to": "2026-11-16"}, CITY),
        ({}, Scope(township="dongtang", grid="g1")),
    ],
)
def test_dated_queries_and_scopes_cells_do_not_keep_are_left_to_the_tasks(query, scope):
    assert selection(scope, MetricsQuery(group_by=GroupBy.WEEK, **query)) is None
