"""Oversight's repository in memory: the facts of each case by its id."""

from __future__ import annotations

from govkit.principal import Scope
from oversight.domain.facts import CaseFacts, Facts, TaskFacts


class FakeOversightRepository:
    def __init__(self) -> None:
        self.cases: dict[str, Facts] = {}

    def facts(self, case_id: str) -> Facts:
        return self.cases.get(case_id, Facts())

    def save(self, before: Facts, after: Facts) -> None:
        if after.case is not None:
            self.cases[after.case.case_id] = after

    def facts_in_scope(
        self, scope: Scope, *, from_week: str | None, to_week: str | None
    ) -> tuple[list[TaskFacts], dict[str, CaseFacts]]:
        tasks = [
            task
            for facts in self.cases.values()
            for task in facts.tasks.values()
            if scope.admits(task)
            and (from_week is None or task.week >= from_week)
            and (to_week is None or task.week <= to_week)
        ]
        cases = {task.case_id: self.cases[task.case_id].case for task in tasks}
        return tasks, {case_id: case for case_id, case in cases.items() if case is not None}
