"""The white and black lists, published to parents without login: only the fields meant for them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from govkit.deps import RuntimeDep
from institutions.store import search

router = APIRouter(prefix="/public", tags=["public lists"])


class ListedInstitution(BaseModel):
    """No codes of people, staff, fees, funds or ids: what a parent needs to choose safely."""

    model_config = ConfigDict(from_attributes=True)

    name: str
    credit_code: str
    address: str
    district: str
    township: str
    category: str
    non_subject_kind: str | None
    list_status: str
    list_reason: str | None
    list_date: date | None


class ListedInstitutions(BaseModel):
    data: list[ListedInstitution]
    count: int


@router.get("/lists/{list_status}", response_model=ListedInstitutions)
def published_list(
    list_status: Literal["white", "black"],
    runtime: RuntimeDep,
    q: str | None = None,
    district: str | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    """The whitelist (白名单) or blacklist (黑名单), searchable by name."""
    filters = {"list_status": list_status} | ({"district": district} if district else {})
    with runtime.session() as session:
        rows, count = search(
            session, scope=None, filters=filters, text=q, offset=offset, limit=limit
        )
    return ListedInstitutions(data=[ListedInstitution.model_validate(r) for r in rows], count=count)
