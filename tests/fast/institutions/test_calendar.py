"""A year an administrator loads reaches the compliance rules without a restart."""

from __future__ import annotations

from datetime import UTC, datetime

from govkit.fakes import FakeUnitOfWork
from institutions.app import create_app
from tests.fast.institutions.fakes import FakeRegistryRepository
from tests.fast.institutions.test_routes import register
from tests.fast.support import bearer, client, sequential_ids
from tests.support.calendar import loaded_2027
from tests.support.registry import subject_row

# A Sunday four weeks before the rules' look-ahead reaches Friday 1 January 2027.
DEC_20 = datetime(2026, 12, 20, 2, 0, tzinfo=UTC)
FRIDAY_EVENINGS = "初中数学@fri 18:30-20:30 term"


def violations(api, seed: int) -> list[dict]:
    """The open violations of a new subject institution teaching on Friday evenings."""
    created = register(api, "edu_officer", seed=seed, row=subject_row, courses=FRIDAY_EVENINGS)
    path = f"/institutions/{created['institution_id']}"
    return api.get(path, headers=bearer("edu_officer")).json()["open_violations"]


def test_new_years_day_2027_becomes_a_rest_day_once_2027_is_loaded(settings):
    uow = FakeUnitOfWork(FakeRegistryRepository(), clock=lambda: DEC_20, new_id=sequential_ids())
    api = client(create_app, settings, uow)
    assert violations(api, seed=1) == []  # 2027 unknown: Friday 1 January is a working day

    api.app.state.calendar.apply(loaded_2027())
    (violation,) = violations(api, seed=2)
    assert violation["rule"] == "subject_rest_days"
    assert "2027-01-01" in violation["evidence"]
