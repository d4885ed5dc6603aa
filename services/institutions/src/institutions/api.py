"""Registry HTTP API: search, register, edit and move institutions along their lifecycle."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from govkit.auth import require_roles
from govkit.deps import RuntimeDep
from govkit.principal import Principal
from institutions import domain
from institutions.model import Category, InstitutionData, Kind, ListStatus, State
from institutions.registry import Change, RuleBook
from institutions.store import Institution, existing_codes, history, open_violations, search

router = APIRouter(prefix="/institutions", tags=["institutions"])

Reader = Annotated[Principal, Depends(require_roles(*domain.READER_ROLES))]
Editor = Annotated[Principal, Depends(require_roles(*domain.EDITOR_ROLES))]


def _rules(request: Request) -> RuleBook:
    return request.app.state.rules


RulesDep = Annotated[RuleBook, Depends(_rules)]


class InstitutionPublic(InstitutionData):
    institution_id: str
    registered_at: datetime
    updated_at: datetime


class InstitutionsPublic(BaseModel):
    data: list[InstitutionPublic]
    count: int


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


class InstitutionDetail(InstitutionPublic):
    open_violations: list[ViolationPublic]
    history: list[LifecycleEntryPublic]


class LifecycleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    to: State
    reason: str = Field(min_length=2, max_length=500)


class SearchFilters(BaseModel):
    """Search by name or code (`q`), area, category, kind, state and list."""

    q: str | None = None
    district: str | None = None
    township: str | None = None
    grid: str | None = None
    category: Category | None = None
    kind: Kind | None = None
    state: State | None = None
    list_status: ListStatus | None = None

    def columns(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.model_dump(exclude={"q"}).items() if v is not None}


Filters = Annotated[SearchFilters, Query()]


def public(row: Institution) -> InstitutionPublic:
    return InstitutionPublic.model_validate(row.model_dump())


@router.get("", response_model=InstitutionsPublic)
def search_institutions(
    reader: Reader,
    runtime: RuntimeDep,
    filters: Filters,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    """Institutions in the caller's area matching the filters, a page at a time."""
    with runtime.session() as session:
        rows, count = search(
            session,
            scope=domain.read_scope(reader),
            filters=filters.columns(),
            text=filters.q,
            offset=offset,
            limit=limit,
        )
    return InstitutionsPublic(data=[public(r) for r in rows], count=count)


@router.post("", status_code=201, response_model=InstitutionPublic)
def register_institution(
    data: InstitutionData, editor: Editor, runtime: RuntimeDep, rules: RulesDep
):
    """Register a new institution; it starts awaiting approval (待审批)."""
    data = data.model_copy(update={"state": State.PENDING})
    _decide(lambda: domain.require_remit(editor, data))
    with runtime.session() as session:
        if existing_codes(session, [data.credit_code]):
            raise HTTPException(409, f"该代码已登记 ({data.credit_code} is already registered)")
        (row,) = Change(session, runtime, rules, editor, runtime.clock()).register([data])
        session.commit()
    runtime.relay.notify()
    return public(row)


@router.get("/{institution_id}", response_model=InstitutionDetail)
def read_institution(institution_id: str, reader: Reader, runtime: RuntimeDep):
    """One institution with its open violations and lifecycle history."""
    with runtime.session() as session:
        row = _visible(session, institution_id, reader)
        return InstitutionDetail(
            **public(row).model_dump(),
            open_violations=[
                ViolationPublic.model_validate(v) for v in open_violations(session, institution_id)
            ],
            history=[
                LifecycleEntryPublic.model_validate(e) for e in history(session, institution_id)
            ],
        )


@router.put("/{institution_id}", response_model=InstitutionPublic)
def edit_institution(
    institution_id: str,
    data: InstitutionData,
    editor: Editor,
    runtime: RuntimeDep,
    rules: RulesDep,
):
    """Replace an institution's registry fields (the lifecycle state moves only via /lifecycle)."""
    with runtime.session() as session:
        row = _visible(session, institution_id, editor)
        before = row.data()
        # Both sides: an officer may neither change nor hand over what is outside their remit.
        _decide(lambda: (domain.require_remit(editor, before), domain.require_remit(editor, data)))
        if data.state != before.state:
            raise HTTPException(
                409,
                f"状态须通过生命周期变更 (state stays {before.state}; use POST …/lifecycle to change it)",
            )
        if data.credit_code != before.credit_code and existing_codes(session, [data.credit_code]):
            raise HTTPException(409, f"该代码已登记 ({data.credit_code} is already registered)")
        Change(session, runtime, rules, editor, runtime.clock()).edit(row, data)
        session.commit()
    runtime.relay.notify()
    return public(row)


@router.post("/{institution_id}/lifecycle", response_model=InstitutionDetail)
def change_lifecycle(
    institution_id: str,
    request: LifecycleRequest,
    editor: Editor,
    runtime: RuntimeDep,
    rules: RulesDep,
):
    """Approve, order rectification, close, ban or let an institution exit, saying why."""
    with runtime.session() as session:
        row = _visible(session, institution_id, editor)
        now = runtime.clock()
        event = _decide(
            lambda: domain.change_state(
                institution_id, row.data(), request.to, reason=request.reason, by=editor, now=now
            )
        )
        Change(session, runtime, rules, editor, now).change_state(row, event)
        session.commit()
    runtime.relay.notify()
    return read_institution(institution_id, editor, runtime)


def _decide(decision):
    try:
        return decision()
    except domain.NotAllowed as exc:
        raise HTTPException(403, str(exc)) from exc
    except domain.WrongState as exc:
        raise HTTPException(409, str(exc)) from exc


def _visible(session: Session, institution_id: str, principal: Principal) -> Institution:
    row = session.get(Institution, institution_id)
    scope = domain.read_scope(principal) or {}
    if row is None or any(getattr(row, c) != v for c, v in scope.items()):
        raise HTTPException(
            404, f"机构不存在或无权查看 (no institution {institution_id} in your scope)"
        )
    return row
