"""What the bridge hands a whistle with each signal: the contract event itself, as delivered."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from contracts.events import Message

E = TypeVar("E", bound=Message)


class Delivered(BaseModel, Generic[E]):
    """A case event and the id of its envelope: a redelivered event changes nothing."""

    model_config = ConfigDict(frozen=True)

    event_id: str
    event: E
