"""What the registry's routes share: who may call, the rule book, and the search filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from govkit.auth import require_roles
from govkit.principal import Principal
from institutions.domain.access import EDITOR_ROLES, READER_ROLES
from institutions.domain.compliance import RuleBook
from institutions.domain.search import SearchFilters

Reader = Annotated[Principal, Depends(require_roles(READER_ROLES))]
Editor = Annotated[Principal, Depends(require_roles(EDITOR_ROLES))]
Filters = Annotated[SearchFilters, Query()]


def _rules(request: Request) -> RuleBook:
    return RuleBook(request.app.state.parameters, request.app.state.calendar.current)


RulesDep = Annotated[RuleBook, Depends(_rules)]
"""The compliance parameters loaded at start-up, with the working calendar as it stands now."""
