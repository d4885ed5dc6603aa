"""Every service's migrations build exactly the schema its models declare, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from enforcement.app import SCHEMA as ENFORCEMENT
from govkit.migrations import unmigrated_changes, upgrade_to_head
from institutions.app import SCHEMA as INSTITUTIONS
from oversight.app import SCHEMA as OVERSIGHT
from patrol.app import SCHEMA as PATROL
from risk.app import SCHEMA as RISK

pytestmark = pytest.mark.integration

SERVICES = {
    "patrol": PATROL,
    "enforcement": ENFORCEMENT,
    "institutions": INSTITUTIONS,
    "risk": RISK,
    "oversight": OVERSIGHT,
}


@pytest.mark.parametrize("package", sorted(SERVICES))
def test_migrations_match_the_models(package, empty_database):
    upgrade_to_head(empty_database, package, SERVICES[package])
    assert unmigrated_changes(empty_database, SERVICES[package]) == []
    upgrade_to_head(empty_database, package, SERVICES[package])  # a second start changes nothing


def test_a_database_from_before_migrations_is_refused_with_the_reason(empty_database):
    PATROL.create_all(empty_database)
    with pytest.raises(RuntimeError, match="no migration history"):
        upgrade_to_head(empty_database, "patrol", PATROL)
    assert "alembic_version" not in inspect(empty_database).get_table_names()
