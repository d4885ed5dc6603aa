"""What the routes answer with."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from inspections.domain.forms import OrderForm


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class UnitPublic(Public):
    unit_id: str
    unit_kind: str
    unit_code: str
    unit_name: str
    address: str
    district: str
    township: str
    grid: str
    institution_id: str | None


class AssignmentPublic(Public):
    assignment_id: str
    inspector: str
    unit_id: str
    unit_code: str
    district: str
    township: str
    assigned_by: str
    assigned_at: datetime


class PlanPublic(Public):
    plan_id: str
    kind: str
    title: str
    district: str
    starts_on: date
    ends_on: date
    focus: str
    departments: list[str]
    created_by: str
    created_at: datetime


class InspectionPublic(Public):
    inspection_id: str
    plan_id: str | None
    kind: str
    departments: list[str]
    unit_id: str
    unit_kind: str
    unit_code: str
    unit_name: str
    district: str
    township: str
    inspector: str
    checklist_version: str
    status: str
    order_id: str | None
    started_at: datetime
    completed_at: datetime | None


class ResultPublic(Public):
    item_no: int
    result: str
    note: str
    photos: list[str]
    recorded_at: datetime


class InspectionDetail(InspectionPublic):
    results: list[ResultPublic]


class StoredFilePublic(Public):
    sha256: str
    media_type: str
    size: int


class OrderPublic(Public):
    order_id: str
    number: str
    inspection_id: str
    unit_id: str
    unit_kind: str
    unit_code: str
    unit_name: str
    district: str
    township: str
    inspector: str
    severity: str
    requirements: str
    status: str
    deadline: datetime
    issued_at: datetime
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    contact_name: str
    contact_phone: str
    evidence_rounds: int
    reinspection_due_by: datetime | None
    closed_by: str | None
    closed_at: datetime | None


class FindingPublic(Public):
    finding_id: str
    item_no: int
    item: str
    severity: str
    note: str
    photos: list[str]
    incident_id: str | None
    found_at: datetime
    rectified_at: datetime | None


class EntryPublic(Public):
    entry_id: str
    kind: str
    by: str
    at: datetime
    note: str
    files: list[str]
    rung: str | None
    level: int | None
    deadline: datetime | None
    passed: bool | None


class OrderDetail(OrderPublic):
    """The order, its printed form (整改督办单), its findings and its history."""

    form: OrderForm
    findings: list[FindingPublic]
    history: list[EntryPublic]
