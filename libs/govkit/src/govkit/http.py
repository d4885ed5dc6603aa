"""The HTTP edge every service shares: the unit of work, paging, and domain errors as statuses."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from govkit.errors import DomainError, Invalid, NotAllowed, NotFound, WrongState
from govkit.uow import UnitOfWork

T = TypeVar("T")

MAX_OFFSET = 10_000_000
STATUS_OF: dict[type[DomainError], int] = {
    NotAllowed: 403,
    NotFound: 404,
    WrongState: 409,
    Invalid: 422,
}


def _unit_of_work(request: Request) -> UnitOfWork[Any]:
    return request.app.state.unit_of_work()


UowDep = Annotated[UnitOfWork[Any], Depends(_unit_of_work)]
"""A fresh unit of work for this request (the app's factory: SQL, or a fake in fast tests)."""


class PageParams(BaseModel):
    offset: int
    limit: int


def _page_params(
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> PageParams:
    return PageParams(offset=offset, limit=limit)


PageDep = Annotated[PageParams, Depends(_page_params)]


class Page(BaseModel, Generic[T]):
    """One page of a list and how many there are in all."""

    data: list[T]
    count: int


def install_error_handlers(app: FastAPI) -> None:
    """Every refusal a domain raises becomes its status with the domain's own message."""

    async def refuse(_request: Request, exc: Exception) -> JSONResponse:
        status = next(code for kind, code in STATUS_OF.items() if isinstance(exc, kind))
        return JSONResponse(status_code=status, content={"detail": str(exc)})

    for kind in STATUS_OF:
        app.add_exception_handler(kind, refuse)
