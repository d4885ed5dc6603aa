"""Oversight's repository in memory: the facts of each case by its id."""

from __future__ import annotations

from datetime import datetime

from govkit.days import days_between
from govkit.principal import Scope
from oversight.domain.facts import CaseFacts, Facts, TaskFacts
from oversight.domain.metrics import GroupSums, Sums, grouped_sums, sums_of
from oversight.domain.query import MetricsQuery


class FakeOversightRepository:
    def __init__(self) -> None:
        self.cases: dict[str, Facts] = {}

    def facts(self, case_id: str) -> Facts:
        return self.cases.get(case_id, Facts())

    def save(self, before: Facts, after: Facts) -> None:
        if after.case is not None:
            self.cases[after.case.case_id] = after

    def metric_sums(self, scope: Scope, query: MetricsQuery) -> tuple[list[GroupSums], Sums]:
        """The domain's own sums over the facts the query selects."""
        tasks, cases = self._facts_in(scope, query)
        return grouped_sums(tasks, cases, query.group_by), sums_of(tasks, cases)

    def _facts_in(
        self, scope: Scope, query: MetricsQuery
    ) -> tuple[list[TaskFacts], dict[str, CaseFacts]]:
        start, end = days_between(query.opened_from, query.opened_to)
        kind = query.incident_type.value if query.incident_type else None
        tasks = [
            task
            for facts in self.cases.values()
            for task in facts.tasks.values()
            if scope.admits(task)
            and (kind is None or task.incident_type == kind)
            and (query.from_week is None or task.week >= query.from_week)
            and (query.to_week is None or task.week <= query.to_week)
            and _within(self.cases[task.case_id].case, start, end)
        ]
        cases = {task.case_id: self.cases[task.case_id].case for task in tasks}
        return tasks, {case_id: case for case_id, case in cases.items() if case is not None}


def _within(case: CaseFacts | None, start: datetime | None, end: datetime | None) -> bool:
    opened = case.opened_at if case is not None else None
    if opened is None:
        return start is None and end is None
    return (start is None or opened >= start) and (end is None or opened < end)
