"""Create the declared topics (contracts.topics.TOPICS) and their dead-letter topics that are
missing, with kafka-python."""

from __future__ import annotations

from collections.abc import Callable

from kafka.admin import KafkaAdminClient
from kafka.errors import TopicAlreadyExistsError, for_code

from contracts.topics import TOPICS, Topic
from govkit.dead_letter_log import DLQ_PARTITIONS
from govkit.dead_letters import dead_letter_topic


def dead_letter_topics(topics: tuple[Topic, ...] = TOPICS) -> tuple[Topic, ...]:
    """`<topic>.dlq` for each topic: one partition, keyed by letter id, compacted and kept
    (the newest record of a letter says whether it waits or was replayed; govkit.dead_letters)."""
    return tuple(
        Topic(
            name=dead_letter_topic(topic.name),
            partitions=DLQ_PARTITIONS,
            retention_ms=-1,
            key="letter id (<topic>:<partition>:<offset>:<consumer group>)",
            description=f"Records of {topic.name} a consumer could not handle, parked with why.",
            compacted=True,
        )
        for topic in topics
    )


def ensure_topics(
    bootstrap: str,
    *,
    prefix: str = "",
    topics: tuple[Topic, ...] = TOPICS,
    report: Callable[[str], None] = lambda line: None,
    timeout_seconds: float = 30.0,
) -> list[str]:
    """Create missing topics and their dead-letter topics with their declared partitions and
    retention; return the names created.

    Existing topics are left alone: partitions cannot shrink and growing them reshuffles keys.
    """
    topics = topics + dead_letter_topics(topics)
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


def drop_topics(bootstrap: str, *, prefix: str, timeout_seconds: float = 30.0) -> list[str]:
    """Delete every topic whose name starts with `prefix` (a test run's or a benchmark's own,
    never the platform's: the prefix must not be empty); return the names deleted."""
    if not prefix:
        raise ValueError("drop_topics needs a prefix: it never deletes the platform's topics")
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="drop-topics")
    try:
        names = sorted(name for name in admin.list_topics() if name.startswith(prefix))
        if names:
            admin.delete_topics(names, timeout_ms=int(timeout_seconds * 1000))
        return names
    finally:
        admin.close()
