"""The metrics' sums kept per cell, so that a leader's figures read a few rows, not every task.

A cell is a grouping (`department`, `township`, `week`, or `all` for the total), one of its
groups, a district and township, and a department and an incident type, each either one value
or `ANY`. A cell holds the sums (`Sums`) of the tasks that fall in it. The case figures of
`Sums` count distinct cases, which do not add across departments or incident types (a case
called onto two departments is one case of the township), so a task falls in every cell it
matches: its own department and `ANY`, its incident type and `ANY`. Districts and townships do
add: every task of a case is dispatched in its case's district and township, so the sums of a
group over a district are the sums of that group's cells over the district's townships.

Each case's contribution to a cell is `sums_of` over its own tasks in the cell, so the sums of
every case in a cell add up to `sums_of` over all of them (a case is counted once in a cell
whatever its tasks). The consumer keeps the cells by adding, for each event, what the event
changed in its case's contributions (`changes`). `max_escalation_level` is a maximum, not a
sum: a task's level only rises and a task never leaves its cells, so a cell keeps the highest.

Filters on a task's week or its case's opening day cut across cases, so queries with them are
answered from the task rows instead (`selection` returns None).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Set
from dataclasses import dataclass, fields, replace

from govkit.principal import Scope
from oversight.domain.facts import Facts, TaskFacts
from oversight.domain.metrics import ALL, GroupBy, Sums, sums_of
from oversight.domain.query import MetricsQuery

ANY = "*"
"""A cell's department or incident type when it holds the tasks of every one."""
KINDS = (*(kind.value for kind in GroupBy), ALL)
HIGHEST = "max_escalation_level"
SUM_NAMES = tuple(field.name for field in fields(Sums))
SCOPED_BY_CELLS = frozenset({"district", "township", "department"})


@dataclass(frozen=True, order=True)
class Cell:
    kind: str  # a GroupBy value, or ALL
    group: str  # the group's value (ALL for the total)
    district: str
    township: str
    department: str  # a department, or ANY
    incident_type: str  # an incident type, or ANY


@dataclass(frozen=True)
class Selection:
    """The cells one grouping of a query reads: one kind, within a scope, with its filters."""

    kind: str
    district: str | None
    township: str | None
    department: str
    incident_type: str


def cells_of(task: TaskFacts) -> Iterator[Cell]:
    """Every cell the task falls in."""
    types = (ANY, task.incident_type) if task.incident_type else (ANY,)
    for kind in KINDS:
        group = ALL if kind == ALL else getattr(task, kind)
        for department in (ANY, task.department):
            for incident_type in types:
                yield Cell(kind, group, task.district, task.township, department, incident_type)


def contributions(facts: Facts, within: Set[Cell] | None = None) -> dict[Cell, Sums]:
    """What one case adds to each cell it has a task in (of `within`, when given)."""
    members: dict[Cell, list[TaskFacts]] = defaultdict(list)
    for task in facts.tasks.values():
        for cell in cells_of(task):
            if within is None or cell in within:
                members[cell].append(task)
    cases = {facts.case.case_id: facts.case} if facts.case is not None else {}
    return {cell: sums_of(tasks, cases) for cell, tasks in members.items()}


def changes(before: Facts, after: Facts) -> dict[Cell, Sums]:
    """What to add to each cell when a case goes from `before` to `after`: the difference of
    every sum, and the highest escalation level `after` shows (a cell keeps the highest).

    Only the cells of the tasks that changed can change, unless the case itself did; a task
    never leaves its cells (what places it is set at its dispatch)."""
    touched = None if after.case != before.case else _cells_of_changed(before, after)
    old, new = contributions(before, touched), contributions(after, touched)
    return {
        cell: _difference(sums, old.get(cell, Sums()))
        for cell, sums in new.items()
        if sums != old.get(cell)
    }


def _cells_of_changed(before: Facts, after: Facts) -> set[Cell]:
    return {
        cell
        for task_id, task in after.tasks.items()
        if task != before.tasks.get(task_id)
        for cell in cells_of(task)
    }


def _difference(new: Sums, old: Sums) -> Sums:
    return Sums(
        **{
            name: getattr(new, name) if name == HIGHEST else getattr(new, name) - getattr(old, name)
            for name in SUM_NAMES
        }
    )


def selection(scope: Scope, query: MetricsQuery) -> tuple[Selection, Selection] | None:
    """The cells of the query's groups and of its total, or None when the cells cannot answer
    it (a week or opening-day filter, or a scope bound on what cells do not keep)."""
    bounds = scope.filters()
    dated = query.from_week or query.to_week or query.opened_from or query.opened_to
    if dated or not bounds.keys() <= SCOPED_BY_CELLS:
        return None
    groups = Selection(
        kind=query.group_by.value,
        district=scope.district,
        township=scope.township,
        department=scope.department or ANY,
        incident_type=query.incident_type.value if query.incident_type else ANY,
    )
    return groups, replace(groups, kind=ALL)
