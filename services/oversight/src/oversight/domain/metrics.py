"""Leadership metrics: pure aggregation of task and case facts into one row per group.

Definitions (the API and README quote them). A task is *counted* unless it ended reassigned
(a dispute was ruled for another department) or released (the township took the department
off the case); rates and averages are over counted tasks only.

- tasks_dispatched: every task in the group, counted or not.
- response_rate (响应率): counted tasks acknowledged on time (the first 报到 at or before the
  acknowledge deadline in force at that moment) / counted tasks. A task not yet acknowledged
  counts as not (yet) responded.
- on_time_completion_rate (按期办结率): counted tasks whose last feedback came at or before the
  handling deadline in force at that moment / counted tasks fed back at least once.
- rework_rate (返工率): counted tasks sent back (返工) at least once / counted tasks fed back.
- overdue_tasks: tasks with at least one acknowledge or handle escalation.
- escalations: acknowledge and handle escalations of the group's tasks (ruling escalations are
  the township's, never a department's); max_escalation_level the highest of them.
- time_to_acknowledge: mean of (first 报到 − dispatch) over counted acknowledged tasks.
- time_to_close: mean of (case closed − task dispatched) over counted tasks of closed cases.
- cases_closed: distinct closed cases among the group's counted tasks. A case is closed while the
  township's closure (办结) is in force: a re-opening undoes it, with its confirmation and rating.
- resolution_rate (解决率): closed cases confirmed solved on site (核查) / cases_closed; a closure
  awaiting its confirmation, or never confirmed, is not solved.
- satisfaction_rate (满意率): closed cases rated 满意 or 基本满意 / closed cases rated.
- not_rated_share (未评价占比): closed cases whose rating window closed unrated / closed cases
  rated or not rated in time (a window still open is in neither).
- cases: the distinct cases of the group's tasks, every task counted or not (so a department's
  are the cases it was called onto, as enforcement's case list filters them): `total`, `open`
  and `closed` (the township's closure in force), `overdue` (a task of the group missed its
  报到 or 处置 deadline: an acknowledge or handle escalation) and `escalated` (a task of the
  group shows escalation level 2 or higher, the district office or city leadership, on any of
  its clocks).
- ladder: the accountability measures (督办单 / 通报 / 约谈 / 问责) issued for misses on the
  group's tasks.

Durations are whole seconds per task (rounded down); rates and means carry their numerator and
denominator as integers so that a recompute can compare them exactly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, computed_field

from oversight.domain.facts import MEASURE_FIELDS, CaseFacts, Rating, TaskFacts

_SECOND = timedelta(seconds=1)
_RATED = frozenset({Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED})
_SATISFIED = frozenset({Rating.SATISFIED, Rating.BASICALLY_SATISFIED})
ESCALATED_LEVEL = 2
"""A case is escalated once a task of it reaches the district office (rung 2) or above."""
ALL = "all"
"""The group name of the total over every task in the query."""


class GroupBy(StrEnum):
    DEPARTMENT = "department"
    TOWNSHIP = "township"
    WEEK = "week"


class Ratio(BaseModel):
    """An exact fraction; `value` is its rounded float for display (None when 0/0)."""

    model_config = ConfigDict(frozen=True)

    numerator: int
    denominator: int

    @computed_field  # type: ignore[prop-decorator]  # mypy does not know computed_field
    @property
    def value(self) -> float | None:
        return round(self.numerator / self.denominator, 4) if self.denominator else None


class MeanSeconds(BaseModel):
    """A mean duration: whole seconds summed over `count` tasks."""

    model_config = ConfigDict(frozen=True)

    total_seconds: int
    count: int

    @computed_field  # type: ignore[prop-decorator]  # mypy does not know computed_field
    @property
    def seconds(self) -> float | None:
        return round(self.total_seconds / self.count, 1) if self.count else None


class CaseCounts(BaseModel):
    """Distinct cases of the group's tasks: every figure's denominator is `total`."""

    model_config = ConfigDict(frozen=True)

    total: int
    open: int
    closed: int
    overdue: int
    escalated: int


class Ladder(BaseModel):
    """Accountability measures issued, by rung (督办单 → 通报 → 约谈 → 问责)."""

    model_config = ConfigDict(frozen=True)

    supervision_notice: int
    public_notice: int
    formal_talk: int
    disciplinary_accountability: int


class GroupMetrics(BaseModel):
    model_config = ConfigDict(frozen=True)

    group: str
    tasks_dispatched: int
    response_rate: Ratio
    on_time_completion_rate: Ratio
    rework_rate: Ratio
    overdue_tasks: int
    escalations: int
    max_escalation_level: int
    time_to_acknowledge: MeanSeconds
    time_to_close: MeanSeconds
    cases_closed: int
    resolution_rate: Ratio
    satisfaction_rate: Ratio
    not_rated_share: Ratio
    cases: CaseCounts
    ladder: Ladder


@dataclass(frozen=True)
class Sums:
    """The counts and sums every figure of a group is made from: the metrics are these over one
    group's tasks. `sums_of` is their definition over facts; the store computes the same sums in
    SQL (oversight.store.metric_sums), and a test holds the two equal."""

    tasks: int = 0
    counted: int = 0
    acknowledged_on_time: int = 0
    fed_back: int = 0
    fed_back_on_time: int = 0
    reworked: int = 0
    overdue_tasks: int = 0
    escalations: int = 0
    max_escalation_level: int = 0
    acknowledge_seconds: int = 0
    acknowledged: int = 0
    close_seconds: int = 0
    closed_tasks: int = 0
    cases_closed: int = 0
    cases_solved: int = 0
    cases_rated: int = 0
    cases_satisfied: int = 0
    cases_rating_over: int = 0
    cases_not_rated: int = 0
    cases_total: int = 0
    cases_closed_any: int = 0
    cases_overdue: int = 0
    cases_escalated: int = 0
    supervision_notices: int = 0
    public_notices: int = 0
    formal_talks: int = 0
    disciplinary_accountabilities: int = 0


GroupSums = tuple[str, Sums]
"""A group's name and its sums."""


