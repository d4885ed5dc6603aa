"""Kafka topics: the one declared list; deploy scripts create exactly these."""

from __future__ import annotations

from dataclasses import dataclass

DAY_MS = 24 * 60 * 60 * 1000
# The most replicas of one consumer group that share a topic's work: one partition each.
SCALE_OUT_PARTITIONS = 6


@dataclass(frozen=True)
class Topic:
    name: str
    partitions: int
    retention_ms: int
    key: str
    description: str
    # Compacted: Kafka keeps the newest message of every key for ever; the topic is a table.
    compacted: bool = False


PATROL_INCIDENTS = Topic(
    name="patrol.incidents",
    partitions=SCALE_OUT_PARTITIONS,
    retention_ms=30 * DAY_MS,
    key="incident_id",
    description="Incidents raised by grid workers (IncidentReported).",
)
ENFORCEMENT_COMMANDS = Topic(
    name="enforcement.commands",
    partitions=SCALE_OUT_PARTITIONS,
    retention_ms=7 * DAY_MS,
    key="case_id",
    description="Commands from workflows to enforcement (DispatchDepartmentTask, RecordEscalation).",
)
ENFORCEMENT_CASES = Topic(
    name="enforcement.cases",
    partitions=SCALE_OUT_PARTITIONS,
    retention_ms=30 * DAY_MS,
    key="case_id",
    description="Everything that happens to a case and its department tasks, in order.",
)
INSTITUTIONS_REGISTRY = Topic(
    name="institutions.registry",
    partitions=SCALE_OUT_PARTITIONS,
    retention_ms=30 * DAY_MS,
    key="institution_id",
    description="Registry changes and compliance findings, in order per institution.",
)

INSPECTIONS_EVENTS = Topic(
    name="inspections.events",
    partitions=SCALE_OUT_PARTITIONS,
    retention_ms=30 * DAY_MS,
    key="unit_id",
    description="Inspections, findings, rectification orders and the whistles inspectors raise, "
    "in order per inspected school or institution.",
)
INSPECTIONS_COMMANDS = Topic(
    name="inspections.commands",
    partitions=SCALE_OUT_PARTITIONS,
    retention_ms=7 * DAY_MS,
    key="order_id",
    description="Commands from the rectification workflow to inspections (SetOrderDeadline, "
    "SendOrderReminder, RecordOrderEscalation, ScheduleReinspection).",
)

RISK_EVENTS = Topic(
    name="risk.events",
    partitions=SCALE_OUT_PARTITIONS,
    retention_ms=30 * DAY_MS,
    key="institution_id",
    description="Risk levels as they change (RiskLevelChanged) and the stability whistles red "
    "levels blow (RiskIncidentRaised), in order per institution.",
)

WORKFLOWS_CALENDAR = Topic(
    name="workflows.calendar",
    partitions=1,
    retention_ms=-1,
    key="year",
    description="The working calendar's years as administrators load them "
    "(WorkingCalendarYearLoaded); the newest message of each year is that year.",
    compacted=True,
)

TOPICS: tuple[Topic, ...] = (
    PATROL_INCIDENTS,
    ENFORCEMENT_COMMANDS,
    ENFORCEMENT_CASES,
    INSTITUTIONS_REGISTRY,
    INSPECTIONS_EVENTS,
    INSPECTIONS_COMMANDS,
    RISK_EVENTS,
    WORKFLOWS_CALENDAR,
)
