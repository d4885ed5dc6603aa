"""The registry's tables and queries.

Staff, courses and fee plans live as JSON documents inside the institution's row: they are
only ever read and written with their institution, and a bulk import stays one insert per row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, DateTime
from sqlalchemy.orm import registry
from sqlmodel import Field, Session, SQLModel, col, func, or_, select

from institutions.model import InstitutionData


def _utc_column(nullable: bool = True) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable)


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
    fund_account: str | None = None
    unsettled_prepaid_yuan: float = 0
    staff: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    courses: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    fee_plans: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    registered_at: datetime = Field(sa_column=_utc_column(nullable=False))
    updated_at: datetime = Field(sa_column=_utc_column(nullable=False))

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
    changed_at: datetime = Field(sa_column=_utc_column(nullable=False))


class OpenViolation(RegistryTable, table=True):
    """A rule an institution currently breaks; a rerun finding it again emits nothing."""

    __tablename__ = "open_violations"

    institution_id: str = Field(primary_key=True)
    rule: str = Field(primary_key=True)
    violation_id: str = Field(unique=True)
    evidence: str
    severity: str
    found_at: datetime = Field(sa_column=_utc_column(nullable=False))


def open_violations(session: Session, institution_id: str) -> list[OpenViolation]:
    query = select(OpenViolation).where(OpenViolation.institution_id == institution_id)
    return list(session.exec(query.order_by(col(OpenViolation.rule))).all())


def history(session: Session, institution_id: str) -> list[LifecycleEntry]:
    query = select(LifecycleEntry).where(LifecycleEntry.institution_id == institution_id)
    return list(session.exec(query.order_by(col(LifecycleEntry.position))).all())


def existing_codes(session: Session, codes: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(codes), 500):  # keep IN lists within SQLite's parameter limit
        chunk = codes[start : start + 500]
        query = select(Institution.credit_code).where(col(Institution.credit_code).in_(chunk))
        found.update(session.exec(query).all())
    return found


def search(
    session: Session,
    *,
    scope: dict[str, str] | None,
    filters: dict[str, str],
    text: str | None,
    offset: int,
    limit: int | None,
) -> tuple[list[Institution], int]:
    """Institutions in scope matching exact `filters` and `text` in the name or credit code."""
    query = select(Institution)
    for column, value in {**filters, **(scope or {})}.items():
        query = query.where(getattr(Institution, column) == value)
    if text:
        query = query.where(
            or_(col(Institution.name).contains(text), Institution.credit_code == text.upper())
        )
    count = session.exec(select(func.count()).select_from(query.subquery())).one()
    query = query.order_by(col(Institution.name), col(Institution.credit_code)).offset(offset)
    rows = session.exec(query.limit(limit) if limit is not None else query).all()
    return list(rows), count
