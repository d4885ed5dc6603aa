"""Contract events and commands. Events are past tense, commands imperative.

Each class names its CloudEvents `type` and the topic it travels on; the key of every
message is the case id (= incident id) so one case stays ordered on one partition, or the
institution id for registry events, so one institution's changes stay in order.
"""

from __future__ import annotations

from typing import Any

from contracts.events.base import (
    Message,
)
from contracts.events.calendar import CalendarDay, WorkingCalendarYearLoaded
from contracts.events.enforcement import (
    AccountabilityMeasureIssued,
    CaseClosed,
    ClockPauseDecided,
    ClockPauseRequested,
    ClockResumed,
    DepartmentReleased,
    DepartmentsCalled,
    DepartmentTaskDispatched,
    DisputeRuled,
    JointActionRecorded,
    JointActionScheduled,
    TaskAcknowledged,
    TaskDeadlinesSet,
    TaskDisputed,
    TaskEscalated,
    TaskOutcomeSubmitted,
    TaskReminded,
    TaskSentBack,
)
from contracts.events.inspections import (
    FindingRecorded,
    InspectionCompleted,
    InspectionIncidentRaised,
    InspectionKind,
    OrderDeadlineSet,
    OrderEscalated,
    OrderReminded,
    RecordOrderEscalation,
    RectificationEvidenceSubmitted,
    RectificationOrderAcknowledged,
    RectificationOrderClosed,
    RectificationOrderIssued,
    ReinspectionRecorded,
    ReinspectionScheduled,
    ScheduleReinspection,
    SendOrderReminder,
    SetOrderDeadline,
    UnitKind,
)
from contracts.events.institutions import (
    ComplianceViolationFound,
    ComplianceViolationResolved,
    InstitutionChanged,
    InstitutionLifecycleChanged,
    InstitutionRegistered,
)
from contracts.events.patrol import (
    GeoPoint,
    IncidentReported,
)
from contracts.events.workflows import (
    DispatchDepartmentTask,
    RecordEscalation,
    SendReminder,
    SetTaskDeadlines,
)

ALL_MESSAGES: tuple[type[Message], ...] = (
    IncidentReported,
    DispatchDepartmentTask,
    RecordEscalation,
    SendReminder,
    SetTaskDeadlines,
    DepartmentTaskDispatched,
    TaskAcknowledged,
    TaskEscalated,
    TaskOutcomeSubmitted,
    CaseClosed,
    TaskReminded,
    TaskDeadlinesSet,
    TaskDisputed,
    DisputeRuled,
    TaskSentBack,
    ClockPauseRequested,
    ClockPauseDecided,
    ClockResumed,
    DepartmentsCalled,
    DepartmentReleased,
    JointActionScheduled,
    JointActionRecorded,
    AccountabilityMeasureIssued,
    InstitutionRegistered,
    InstitutionChanged,
    InstitutionLifecycleChanged,
    ComplianceViolationFound,
    ComplianceViolationResolved,
    InspectionCompleted,
    FindingRecorded,
    RectificationOrderIssued,
    RectificationOrderAcknowledged,
    RectificationEvidenceSubmitted,
    ReinspectionRecorded,
    RectificationOrderClosed,
    OrderDeadlineSet,
    OrderReminded,
    OrderEscalated,
    ReinspectionScheduled,
    InspectionIncidentRaised,
    SetOrderDeadline,
    SendOrderReminder,
    RecordOrderEscalation,
    ScheduleReinspection,
    WorkingCalendarYearLoaded,
)
MESSAGES_BY_TYPE: dict[str, type[Message]] = {m.EVENT_TYPE: m for m in ALL_MESSAGES}


def parse_data(event_type: str, data: dict[str, Any]) -> Message:
    """The typed message inside an envelope; unknown types raise KeyError."""
    return MESSAGES_BY_TYPE[event_type].model_validate(data)


__all__ = [
    "Message",
    "GeoPoint",
    "IncidentReported",
    "DispatchDepartmentTask",
    "RecordEscalation",
    "SendReminder",
    "SetTaskDeadlines",
    "DepartmentTaskDispatched",
    "TaskAcknowledged",
    "TaskEscalated",
    "TaskOutcomeSubmitted",
    "CaseClosed",
    "TaskReminded",
    "TaskDeadlinesSet",
    "TaskDisputed",
    "DisputeRuled",
    "TaskSentBack",
    "ClockPauseRequested",
    "ClockPauseDecided",
    "ClockResumed",
    "DepartmentsCalled",
    "DepartmentReleased",
    "JointActionScheduled",
    "JointActionRecorded",
    "AccountabilityMeasureIssued",
    "InstitutionRegistered",
    "InstitutionChanged",
    "InstitutionLifecycleChanged",
    "ComplianceViolationFound",
    "ComplianceViolationResolved",
    "InspectionCompleted",
    "FindingRecorded",
    "RectificationOrderIssued",
    "RectificationOrderAcknowledged",
    "RectificationEvidenceSubmitted",
    "ReinspectionRecorded",
    "RectificationOrderClosed",
    "OrderDeadlineSet",
    "OrderReminded",
    "OrderEscalated",
    "ReinspectionScheduled",
    "InspectionIncidentRaised",
    "SetOrderDeadline",
    "SendOrderReminder",
    "RecordOrderEscalation",
    "ScheduleReinspection",
    "InspectionKind",
    "UnitKind",
    "CalendarDay",
    "WorkingCalendarYearLoaded",
    "ALL_MESSAGES",
    "MESSAGES_BY_TYPE",
    "parse_data",
]
