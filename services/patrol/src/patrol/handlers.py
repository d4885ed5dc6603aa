"""Patrol's subscribers: follow each incident's case, and turn violations into leads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faststream.kafka import KafkaBroker

from contracts.events import (
    CaseClosed,
    ComplianceViolationFound,
    ComplianceViolationResolved,
    DepartmentTaskDispatched,
)
from contracts.topics import ENFORCEMENT_CASES, INSTITUTIONS_REGISTRY
from govkit.handlers import EventTable, UseCase, subscribe
from govkit.uow import UnitOfWork
from patrol import service
from patrol.settings import PatrolSettings

CASES = EventTable[UseCase](
    "patrol: incident status",
    {
        DepartmentTaskDispatched: service.follow_dispatch,
        CaseClosed: service.follow_closure,
    },
)
LEADS = EventTable[UseCase](
    "patrol: leads",
    {
        ComplianceViolationFound: service.open_lead,
        ComplianceViolationResolved: service.resolve_lead,
    },
)


def register_subscribers(
    broker: KafkaBroker, unit_of_work: Callable[[], UnitOfWork[Any]], settings: PatrolSettings
) -> None:
    prefix, group = settings.topic_prefix, settings.consumer_group
    subscribe(
        broker,
        topic=ENFORCEMENT_CASES,
        prefix=prefix,
        group_id=group,
        table=CASES,
        unit_of_work=unit_of_work,
    )
    subscribe(
        broker,
        topic=INSTITUTIONS_REGISTRY,
        prefix=prefix,
        group_id=f"{group}-leads",
        table=LEADS,
        unit_of_work=unit_of_work,
    )
