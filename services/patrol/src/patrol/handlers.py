"""Patrol's subscribers: follow each incident's case, and turn violations into leads."""

from __future__ import annotations

from contracts.events import (
    CaseClosed,
    CaseReopened,
    ComplianceViolationFound,
    ComplianceViolationResolved,
    DepartmentTaskDispatched,
    RiskLevelChanged,
)
from contracts.topics import ENFORCEMENT_CASES, INSTITUTIONS_REGISTRY, RISK_EVENTS
from govkit.handlers import EventTable, Subscription, UseCase, subscriptions
from patrol import service

CASES = EventTable[UseCase](
    "patrol: incident status",
    {
        DepartmentTaskDispatched: service.follow_dispatch,
        CaseClosed: service.follow_closure,
        CaseReopened: service.follow_reopening,
    },
)
LEADS = EventTable[UseCase](
    "patrol: leads",
    {
        ComplianceViolationFound: service.open_lead,
        ComplianceViolationResolved: service.resolve_lead,
    },
)

RISK_LEADS = EventTable[UseCase]("patrol: risk leads", {RiskLevelChanged: service.open_risk_lead})


register_subscribers = subscriptions(
    Subscription(ENFORCEMENT_CASES, CASES),
    Subscription(INSTITUTIONS_REGISTRY, LEADS, "-leads"),
    Subscription(RISK_EVENTS, RISK_LEADS, "-risk-leads"),
)
