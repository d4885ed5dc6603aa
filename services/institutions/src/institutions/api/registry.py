"""The registry: search, register, read, edit, and move institutions along their lifecycle."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from govkit.http import Page, PageDep, UowDep
from institutions import service
from institutions.api.shared import Editor, Filters, Reader, RulesDep
from institutions.domain.model import InstitutionData, State
from institutions.store.tables import Institution

router = APIRouter(prefix="/institutions", tags=["institutions"])


class InstitutionPublic(InstitutionData):
    institution_id: str
    registered_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: Institution) -> InstitutionPublic:
        return cls.model_validate(row.model_dump())


class ViolationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    violation_id: str
    rule: str
    evidence: str
    severity: str
    found_at: datetime


class LifecycleEntryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    from_state: str
    to_state: str
    reason: str
    changed_by: str
    changed_at: datetime


class OrderPublic(BaseModel):
    """An open rectification order (整改督办单); `rung` is how far up the ladder it has gone."""

    model_config = ConfigDict(from_attributes=True)

    order_id: str
    number: str
    severity: str
    findings: int
    deadline: datetime
    rung: str | None
    issued_at: datetime


class InstitutionDetail(InstitutionPublic):
    open_violations: list[ViolationPublic]
    open_orders: list[OrderPublic]
    history: list[LifecycleEntryPublic]

    @classmethod
    def of_record(cls, record: service.InstitutionRecord) -> InstitutionDetail:
        return cls(
            **InstitutionPublic.of(record.institution).model_dump(),
            open_violations=[ViolationPublic.model_validate(v) for v in record.open_violations],
            open_orders=[OrderPublic.model_validate(o) for o in record.open_orders],
            history=[LifecycleEntryPublic.model_validate(e) for e in record.history],
        )


class LifecycleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    to: State
    reason: str = Field(min_length=2, max_length=500)


@router.get("", response_model=Page[InstitutionPublic])
def search_institutions(reader: Reader, filters: Filters, page: PageDep, uow: UowDep):
    """Institutions in the caller's area matching the filters, a page at a time."""
    rows, count = service.search(reader, filters, page, uow)
    return Page[InstitutionPublic](data=[InstitutionPublic.of(r) for r in rows], count=count)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=InstitutionPublic)
def register_institution(data: InstitutionData, editor: Editor, rules: RulesDep, uow: UowDep):
    """Register a new institution; it starts awaiting approval (待审批)."""
    row = service.register(service.RegisterInstitution(data, editor, rules), uow)
    return InstitutionPublic.of(row)


@router.get("/{institution_id}", response_model=InstitutionDetail)
def read_institution(institution_id: str, reader: Reader, uow: UowDep):
    """One institution with its open violations and lifecycle history."""
    return InstitutionDetail.of_record(service.institution(institution_id, reader, uow))


@router.put("/{institution_id}", response_model=InstitutionPublic)
def edit_institution(
    institution_id: str, data: InstitutionData, editor: Editor, rules: RulesDep, uow: UowDep
):
    """Replace an institution's registry fields (the lifecycle state moves only via /lifecycle)."""
    row = service.edit(service.EditInstitution(institution_id, data, editor, rules), uow)
    return InstitutionPublic.of(row)


@router.post("/{institution_id}/lifecycle", response_model=InstitutionDetail)
def change_lifecycle(
    institution_id: str, request: LifecycleRequest, editor: Editor, rules: RulesDep, uow: UowDep
):
    """Approve, order rectification, close, ban or let an institution exit, saying why."""
    command = service.ChangeLifecycle(institution_id, request.to, request.reason, editor, rules)
    return InstitutionDetail.of_record(service.change_lifecycle(command, uow))
