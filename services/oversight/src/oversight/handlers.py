"""Oversight's one subscriber: fold every case event that moves a figure, once per event id."""

from __future__ import annotations

from contracts.topics import ENFORCEMENT_CASES
from govkit.handlers import EventTable, Subscription, UseCase, subscriptions
from oversight import service
from oversight.domain.facts import FOLDED_EVENTS

CASES = EventTable[UseCase](
    "oversight: leadership facts", dict.fromkeys(FOLDED_EVENTS, service.fold)
)


register_subscribers = subscriptions(Subscription(ENFORCEMENT_CASES, CASES))
