"""The AsyncAPI 3.0 document of every topic and the events on it, generated from the contracts."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from contracts.envelope import Envelope
from contracts.events import ALL_MESSAGES, Message
from contracts.topics import TOPICS, Topic

ASYNCAPI_FILE = Path(__file__).resolve().parents[2] / "asyncapi.json"
SCHEMA_REF = "#/components/schemas/{model}"
KAFKA_BINDING = "0.5.0"


def asyncapi_document() -> dict[str, Any]:
    """Channels are topics; a message is an Envelope whose `data` is one contract event."""
    models: list[type[BaseModel]] = [Envelope, *ALL_MESSAGES]
    _, definitions = models_json_schema(
        [(model, "validation") for model in models], ref_template=SCHEMA_REF
    )
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "双减 governance platform events",
            "version": version("contracts"),
            "description": (
                "Every event travels as a CloudEvents 1.0 envelope (structured mode, JSON) with "
                "the event in `data`; the Kafka key keeps one case or one institution on one "
                "partition, and the W3C trace context rides in the envelope and the headers. "
                "A deployment may put a prefix before every topic name (GOV_TOPIC_PREFIX)."
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "local": {
                "host": "127.0.0.1:9092",
                "protocol": "kafka",
                "description": "The local stack's broker (`make run`).",
            }
        },
        "channels": {_channel_id(topic): _channel(topic) for topic in TOPICS},
        "operations": {
            f"publish_{_channel_id(topic)}": {
                "action": "send",
                "channel": {"$ref": f"#/channels/{_channel_id(topic)}"},
                "summary": topic.description,
                "messages": [
                    {"$ref": f"#/channels/{_channel_id(topic)}/messages/{m.__name__}"}
                    for m in _messages_on(topic)
                ],
            }
            for topic in TOPICS
        },
        "components": {
            "messages": {m.__name__: _message(m) for m in ALL_MESSAGES},
            "schemas": definitions["$defs"],
        },
    }


def write_asyncapi(path: Path = ASYNCAPI_FILE) -> Path:
    path.write_text(json.dumps(asyncapi_document(), indent=2, ensure_ascii=False) + "\n")
    return path


def _channel_id(topic: Topic) -> str:
    return topic.name.replace(".", "_")


def _messages_on(topic: Topic) -> list[type[Message]]:
    return [m for m in ALL_MESSAGES if topic == m.TOPIC]


def _channel(topic: Topic) -> dict[str, Any]:
    return {
        "address": topic.name,
        "description": f"{topic.description} Key: `{topic.key}`.",
        "messages": {
            m.__name__: {"$ref": f"#/components/messages/{m.__name__}"} for m in _messages_on(topic)
        },
        "bindings": {
            "kafka": {
                "topic": topic.name,
                "partitions": topic.partitions,
                "topicConfiguration": {
                    "retention.ms": topic.retention_ms,
                    "cleanup.policy": ["compact" if topic.compacted else "delete"],
                },
                "bindingVersion": KAFKA_BINDING,
            }
        },
    }


def _message(message: type[Message]) -> dict[str, Any]:
    summary = {"summary": message.__doc__.strip().splitlines()[0]} if message.__doc__ else {}
    return summary | {
        "name": message.EVENT_TYPE,
        "title": message.__name__,
        "payload": {
            "allOf": [
                {"$ref": SCHEMA_REF.format(model="Envelope")},
                {
                    "type": "object",
                    "properties": {
                        "type": {"const": message.EVENT_TYPE},
                        "data": {"$ref": SCHEMA_REF.format(model=message.__name__)},
                    },
                },
            ]
        },
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": f"the event's `{message.KEY_FIELD}`"},
                "bindingVersion": KAFKA_BINDING,
            }
        },
    }
