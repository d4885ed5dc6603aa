"""The one event envelope: CloudEvents 1.0 attributes plus W3C `traceparent`."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from contracts.events.base import Message


class Envelope(BaseModel):
    """A CloudEvents 1.0 structured-mode event; `data` is one of the contract events."""

    model_config = ConfigDict(extra="forbid")

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(min_length=1, description="Unique per event; consumers de-duplicate on it")
    source: str = Field(min_length=1, description="URI-reference of the producing service")
    type: str = Field(min_length=1, description="Event type, e.g. gov.patrol.IncidentReported.v1")
    time: AwareDatetime
    subject: str | None = Field(default=None, description="The case or institution it is about")
    datacontenttype: Literal["application/json"] = "application/json"
    traceparent: str | None = Field(default=None, description="W3C trace context of the cause")
    data: dict[str, Any]

    @classmethod
    def of(
        cls,
        message: Message,
        *,
        event_id: str,
        source: str,
        time: datetime,
        traceparent: str | None = None,
    ) -> Envelope:
        """`message` as it travels: its type, its key as the subject, its fields as data."""
        return cls(
            id=event_id,
            source=source,
            type=message.EVENT_TYPE,
            time=time,
            subject=message.message_key(),
            traceparent=traceparent,
            data=message.model_dump(mode="json"),
        )

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode()
