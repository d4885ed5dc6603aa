"""What happened to each report of the run, matched by case id (a case's id is its incident's).

Times are wall-clock seconds (`time.time()`), the clock the platform's deadlines are on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Task:
    task_id: str
    department: str
    dispatched_at: float
    acknowledge_by: float
    never: bool = False  # the agency leaves it unacknowledged
    ack_sent_at: float | None = None
    ack_refused: bool = False
    acknowledged_at: float | None = None
    escalated_at: float | None = None

    @property
    def settled(self) -> bool:
        if self.never:
            return self.escalated_at is not None
        return self.ack_refused or self.acknowledged_at is not None


@dataclass
class Case:
    rate: float
    sent_at: float
    tasks: dict[str, Task] = field(default_factory=dict)


class Ledger:
    """Our cases and their tasks; a dispatch seen before its report's answer waits for it."""

    def __init__(self, expected_tasks: int, on_task: Callable[[Task], None]) -> None:
        self.expected_tasks = expected_tasks
        self.cases: dict[str, Case] = {}
        self.refused_reports: dict[float, int] = {}
        self._on_task = on_task
        self._tasks: dict[str, Task] = {}
        self._waiting: dict[str, list[Task]] = {}

    def reported(self, case_id: str, rate: float, sent_at: float) -> None:
        case = self.cases[case_id] = Case(rate, sent_at)
        for task in self._waiting.pop(case_id, []):
            self._claim(case, task)

    def refused(self, rate: float) -> None:
        self.refused_reports[rate] = self.refused_reports.get(rate, 0) + 1

    def dispatched(self, case_id: str, task: Task) -> None:
        if task.task_id in self._tasks:
            return  # delivered again
        self._tasks[task.task_id] = task
        if case := self.cases.get(case_id):
            self._claim(case, task)
        else:
            self._waiting.setdefault(case_id, []).append(task)

    def _claim(self, case: Case, task: Task) -> None:
        case.tasks[task.task_id] = task
        self._on_task(task)

    def acknowledged(self, task_id: str, at: float) -> None:
        if (task := self._tasks.get(task_id)) and task.acknowledged_at is None:
            task.acknowledged_at = at

    def escalated(self, task_id: str, at: float) -> None:
        if (task := self._tasks.get(task_id)) and task.escalated_at is None:
            task.escalated_at = at

    def of_rate(self, rate: float) -> list[Case]:
        return [case for case in self.cases.values() if case.rate == rate]

    def settled(self, rate: float) -> bool:
        return all(
            len(case.tasks) == self.expected_tasks and all(t.settled for t in case.tasks.values())
            for case in self.of_rate(rate)
        )
