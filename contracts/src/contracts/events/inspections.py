"""Inspections (督导): what inspections publishes, and what the rectification workflow commands.

Events travel on `inspections.events` keyed by the inspected unit (a school or an institution),
so everything about one unit, its orders included, stays in order. The workflow's commands
travel on `inspections.commands` keyed by the order; inspections applies each one once.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import AwareDatetime, Field

from contracts.events.base import Message
from contracts.events.patrol import GeoPoint
from contracts.topics import (
    INSPECTIONS_COMMANDS,
    INSPECTIONS_EVENTS,
    Topic,
)
from contracts.vocabulary import (
    AccountabilityMeasure,
    Department,
    IncidentType,
    InstitutionCategory,
    ReporterRole,
    Severity,
)


class UnitKind(StrEnum):
    """What was inspected: a school by its level, or a training institution by its category."""

    PRIMARY_SCHOOL = "primary_school"
    JUNIOR_SCHOOL = "junior_school"
    SUBJECT_INSTITUTION = "subject_institution"
    NON_SUBJECT_INSTITUTION = "non_subject_institution"


class InspectionKind(StrEnum):
    """常态督 monthly, 专项督 special topic, 精准督 precision, 联合检查 joint, 暗访 unannounced."""

    ROUTINE = "routine"
    SPECIAL = "special"
    PRECISION = "precision"
    JOINT = "joint"
    UNANNOUNCED = "unannounced"


class _UnitEvent(Message):
    KEY_FIELD: ClassVar[str] = "unit_id"


class InspectionCompleted(_UnitEvent):
    """An inspector finished a checklist inspection of a school or institution."""

    EVENT_TYPE: ClassVar[str] = "gov.inspections.InspectionCompleted.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    inspection_id: str
    unit_id: str
    unit_kind: UnitKind
    unit_name: str
    institution_id: str | None = Field(description="The registry's id; None for a school")
    district: str
    township: str
    kind: InspectionKind
    checklist_version: str
    inspector: str
    items_checked: int = Field(ge=0)
    items_failed: int = Field(ge=0)
    order_id: str | None = Field(description="The rectification order, when an item failed")
    completed_at: AwareDatetime


class FindingRecorded(_UnitEvent):
    """A checklist item failed (a 问题): one finding, with what it maps to elsewhere."""

    EVENT_TYPE: ClassVar[str] = "gov.inspections.FindingRecorded.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    finding_id: str
    inspection_id: str
    order_id: str
    unit_id: str
    unit_kind: UnitKind
    unit_name: str
    institution_id: str | None = Field(description="The registry's id; None for a school")
    district: str
    township: str
    item_no: int = Field(ge=1)
    item: str = Field(description="The checklist item's text, as inspected")
    severity: Severity
    note: str
    compliance_rules: list[str] = Field(description="Registry compliance rules the item covers")
    incident_type: IncidentType | None = Field(description="Set when the finding blows a whistle")
    inspector: str
    found_at: AwareDatetime


class RectificationOrderIssued(_UnitEvent):
    """A rectification order (整改督办单) went to the unit for the failed items of an inspection."""

    EVENT_TYPE: ClassVar[str] = "gov.inspections.RectificationOrderIssued.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    order_id: str
    number: str
    inspection_id: str
    unit_id: str
    unit_kind: UnitKind
    unit_name: str
    unit_code: str
    institution_id: str | None = Field(description="The registry's id; None for a school")
    district: str
    township: str
    finding_ids: list[str] = Field(min_length=1)
    severity: Severity = Field(description="The most severe finding's")
    deadline: AwareDatetime = Field(description="The first deadline, on the working calendar")
    inspector: str
    issued_at: AwareDatetime


class RectificationOrderAcknowledged(_UnitEvent):
    """The unit's responsible person signed for the order (签收)."""

    EVENT_TYPE: ClassVar[str] = "gov.inspections.RectificationOrderAcknowledged.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    order_id: str
    unit_id: str
    acknowledged_by: str
    acknowledged_at: AwareDatetime


class RectificationEvidenceSubmitted(_UnitEvent):
    """The unit submitted what it did to rectify; a re-inspection (复查) is due."""

    EVENT_TYPE: ClassVar[str] = "gov.inspections.RectificationEvidenceSubmitted.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    order_id: str
    unit_id: str
    round: int = Field(ge=1, description="1 for the first submission, 2 after one failed 复查 …")
    files: int = Field(ge=0)
    submitted_by: str
    submitted_at: AwareDatetime


