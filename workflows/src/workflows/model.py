"""Inputs, signals and state of the whistle workflow: one dataclass each."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class WhistleInput:
    case_id: str
    incident_id: str
    incident_type: str
    district: str
    township: str
    grid: str
    summary: str
    departments: list[str]
    acknowledge_within_seconds: int


@dataclass
class DepartmentProgress:
    department: str
    task_id: str
    acknowledge_by: datetime | None = None
    acknowledged: bool = False
    handled: bool = False
    escalation_level: int = 0


@dataclass
class WhistleState:
    case_id: str
    closed: bool
    departments: list[DepartmentProgress] = field(default_factory=list)


@dataclass
class TaskSignal:
    task_id: str


@dataclass
class DispatchTaskInput:
    workflow_id: str
    task_id: str
    case_id: str
    incident_id: str
    incident_type: str
    department: str
    district: str
    township: str
    grid: str
    summary: str
    acknowledge_by: datetime


@dataclass
class EscalationInput:
    escalation_id: str
    task_id: str
    case_id: str
    level: int
    reason: str
    missed_deadline: datetime


def whistle_workflow_id(incident_id: str) -> str:
    """One whistle per incident: a redelivered report maps to the same workflow."""
    return f"whistle-{incident_id}"


def task_id_for(case_id: str, department: str) -> str:
    return f"{case_id}:{department}"
