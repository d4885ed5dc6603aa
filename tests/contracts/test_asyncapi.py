"""The AsyncAPI document names every topic and every event, and is checked in up to date."""

import json
from typing import Any

import pytest

from contracts.asyncapi import ASYNCAPI_FILE, asyncapi_document
from contracts.events import ALL_MESSAGES
from contracts.topics import TOPICS

pytestmark = pytest.mark.unit

DOCUMENT = asyncapi_document()


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [r for v in node.values() for r in refs(v)]
    if isinstance(node, list):
        return [r for item in node for r in refs(item)]
    return []


def resolve(pointer: str) -> Any:
    target: Any = DOCUMENT
    for part in pointer.removeprefix("#/").split("/"):
        target = target[part]
    return target


def test_every_event_is_on_the_channel_of_its_topic():
    on_channel = {
        (channel["address"], resolve(ref["$ref"])["name"])
        for channel in DOCUMENT["channels"].values()
        for ref in channel["messages"].values()
    }
    assert on_channel == {(m.TOPIC.name, m.EVENT_TYPE) for m in ALL_MESSAGES}
    assert {c["address"] for c in DOCUMENT["channels"].values()} == {t.name for t in TOPICS}


def test_a_message_is_the_envelope_carrying_its_event():
    message = DOCUMENT["components"]["messages"]["IncidentReported"]
    envelope, event = message["payload"]["allOf"]
    assert resolve(envelope["$ref"])["title"] == "Envelope"
    assert event["properties"]["type"] == {"const": "gov.patrol.IncidentReported.v1"}
    assert "grid" in resolve(event["properties"]["data"]["$ref"])["required"]


def test_every_reference_resolves():
    for ref in refs(DOCUMENT):
        assert resolve(ref), ref


def test_the_checked_in_document_is_up_to_date():
    assert json.loads(ASYNCAPI_FILE.read_text()) == DOCUMENT, (
        "run `python -m contracts` and commit contracts/asyncapi.json"
    )
