"""FastAPI dependency aliases shared by services."""

from typing import Annotated

from fastapi import Depends, Request

from govkit.service import Runtime


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]
