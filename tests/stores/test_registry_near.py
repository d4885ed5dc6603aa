"""A grid worker finds institutions near where they stand: `near=lat,lng&radius=` on the
registry's search, nearest first, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError
from sqlmodel import Session

from govkit.http import PageParams
from govkit.migrations import upgrade_to_head
from govkit.principal import Principal, Scope
from govkit.uow import SqlUnitOfWork
from institutions import service
from institutions.app import SCHEMA
from institutions.domain.model import InstitutionData
from institutions.domain.search import SearchFilters
from institutions.rules import load_rule_book
from institutions.store.repository import SqlRegistryRepository
from tests.support.registry import compliant_row

pytestmark = pytest.mark.integration
ADMIN = Principal("s", "admin_user", frozenset({"admin"}))
HERE = (28.1135, 113.0136)  # 东塘, 长沙市雨花区
# Metres north of HERE, as degrees of latitude (1° ≈ 111.32 km).
PLACES = {"隔壁培训": 50, "街角培训": 300, "对街培训": -450, "远处培训": 800}


@pytest.fixture
def uow(empty_database):
    upgrade_to_head(empty_database, "institutions", SCHEMA)
    ids = itertools.count()
    return SqlUnitOfWork(
        lambda: Session(empty_database, expire_on_commit=False),
        SqlRegistryRepository,
        source="/services/institutions",
        clock=lambda: datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        new_id=lambda: f"id-{next(ids)}",
    )


def test_near_a_point_finds_those_within_the_radius_nearest_first(empty_database, uow):
    rng = random.Random(5)
    for name, metres in PLACES.items():
        latitude = str(HERE[0] + metres / 111_320)
        row = compliant_row(rng, name=name, latitude=latitude, longitude=str(HERE[1]))
        data = InstitutionData.model_validate({k: v for k, v in row.items() if v != ""})
        service.register(service.RegisterInstitution(data, ADMIN, load_rule_book()), uow)
    near = f"{HERE[0]},{HERE[1]}"
    with Session(empty_database) as session:
        repository = SqlRegistryRepository(session)
        page = PageParams(offset=0, limit=10)
        found, count = repository.search(Scope(), SearchFilters(near=near), page)
        assert count == 3 and [r.name for r in found] == ["隔壁培训", "街角培训", "对街培训"]
        wider, _ = repository.search(Scope(), SearchFilters(near=near, radius=1000), page)
        assert [r.name for r in wider][-1] == "远处培训"
        named, _ = repository.search(Scope(), SearchFilters(near=near, q="街"), page)
        assert [r.name for r in named] == ["街角培训", "对街培训"]


@pytest.mark.parametrize("near", ["28.1", "north,east", "91,113", "28.1,113.0,5"])
def test_a_point_that_is_not_one_is_refused_saying_what_is_accepted(near):
    with pytest.raises(ValidationError, match="near must be latitude,longitude"):
        SearchFilters(near=near)