class ReinspectionRecorded(_UnitEvent):
    """An inspector re-inspected (复查): passed closes the order, failed sends it back."""

    EVENT_TYPE: ClassVar[str] = "gov.inspections.ReinspectionRecorded.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    order_id: str
    unit_id: str
    round: int = Field(ge=1)
    passed: bool
    note: str
    inspector: str
    reinspected_at: AwareDatetime


class RectificationOrderClosed(_UnitEvent):
    """The order is closed (销号): a re-inspection confirmed every problem rectified."""

    EVENT_TYPE: ClassVar[str] = "gov.inspections.RectificationOrderClosed.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    order_id: str
    unit_id: str
    institution_id: str | None
    finding_ids: list[str]
    closed_by: str
    closed_at: AwareDatetime


class OrderDeadlineSet(_UnitEvent):
    """The order's deadline moved (the workflow's SetOrderDeadline, applied)."""

    EVENT_TYPE: ClassVar[str] = "gov.inspections.OrderDeadlineSet.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    change_id: str
    order_id: str
    unit_id: str
    deadline: AwareDatetime
    reason: str
    set_at: AwareDatetime


class OrderReminded(_UnitEvent):
    """The unit was reminded of the order's deadline (the workflow's SendOrderReminder)."""

    EVENT_TYPE: ClassVar[str] = "gov.inspections.OrderReminded.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    reminder_id: str
    order_id: str
    unit_id: str
    deadline: AwareDatetime
    reminded_at: AwareDatetime


class OrderEscalated(_UnitEvent):
    """An overdue order climbed one rung: 督办单 → 通报 → 约谈 → 问责."""

    EVENT_TYPE: ClassVar[str] = "gov.inspections.OrderEscalated.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    escalation_id: str
    order_id: str
    unit_id: str
    district: str
    township: str
    rung: AccountabilityMeasure
    level: int = Field(ge=1)
    missed_deadline: AwareDatetime
    reason: str
    escalated_at: AwareDatetime


class ReinspectionScheduled(_UnitEvent):
    """A re-inspection (复查) task is in the inspectors' inbox, due by a time."""

    EVENT_TYPE: ClassVar[str] = "gov.inspections.ReinspectionScheduled.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    task_id: str
    order_id: str
    unit_id: str
    due_by: AwareDatetime
    scheduled_at: AwareDatetime


class InspectionIncidentRaised(_UnitEvent):
    """A failed item calls for another department: blow the whistle, as for a grid report."""

    # The fields the whistle reads have the same names and types as `IncidentReported`'s.

    EVENT_TYPE: ClassVar[str] = "gov.inspections.InspectionIncidentRaised.v1"
    TOPIC: ClassVar[Topic] = INSPECTIONS_EVENTS

    incident_id: str
    incident_type: IncidentType
    description: str
    institution_name: str
    institution_address: str
    reporter: str = Field(description="The inspector")
    district: str
    township: str
    grid: str
    reported_at: AwareDatetime
    inspection_id: str
    finding_id: str
    unit_id: str
    institution_id: str | None
    location: GeoPoint | None = None
    severity: Severity | None = Field(default=None, description="None: the routing table's")
    departments: list[Department] | None = Field(default=None, description="None: the table's")
    institution_category: InstitutionCategory | None = Field(
        default=None, description="A non-subject kind puts its supervising department in the lead"
    )
    reporter_role: ReporterRole | None = Field(
        default=None, description="None: an inspector's finding, not a grid or township report"
    )


class _OrderCommand(Message):
    TOPIC: ClassVar[Topic] = INSPECTIONS_COMMANDS
    KEY_FIELD: ClassVar[str] = "order_id"


class SetOrderDeadline(_OrderCommand):
    """Command: the order's deadline is now this (a holiday moved it, a failed 复查 re-opened it)."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.SetOrderDeadline.v1"

    change_id: str
    order_id: str
    deadline: AwareDatetime
    reason: str


class SendOrderReminder(_OrderCommand):
    """Command: the order's deadline is near; remind the unit."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.SendOrderReminder.v1"

    reminder_id: str
    order_id: str
    deadline: AwareDatetime


class RecordOrderEscalation(_OrderCommand):
    """Command: the order is overdue; record the next rung of the ladder on it, once."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.RecordOrderEscalation.v1"

    escalation_id: str
    order_id: str
    rung: AccountabilityMeasure
    level: int = Field(ge=1)
    missed_deadline: AwareDatetime
    reason: str


class ScheduleReinspection(_OrderCommand):
    """Command: evidence arrived; put a re-inspection (复查) task in the inspectors' inbox."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.ScheduleReinspection.v1"

    task_id: str
    order_id: str
    due_by: AwareDatetime
