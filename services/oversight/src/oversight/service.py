"""Oversight's use cases: each takes its command and a unit of work, and is the domain's only caller."""

from __future__ import annotations

from contracts.events import Message
from govkit.principal import Principal, Scope
from govkit.uow import UnitOfWork
from oversight.domain.access import metrics_scope, narrowed
from oversight.domain.facts import evolve
from oversight.domain.metrics import GroupMetrics, aggregate
from oversight.domain.query import MetricsQuery
from oversight.store.repository import OversightRepository

Uow = UnitOfWork[OversightRepository]


def fold(event: Message, uow: Uow) -> None:
    """One case event into the leadership facts of its case (a case event's key is its case)."""
    before = uow.repo.facts(event.message_key())
    uow.repo.save(before, evolve(before, event))


def metrics(query: MetricsQuery, viewer: Principal, uow: Uow) -> tuple[Scope, list[GroupMetrics]]:
    """The viewer's scope, and one row of metrics per group over the tasks inside it."""
    scope = metrics_scope(viewer)
    with uow:
        tasks, cases = uow.repo.facts_in_scope(
            narrowed(scope, query.district), from_week=query.from_week, to_week=query.to_week
        )
    return scope, aggregate(tasks, cases, query.group_by)