def aggregate(
    tasks: Iterable[TaskFacts], cases: Mapping[str, CaseFacts], group_by: GroupBy
) -> list[GroupMetrics]:
    """One row per group present in `tasks`, ordered by group; `cases` holds their cases."""
    return [metrics_of(group, sums) for group, sums in grouped_sums(tasks, cases, group_by)]


def grouped_sums(
    tasks: Iterable[TaskFacts], cases: Mapping[str, CaseFacts], group_by: GroupBy
) -> list[GroupSums]:
    """The sums of each group present in `tasks`, ordered by group."""
    groups: dict[str, list[TaskFacts]] = defaultdict(list)
    for task in tasks:
        groups[getattr(task, group_by.value)].append(task)
    return [(group, sums_of(members, cases)) for group, members in sorted(groups.items())]


def overall(tasks: Iterable[TaskFacts], cases: Mapping[str, CaseFacts]) -> GroupMetrics:
    """Every figure over all the tasks together, as the group `all`."""
    return metrics_of(ALL, sums_of(list(tasks), cases))


def sums_of(tasks: list[TaskFacts], cases: Mapping[str, CaseFacts]) -> Sums:
    """The sums of one group's tasks; `cases` holds their cases."""
    counted = [t for t in tasks if t.counted]
    fed_back = [t for t in counted if t.fed_back_at is not None]
    acknowledged = [(t.dispatched_at, t.acknowledged_at) for t in counted if t.acknowledged_at]
    closed = [
        (t.dispatched_at, closed_at)
        for t in counted
        if (closed_at := _closed_at(cases, t.case_id)) is not None
    ]
    closed_cases = [
        cases[case_id] for case_id in {t.case_id for t in counted} if _closed_at(cases, case_id)
    ]
    rating_over = [c for c in closed_cases if c.rating is not None]
    rated = [c for c in rating_over if c.rating in _RATED]
    ids = {t.case_id for t in tasks}
    return Sums(
        tasks=len(tasks),
        counted=len(counted),
        acknowledged_on_time=sum(1 for t in counted if t.acknowledged_on_time),
        fed_back=len(fed_back),
        fed_back_on_time=sum(1 for t in fed_back if t.fed_back_on_time),
        reworked=sum(1 for t in fed_back if t.rework_count > 0),
        overdue_tasks=sum(1 for t in tasks if t.escalations > 0),
        escalations=sum(t.escalations for t in tasks),
        max_escalation_level=max((t.max_escalation_level for t in tasks), default=0),
        acknowledge_seconds=_seconds(acknowledged),
        acknowledged=len(acknowledged),
        close_seconds=_seconds(closed),
        closed_tasks=len(closed),
        cases_closed=len(closed_cases),
        cases_solved=sum(1 for c in closed_cases if c.solved),
        cases_rated=len(rated),
        cases_satisfied=sum(1 for c in rated if c.rating in _SATISFIED),
        cases_rating_over=len(rating_over),
        cases_not_rated=sum(1 for c in rating_over if c.rating == Rating.NOT_RATED),
        cases_total=len(ids),
        cases_closed_any=sum(1 for c in ids if _closed_at(cases, c) is not None),
        cases_overdue=len({t.case_id for t in tasks if t.escalations > 0}),
        cases_escalated=len(
            {t.case_id for t in tasks if t.top_escalation_level >= ESCALATED_LEVEL}
        ),
        **{name: sum(getattr(t, name) for t in tasks) for name in MEASURE_FIELDS.values()},
    )


