"""Oversight's use cases: each takes its command and a unit of work, and is the domain's only caller."""

from __future__ import annotations

from contracts.events import Message
from govkit.principal import Principal, Scope
from govkit.uow import UnitOfWork
from oversight.domain.access import metrics_scope, narrowed
from oversight.domain.facts import evolve
from oversight.domain.metrics import ALL, GroupMetrics, metrics_of
from oversight.domain.query import MetricsQuery
from oversight.store.repository import OversightRepository

Uow = UnitOfWork[OversightRepository]


def fold(event: Message, uow: Uow) -> None:
    """One case event into the leadership facts of its case (a case event's key is its case)."""
    before = uow.repo.facts(event.message_key())
    uow.repo.save(before, evolve(before, event))


def metrics(query: MetricsQuery, viewer: Principal, uow: Uow) -> tuple[Scope, list[GroupMetrics]]:
    """The viewer's scope, and one row of metrics per group over the tasks inside it."""
    scope, groups, _ = metrics_and_total(query, viewer, uow)
    return scope, groups


def metrics_and_total(
    query: MetricsQuery, viewer: Principal, uow: Uow
) -> tuple[Scope, list[GroupMetrics], GroupMetrics]:
    """`metrics`, and the same figures over every task of the query together (group `all`)."""
    scope = metrics_scope(viewer)
    narrow = narrowed(
        scope,
        district=query.district,
        township=query.township,
        department=query.department.value if query.department else None,
    )
    with uow:
        groups, total = uow.repo.metric_sums(narrow, query)
    return scope, [metrics_of(group, sums) for group, sums in groups], metrics_of(ALL, total)
