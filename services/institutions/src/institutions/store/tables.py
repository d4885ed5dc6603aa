"""The registry's tables: institutions, their lifecycle history and their open violations.

Staff, courses and fee plans live as JSON documents inside the institution's row: they are
only ever read and written with their institution, and a bulk import stays one insert per row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from contracts.events import (
    ComplianceViolationFound,
    InstitutionLifecycleChanged,
    RectificationOrderIssued,
)
from govkit.tables import utc_column
from institutions.domain.model import InstitutionData


class RegistryTable(SQLModel, registry=registry()):
    """Base of the registry's own tables."""


class Institution(RegistryTable, table=True):
    __tablename__ = "institutions"

    institution_id: str = Field(primary_key=True)
    credit_code: str = Field(unique=True)
    name: str = Field(index=True)
    address: str
    latitude: float
    longitude: float
    district: str = Field(index=True)
    township: str = Field(index=True)
    grid: str = Field(index=True)
    kind: str
    category: str = Field(index=True)
    non_subject_kind: str | None = None
    age_group: str
    school_licence_no: str | None = None
    school_licence_valid_until: str | None = None
    business_licence_no: str | None = None
    business_licence_valid_until: str | None = None
    non_profit: bool = False
    supervising_department: str | None = Field(default=None, index=True)
    state: str = Field(index=True)
    list_status: str = Field(index=True)
    list_reason: str | None = None
    list_date: str | None = None
    legal_representative: str | None = None
    fund_account: str | None = None
    unsettled_prepaid_yuan: float = 0
    staff: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    courses: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    fee_plans: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    registered_at: datetime = Field(sa_column=utc_column(nullable=False))
    updated_at: datetime = Field(sa_column=utc_column(nullable=False))

    def data(self) -> InstitutionData:
        return InstitutionData.model_validate(
            self.model_dump(include=set(InstitutionData.model_fields))
        )

    def assign(self, data: InstitutionData, *, now: datetime) -> None:
        for name, value in data.model_dump(mode="json").items():
            setattr(self, name, value)
        self.updated_at = now

    @classmethod
    def create(cls, institution_id: str, data: InstitutionData, *, now: datetime) -> Institution:
        return cls(
            institution_id=institution_id,
            registered_at=now,
            updated_at=now,
            **data.model_dump(mode="json"),
        )


class LifecycleEntry(RegistryTable, table=True):
    """Every lifecycle change: who, when, why (append-only)."""

    __tablename__ = "lifecycle_history"

    position: int | None = Field(default=None, primary_key=True)
    institution_id: str = Field(index=True)
    from_state: str
    to_state: str
    reason: str
    changed_by: str
    changed_at: datetime = Field(sa_column=utc_column(nullable=False))

    @classmethod
    def from_event(cls, event: InstitutionLifecycleChanged) -> LifecycleEntry:
        return cls(**event.model_dump())


class OpenViolation(RegistryTable, table=True):
    """A rule an institution currently breaks; a rerun finding it again emits nothing."""

    __tablename__ = "open_violations"

    institution_id: str = Field(primary_key=True)
    rule: str = Field(primary_key=True)
    violation_id: str = Field(unique=True)
    evidence: str
    severity: str
    found_at: datetime = Field(sa_column=utc_column(nullable=False))

    @classmethod
    def from_event(cls, event: ComplianceViolationFound) -> OpenViolation:
        return cls(
            institution_id=event.institution_id,
            rule=event.rule,
            violation_id=event.violation_id,
            evidence=event.evidence,
            severity=event.severity.value,
            found_at=event.found_at,
        )


class OpenOrder(RegistryTable, table=True):
    """An inspection's rectification order (整改督办单) still open on the institution."""

    __tablename__ = "open_orders"

    order_id: str = Field(primary_key=True)
    institution_id: str = Field(index=True)
    number: str
    severity: str
    findings: int
    deadline: datetime = Field(sa_column=utc_column(nullable=False))
    rung: str | None = None
    issued_at: datetime = Field(sa_column=utc_column(nullable=False))

    @classmethod
    def from_event(cls, event: RectificationOrderIssued, institution_id: str) -> OpenOrder:
        return cls(
            order_id=event.order_id,
            institution_id=institution_id,
            number=event.number,
            severity=event.severity.value,
            findings=len(event.finding_ids),
            deadline=event.deadline,
            issued_at=event.issued_at,
        )


RegistryRow = Institution | LifecycleEntry | OpenViolation | OpenOrder