def metrics_of(group: str, sums: Sums) -> GroupMetrics:
    """A group's figures from its sums."""
    return GroupMetrics(
        group=group,
        tasks_dispatched=sums.tasks,
        response_rate=Ratio(numerator=sums.acknowledged_on_time, denominator=sums.counted),
        on_time_completion_rate=Ratio(numerator=sums.fed_back_on_time, denominator=sums.fed_back),
        rework_rate=Ratio(numerator=sums.reworked, denominator=sums.fed_back),
        overdue_tasks=sums.overdue_tasks,
        escalations=sums.escalations,
        max_escalation_level=sums.max_escalation_level,
        time_to_acknowledge=MeanSeconds(
            total_seconds=sums.acknowledge_seconds, count=sums.acknowledged
        ),
        time_to_close=MeanSeconds(total_seconds=sums.close_seconds, count=sums.closed_tasks),
        cases_closed=sums.cases_closed,
        resolution_rate=Ratio(numerator=sums.cases_solved, denominator=sums.cases_closed),
        satisfaction_rate=Ratio(numerator=sums.cases_satisfied, denominator=sums.cases_rated),
        not_rated_share=Ratio(numerator=sums.cases_not_rated, denominator=sums.cases_rating_over),
        cases=CaseCounts(
            total=sums.cases_total,
            open=sums.cases_total - sums.cases_closed_any,
            closed=sums.cases_closed_any,
            overdue=sums.cases_overdue,
            escalated=sums.cases_escalated,
        ),
        ladder=Ladder(
            **{measure.value: getattr(sums, name) for measure, name in MEASURE_FIELDS.items()}
        ),
    )


def _closed_at(cases: Mapping[str, CaseFacts], case_id: str) -> datetime | None:
    case = cases.get(case_id)
    return case.closed_at if case is not None else None


def _seconds(spans: list[tuple[datetime, datetime]]) -> int:
    """Whole seconds of each span (rounded down), summed."""
    return sum((end - start) // _SECOND for start, end in spans)
