"""Patrol's subscribers: follow each incident's case as enforcement reports on it."""

from __future__ import annotations

import asyncio

from faststream.kafka import KafkaBroker

from contracts.envelope import Envelope
from contracts.events import ComplianceViolationFound, ComplianceViolationResolved
from contracts.topics import ENFORCEMENT_CASES, INSTITUTIONS_REGISTRY
from govkit.messaging import AT_LEAST_ONCE
from govkit.outbox import claim_first_delivery
from govkit.service import Runtime
from patrol.domain import IncidentStatus, LeadStatus, status_after
from patrol.settings import PatrolSettings
from patrol.store import Incident, PatrolLead


def register_subscribers(broker: KafkaBroker, runtime: Runtime, settings: PatrolSettings) -> None:
    @broker.subscriber(
        settings.topic_prefix + ENFORCEMENT_CASES.name,
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        ack_policy=AT_LEAST_ONCE,
    )
    async def on_case_event(envelope: Envelope) -> None:
        """Move the incident along when its case is dispatched or closed."""
        await asyncio.to_thread(_apply_case_event, runtime, envelope)

    @broker.subscriber(
        settings.topic_prefix + INSTITUTIONS_REGISTRY.name,
        group_id=f"{settings.consumer_group}-leads",
        auto_offset_reset="earliest",
        ack_policy=AT_LEAST_ONCE,
    )
    async def on_registry_event(envelope: Envelope) -> None:
        """Open a patrol lead in the institution's grid for each violation; close it when fixed."""
        if envelope.type in _LEAD_EVENTS:
            await asyncio.to_thread(_apply_violation, runtime, envelope)


_LEAD_EVENTS = {ComplianceViolationFound.EVENT_TYPE, ComplianceViolationResolved.EVENT_TYPE}


def _apply_violation(runtime: Runtime, envelope: Envelope) -> None:
    with runtime.session() as session:
        if not claim_first_delivery(session, envelope, now=runtime.clock()):
            return
        if envelope.type == ComplianceViolationFound.EVENT_TYPE:
            found = ComplianceViolationFound.model_validate(envelope.data)
            if session.get(PatrolLead, found.violation_id) is None:
                session.add(PatrolLead.from_violation(found))
        else:
            resolved = ComplianceViolationResolved.model_validate(envelope.data)
            lead = session.get(PatrolLead, resolved.violation_id)
            if lead is not None:
                lead.status = LeadStatus.RESOLVED.value
                session.add(lead)
        session.commit()


def _apply_case_event(runtime: Runtime, envelope: Envelope) -> None:
    incident_id = envelope.data.get("incident_id") or envelope.subject
    with runtime.session() as session:
        if not claim_first_delivery(session, envelope, now=runtime.clock()):
            return
        incident = session.get(Incident, incident_id)
        if incident is not None:
            incident.status = status_after(IncidentStatus(incident.status), envelope.type).value
            session.add(incident)
        session.commit()
