"""Create the declared topics (contracts.topics.TOPICS) that are missing, with kafka-python."""

from __future__ import annotations

from collections.abc import Callable

from kafka.admin import KafkaAdminClient
from kafka.errors import TopicAlreadyExistsError, for_code

from contracts.topics import TOPICS, Topic


def ensure_topics(
    bootstrap: str,
    *,
    prefix: str = "",
    topics: tuple[Topic, ...] = TOPICS,
    report: Callable[[str], None] = lambda line: None,
    timeout_seconds: float = 30.0,
) -> list[str]:
    """Create missing topics with their declared partitions and retention; return their names.

    Existing topics are left alone: partitions cannot shrink and growing them reshuffles keys.
    """
    admin = KafkaAdminClient(
        bootstrap_servers=bootstrap,
        client_id="ensure-topics",
        bootstrap_timeout_ms=int(timeout_seconds * 1000),
    )
    try:
        present = set(admin.list_topics())
        missing = {prefix + t.name: t for t in topics if prefix + t.name not in present}
        for name in sorted(set(prefix + t.name for t in topics) - missing.keys()):
            report(f"exists  {name}")
        if not missing:
            return []
        result = admin.create_topics(
            {
                name: {
                    "num_partitions": t.partitions,
                    "replication_factor": 1,
                    "configs": {"retention.ms": str(t.retention_ms)}
                    | ({"cleanup.policy": "compact"} if t.compacted else {}),
                }
                for name, t in missing.items()
            },
            timeout_ms=int(timeout_seconds * 1000),
            raise_errors=False,
        )
        for entry in result["topics"]:
            error = for_code(entry["error_code"])
            if entry["error_code"] != 0 and error is not TopicAlreadyExistsError:
                raise error(f"{entry['name']}: {entry.get('error_message')}")
            topic = missing[entry["name"]]
            report(
                f"created {entry['name']} partitions={topic.partitions} "
                f"retention.ms={topic.retention_ms}" + (" compacted" if topic.compacted else "")
            )
        return sorted(missing)
    finally:
        admin.close()
