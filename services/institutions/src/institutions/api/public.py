"""The white and black lists, published to parents without login: only the fields meant for them."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from govkit.http import Page, PageDep, UowDep
from institutions import service
from institutions.domain.search import PublishedList, SearchFilters
from institutions.store.tables import Institution

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
    state: str = Field(description="Where it stands: approved, rectifying, closed, banned, ...")
    school_licence_valid_until: date | None = Field(description="办学许可证; null: none held")
    business_licence_valid_until: date | None = Field(description="营业执照; null: none held")
    list_status: str
    list_reason: str | None
    list_date: date | None

    @classmethod
    def of(cls, row: Institution) -> ListedInstitution:
        """A licence counts only with its number: a date alone does not make one."""
        listed = cls.model_validate(row)
        return listed.model_copy(
            update={
                "school_licence_valid_until": (
                    listed.school_licence_valid_until if row.school_licence_no else None
                ),
                "business_licence_valid_until": (
                    listed.business_licence_valid_until if row.business_licence_no else None
                ),
            }
        )


@router.get("/lists/{list_status}", response_model=Page[ListedInstitution])
def published_list(
    list_status: PublishedList,
    page: PageDep,
    uow: UowDep,
    q: Annotated[str | None, Query(max_length=50)] = None,
    district: Annotated[str | None, Query(max_length=50)] = None,
):
    """The whitelist (白名单) or blacklist (黑名单), searchable by name or code and district."""
    filters = SearchFilters(q=q, district=district)
    rows, count = service.published_list(list_status, filters, page, uow)
    return Page[ListedInstitution](data=[ListedInstitution.of(r) for r in rows], count=count)
