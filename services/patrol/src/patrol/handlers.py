"""Patrol's subscribers: follow each incident's case as enforcement reports on it."""

from __future__ import annotations

import asyncio

from faststream.kafka import KafkaBroker

from contracts.envelope import Envelope
from contracts.topics import ENFORCEMENT_CASES
from govkit.messaging import AT_LEAST_ONCE
from govkit.outbox import claim_first_delivery
from govkit.service import Runtime
from patrol.domain import IncidentStatus, status_after
from patrol.settings import PatrolSettings
from patrol.store import Incident


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
