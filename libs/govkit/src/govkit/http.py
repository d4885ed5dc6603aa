"""The HTTP edge every service shares: the unit of work, paging, and domain errors as statuses."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from govkit.errors import DomainError, Invalid, NotAllowed, NotFound, WrongState
from govkit.json_bodies import JsonShapeGuard
from govkit.refusals import document_refusals, validation_details
from govkit.uow import UnitOfWork

T = TypeVar("T")

MAX_OFFSET = 10_000_000
COUNT_CAP = 10_000
"""How far a list that can run to millions is counted; past it the count says \"more\"."""
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


def read_upload(file: UploadFile, limit: int) -> bytes:
    """The upload's bytes, refused with 413 when larger than `limit`."""
    content = file.file.read(limit + 1)
    if len(content) > limit:
        raise HTTPException(
            413, f"文件过大 (file larger than {limit // (1024 * 1024)} MB; send a smaller one)"
        )
    return content


class Page(BaseModel, Generic[T]):
    """One page of a list and how many there are in all (or, for a list counted only up to a
    cap, that there are more than the cap)."""

    data: list[T]
    count: int
    count_capped: bool = Field(
        default=False,
        description=f"True when there are more than `count`: a list that runs to millions "
        f"(the city's cases) is counted no further than {COUNT_CAP:,}",
    )

    @classmethod
    def counted_up_to(cls, data: list[Any], count: int, cap: int = COUNT_CAP) -> Page[T]:
        """The page (rows validated into T) of a list counted no further than `cap` + 1."""
        return cls(data=data, count=min(count, cap), count_capped=count > cap)


def install_error_handlers(app: FastAPI) -> None:
    """Every refusal a domain raises becomes its status with the domain's own message; a
    request that does not parse is a 422 naming its first problems without echoing it back."""

    async def refuse(_request: Request, exc: Exception) -> JSONResponse:
        status = next(code for kind, code in STATUS_OF.items() if isinstance(exc, kind))
        return JSONResponse(status_code=status, content={"detail": str(exc)})

    async def unparsable(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return JSONResponse(status_code=422, content={"detail": validation_details(exc.errors())})

    for kind in STATUS_OF:
        app.add_exception_handler(kind, refuse)
    app.add_exception_handler(RequestValidationError, unparsable)
    app.add_middleware(JsonShapeGuard)
    document_refusals(app)
