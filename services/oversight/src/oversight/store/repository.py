"""The repository oversight's use cases read and write through; SQL here, a fake in fast tests."""

from __future__ import annotations

from typing import Protocol

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from govkit.days import days_between
from govkit.principal import Scope
from govkit.queries import within
from oversight.domain.cells import changes, selection
from oversight.domain.facts import Facts
from oversight.domain.metrics import ALL, GroupSums, Sums
from oversight.domain.query import MetricsQuery
from oversight.store.metric_cells import add_changes, cell_sums
from oversight.store.metric_sums import sums_by, sums_of_row
from oversight.store.tables import CaseRow, TaskRow


class OversightRepository(Protocol):
    def facts(self, case_id: str) -> Facts:
        """Everything known of one case (empty facts for a case not seen yet)."""

    def save(self, before: Facts, after: Facts) -> None:
        """Write what changed from `before` to `after`."""

    def metric_sums(self, scope: Scope, query: MetricsQuery) -> tuple[list[GroupSums], Sums]:
        """The sums of the tasks inside the scope that the query's incident type, weeks and
        opening days (inclusive) admit, per group of the query's grouping and over them all."""


class SqlOversightRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def facts(self, case_id: str) -> Facts:
        case = self._session.get(CaseRow, case_id)
        tasks = self._session.exec(select(TaskRow).where(TaskRow.case_id == case_id)).all()
        return Facts(
            case=case.facts() if case is not None else None,
            tasks={row.task_id: row.facts() for row in tasks},
        )

    def save(self, before: Facts, after: Facts) -> None:
        if after.case is not None and after.case != before.case:
            self._session.merge(CaseRow.of(after.case))
        for task_id, task in after.tasks.items():
            if task != before.tasks.get(task_id):
                self._session.merge(TaskRow.of(task))
        add_changes(self._session, changes(before, after))

    def metric_sums(self, scope: Scope, query: MetricsQuery) -> tuple[list[GroupSums], Sums]:
        if (cells := selection(scope, query)) is not None:
            groups_of, total_of = cells
            groups = cell_sums(self._session, groups_of)
            total = dict(cell_sums(self._session, total_of)).get(ALL, Sums())
        else:
            groups, total = self._scanned_sums(scope, query)
        return sorted(groups, key=_group_name), total

    def _scanned_sums(self, scope: Scope, query: MetricsQuery) -> tuple[list[GroupSums], Sums]:
        """The sums read from every task the query selects (the filters cells do not keep)."""
        tasks = _tasks_in(scope, query)
        groups = self._session.execute(sums_by(tasks, getattr(TaskRow, query.group_by.value)))
        total = self._session.execute(sums_by(tasks, None)).one()
        return [(row.group, sums_of_row(row)) for row in groups], sums_of_row(total)


def _tasks_in(scope: Scope, query: MetricsQuery) -> SelectOfScalar[TaskRow]:
    tasks = within(select(TaskRow), TaskRow, scope)
    if query.incident_type is not None:
        tasks = tasks.where(TaskRow.incident_type == query.incident_type.value)
    if query.from_week:
        tasks = tasks.where(col(TaskRow.week) >= query.from_week)
    if query.to_week:
        tasks = tasks.where(col(TaskRow.week) <= query.to_week)
    start, end = days_between(query.opened_from, query.opened_to)
    if start is not None or end is not None:
        # the cases of the scope's place (every task is dispatched in its case's), by index
        place = Scope(district=scope.district, township=scope.township)
        opened = within(select(CaseRow.case_id), CaseRow, place)
        if start is not None:
            opened = opened.where(col(CaseRow.opened_at) >= start)
        if end is not None:
            opened = opened.where(col(CaseRow.opened_at) < end)
        tasks = tasks.where(col(TaskRow.case_id).in_(opened))
    return tasks


def _group_name(group: GroupSums) -> str:
    return group[0]
