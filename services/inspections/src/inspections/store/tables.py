"""Inspections' tables. Rows about one unit carry its district, township, id and code, so every
list and count is filtered by the caller's reach in the query itself."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from govkit.tables import utc_column


def _moment(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(
        default=None if nullable else ...,
        sa_column=utc_column(nullable=nullable, index=index),
    )


def _json() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class InspectionsTable(SQLModel, registry=registry()):
    """Base of inspections' own tables."""


class Unit(InspectionsTable, table=True):
    """A school or institution inspectors may be listed for (institutions from the registry)."""

    __tablename__ = "units"

    unit_id: str = Field(primary_key=True)
    unit_kind: str
    unit_code: str = Field(index=True, unique=True)
    unit_name: str
    address: str = ""
    district: str = Field(index=True)
    township: str = Field(index=True)
    grid: str = ""
    institution_id: str | None = None
    routing_category: str | None = None


class Assignment(InspectionsTable, table=True):
    """挂牌督学: an inspector listed for a unit."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("inspector", "unit_id"),)

    assignment_id: str = Field(primary_key=True)
    inspector: str = Field(index=True)
    unit_id: str = Field(index=True)
    unit_code: str
    district: str = Field(index=True)
    township: str
    assigned_by: str
    assigned_at: datetime = _moment()


class Plan(InspectionsTable, table=True):
    __tablename__ = "plans"

    plan_id: str = Field(primary_key=True)
    kind: str
    title: str
    district: str = Field(index=True)
    starts_on: date
    ends_on: date
    focus: str = ""
    departments: list[str] = _json()
    created_by: str
    created_at: datetime = _moment()


class Inspection(InspectionsTable, table=True):
    __tablename__ = "inspections"

    inspection_id: str = Field(primary_key=True)
    plan_id: str | None = None
    kind: str
    departments: list[str] = _json()
    unit_id: str = Field(index=True)
    unit_kind: str
    unit_code: str
    unit_name: str
    district: str = Field(index=True)
    township: str = Field(index=True)
    inspector: str = Field(index=True)
    checklist_version: str
    status: str
    latitude: float | None = None
    longitude: float | None = None
    order_id: str | None = None
    started_at: datetime = _moment()
    completed_at: datetime | None = _moment(nullable=True, index=True)


class ItemResultRow(InspectionsTable, table=True):
    """One checklist item's result in one inspection."""

    __tablename__ = "item_results"

    inspection_id: str = Field(primary_key=True)
    item_no: int = Field(primary_key=True)
    result: str
    note: str = ""
    photos: list[str] = _json()
    recorded_at: datetime = _moment()


class Finding(InspectionsTable, table=True):
    """A failed item (问题); rectified when its order is closed after a passing 复查."""

    __tablename__ = "findings"

    finding_id: str = Field(primary_key=True)
    inspection_id: str = Field(index=True)
    order_id: str = Field(index=True)
    unit_id: str = Field(index=True)
    unit_kind: str
    unit_code: str
    district: str = Field(index=True)
    township: str = Field(index=True)
    item_no: int
    item: str
    severity: str
    note: str
    photos: list[str] = _json()
    incident_id: str | None = None
    found_at: datetime = _moment(index=True)
    rectified_at: datetime | None = _moment(nullable=True)


class Order(InspectionsTable, table=True):
    """整改督办单: one per inspection with findings."""

    __tablename__ = "orders"

    order_id: str = Field(primary_key=True)
    number: str = Field(unique=True)
    inspection_id: str = Field(unique=True)
    unit_id: str = Field(index=True)
    unit_kind: str
    unit_code: str = Field(index=True)
    unit_name: str
    district: str = Field(index=True)
    township: str = Field(index=True)
    inspector: str
    severity: str
    requirements: str
    status: str = Field(index=True)
    deadline: datetime = _moment()
    issued_at: datetime = _moment(index=True)
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = _moment(nullable=True)
    contact_name: str = ""
    contact_phone: str = ""
    evidence_rounds: int = 0
    reinspection_due_by: datetime | None = _moment(nullable=True)
    closed_by: str | None = None
    closed_at: datetime | None = _moment(nullable=True)


class OrderEntry(InspectionsTable, table=True):
    """One step in an order's history; workflow commands are entered once, by their own id."""

    __tablename__ = "order_entries"

    entry_id: str = Field(primary_key=True)
    order_id: str = Field(index=True)
    kind: str
    district: str = Field(index=True)
    township: str = Field(index=True)
    unit_id: str
    unit_code: str
    by: str
    at: datetime = _moment(index=True)
    note: str = ""
    files: list[str] = _json()
    rung: str | None = None
    level: int | None = None
    deadline: datetime | None = _moment(nullable=True)
    passed: bool | None = None


class EvidenceFile(InspectionsTable, table=True):
    """A file uploaded to an inspection or an order, kept on disk by its content hash."""

    __tablename__ = "evidence_files"

    owner_id: str = Field(primary_key=True)
    sha256: str = Field(primary_key=True)
    media_type: str
    size: int
    filename: str
    uploaded_by: str
    uploaded_at: datetime = _moment()
