"""The repository oversight's use cases read and write through; SQL here, a fake in fast tests."""

from __future__ import annotations

from typing import Protocol

from sqlmodel import Session, col, select

from govkit.principal import Scope
from govkit.queries import within
from oversight.domain.facts import CaseFacts, Facts, TaskFacts
from oversight.store.tables import CaseRow, TaskRow


class OversightRepository(Protocol):
    def facts(self, case_id: str) -> Facts:
        """Everything known of one case (empty facts for a case not seen yet)."""

    def save(self, before: Facts, after: Facts) -> None:
        """Write what changed from `before` to `after`."""

    def facts_in_scope(
        self, scope: Scope, *, from_week: str | None, to_week: str | None
    ) -> tuple[list[TaskFacts], dict[str, CaseFacts]]:
        """Tasks inside the scope and the week range (inclusive), and the cases they belong to."""


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

    def facts_in_scope(
        self, scope: Scope, *, from_week: str | None, to_week: str | None
    ) -> tuple[list[TaskFacts], dict[str, CaseFacts]]:
        tasks = within(select(TaskRow), TaskRow, scope)
        if from_week:
            tasks = tasks.where(col(TaskRow.week) >= from_week)
        if to_week:
            tasks = tasks.where(col(TaskRow.week) <= to_week)
        their_cases = select(CaseRow).where(
            col(CaseRow.case_id).in_(tasks.with_only_columns(col(TaskRow.case_id)))
        )
        return (
            [row.facts() for row in self._session.exec(tasks)],
            {row.case_id: row.facts() for row in self._session.exec(their_cases)},
        )
