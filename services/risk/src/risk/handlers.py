"""Risk's subscribers: every agency's events about institutions become signals, once."""

from __future__ import annotations

from contracts.events import (
    ComplianceViolationFound,
    FindingRecorded,
    IncidentReported,
    InspectionIncidentRaised,
    InstitutionChanged,
    InstitutionLifecycleChanged,
    InstitutionRegistered,
    JointActionRecorded,
    TaskOutcomeSubmitted,
)
from contracts.topics import (
    ENFORCEMENT_CASES,
    INSPECTIONS_EVENTS,
    INSTITUTIONS_REGISTRY,
    PATROL_INCIDENTS,
)
from govkit.handlers import EventTable, Subscription, UseCase, subscriptions
from risk.service import events

REGISTRY = EventTable[UseCase](
    "risk: registry",
    {
        InstitutionRegistered: events.register,
        InstitutionChanged: events.follow_change,
        InstitutionLifecycleChanged: events.follow_lifecycle,
        ComplianceViolationFound: events.record_violation,
    },
)
INSPECTIONS = EventTable[UseCase](
    "risk: inspections",
    {FindingRecorded: events.record_finding, InspectionIncidentRaised: events.follow_finding_case},
)
REPORTS = EventTable[UseCase]("risk: reports", {IncidentReported: events.follow_report})
OUTCOMES = EventTable[UseCase](
    "risk: outcomes",
    {TaskOutcomeSubmitted: events.record_outcome, JointActionRecorded: events.record_outcome},
)


register_subscribers = subscriptions(
    Subscription(INSTITUTIONS_REGISTRY, REGISTRY),
    Subscription(INSPECTIONS_EVENTS, INSPECTIONS, "-inspections"),
    Subscription(PATROL_INCIDENTS, REPORTS, "-reports"),
    Subscription(ENFORCEMENT_CASES, OUTCOMES, "-outcomes"),
)
