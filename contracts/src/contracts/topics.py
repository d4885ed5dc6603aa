"""Kafka topics: the one declared list; deploy scripts create exactly these."""

from __future__ import annotations

from dataclasses import dataclass

DAY_MS = 24 * 60 * 60 * 1000


@dataclass(frozen=True)
class Topic:
    name: str
    partitions: int
    retention_ms: int
    key: str
    description: str


PATROL_INCIDENTS = Topic(
    name="patrol.incidents",
    partitions=3,
    retention_ms=30 * DAY_MS,
    key="incident_id",
    description="Incidents raised by grid workers (IncidentReported).",
)
ENFORCEMENT_COMMANDS = Topic(
    name="enforcement.commands",
    partitions=3,
    retention_ms=7 * DAY_MS,
    key="case_id",
    description="Commands from workflows to enforcement (DispatchDepartmentTask, RecordEscalation).",
)
ENFORCEMENT_CASES = Topic(
    name="enforcement.cases",
    partitions=3,
    retention_ms=30 * DAY_MS,
    key="case_id",
    description="Everything that happens to a case and its department tasks, in order.",
)
INSTITUTIONS_REGISTRY = Topic(
    name="institutions.registry",
    partitions=3,
    retention_ms=30 * DAY_MS,
    key="institution_id",
    description="Registry changes and compliance findings, in order per institution.",
)

TOPICS: tuple[Topic, ...] = (
    PATROL_INCIDENTS,
    ENFORCEMENT_COMMANDS,
    ENFORCEMENT_CASES,
    INSTITUTIONS_REGISTRY,
)
