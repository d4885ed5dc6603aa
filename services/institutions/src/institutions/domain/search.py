"""What a registry search may ask for: text in the name or code, area, category, kind, state, list."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from institutions.domain.model import Category, Kind, ListStatus, State

PublishedList = Literal["white", "black"]
"""The lists published to parents; the rest of the registry is for officials."""


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
        """Column → value for every exact filter given (everything but `q`)."""
        return {k: str(v) for k, v in self.model_dump(exclude={"q"}).items() if v is not None}
