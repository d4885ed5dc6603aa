"""The base of every contract message: frozen, strict, keyed for ordering."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from contracts.topics import Topic


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    EVENT_TYPE: ClassVar[str]
    TOPIC: ClassVar[Topic]

    KEY_FIELD: ClassVar[str] = "case_id"

    def message_key(self) -> str:
        """The Kafka key: everything about one case (or incident) shares a partition."""
        return str(getattr(self, self.KEY_FIELD))
