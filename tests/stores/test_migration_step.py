"""Migrations as one step before the replicas: a replica that does not migrate only checks."""

from __future__ import annotations

import pytest

from enforcement.app import SCHEMA
from govkit.migrations import prepare_schema, unmigrated_changes


def test_a_replica_that_does_not_migrate_refuses_an_unmigrated_database(empty_database):
    with pytest.raises(RuntimeError, match="python -m govkit.migrations upgrade enforcement"):
        prepare_schema(empty_database, "enforcement", SCHEMA, migrate=False)


def test_after_the_migration_step_a_replica_starts_without_migrating(empty_database):
    prepare_schema(empty_database, "enforcement", SCHEMA, migrate=True)  # the step (or `make run`)
    prepare_schema(empty_database, "enforcement", SCHEMA, migrate=False)  # each replica
    assert unmigrated_changes(empty_database, SCHEMA) == []
