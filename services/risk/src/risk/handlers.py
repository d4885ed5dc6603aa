"""Risk's subscribers: every compliance violation the registry finds becomes a signal."""

from __future__ import annotations

import asyncio

from faststream.kafka import KafkaBroker

from contracts.envelope import Envelope
from contracts.events import ComplianceViolationFound
from contracts.topics import INSTITUTIONS_REGISTRY
from govkit.messaging import AT_LEAST_ONCE
from govkit.outbox import claim_first_delivery
from govkit.service import Runtime
from risk.domain import signal_from_violation
from risk.settings import RiskSettings
from risk.store import RiskSignal


def register_subscribers(broker: KafkaBroker, runtime: Runtime, settings: RiskSettings) -> None:
    @broker.subscriber(
        settings.topic_prefix + INSTITUTIONS_REGISTRY.name,
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        ack_policy=AT_LEAST_ONCE,
    )
    async def on_registry_event(envelope: Envelope) -> None:
        """Record a signal for each compliance violation, once per event."""
        if envelope.type == ComplianceViolationFound.EVENT_TYPE:
            await asyncio.to_thread(_record_signal, runtime, envelope)


def _record_signal(runtime: Runtime, envelope: Envelope) -> None:
    violation = ComplianceViolationFound.model_validate(envelope.data)
    now = runtime.clock()
    with runtime.session() as session:
        if not claim_first_delivery(session, envelope, now=now):
            return
        session.add(RiskSignal(**signal_from_violation(envelope, violation), received_at=now))
        session.commit()
