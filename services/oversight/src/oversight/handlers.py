"""Oversight's one subscriber: fold every case event into the facts, once per event id."""

from __future__ import annotations

import asyncio

from faststream.kafka import KafkaBroker

from contracts.envelope import Envelope
from contracts.events import parse_data
from contracts.topics import ENFORCEMENT_CASES
from govkit.messaging import AT_LEAST_ONCE
from govkit.outbox import claim_first_delivery
from govkit.service import Runtime
from oversight.facts import evolve
from oversight.settings import OversightSettings
from oversight.store import load_facts, save_facts


def register_subscribers(
    broker: KafkaBroker, runtime: Runtime, settings: OversightSettings
) -> None:
    @broker.subscriber(
        settings.topic_prefix + ENFORCEMENT_CASES.name,
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        ack_policy=AT_LEAST_ONCE,
    )
    async def on_case_event(envelope: Envelope) -> None:
        """Fold one case event into the leadership facts; a redelivery changes nothing."""
        await asyncio.to_thread(fold_event, runtime, envelope)


def fold_event(runtime: Runtime, envelope: Envelope) -> None:
    """The facts' change and the handled-event mark commit in one transaction."""
    with runtime.session() as session:
        if not claim_first_delivery(session, envelope, now=runtime.clock()):
            return
        try:
            message = parse_data(envelope.type, envelope.data)
        except KeyError:
            message = None  # a type newer than this consumer: no figure depends on it yet
        if message is not None:
            before = load_facts(session, message.message_key())
            save_facts(session, before, evolve(before, message))
        session.commit()
