"""Each service's schema is its Alembic migrations, applied when the service starts.

A service keeps its revisions in `<package>/migrations/` (its own branch, named after it); the
environment (`govkit/alembic/`) is shared, and so are govkit's outbox and processed-event tables,
whose revisions (`govkit/kit_migrations/`, branch `kit`) every service baseline depends on.
New revision for a changed model:

    .venv/bin/python -m govkit.migrations revision <package> "<what changed>"
"""

from __future__ import annotations

import os
import sys
import tempfile
from importlib import import_module, resources
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, inspect

from govkit.db import create_db_engine
from govkit.tables import KitTable


def schema_of(metadata: MetaData) -> MetaData:
    """The service's tables and govkit's, as one schema."""
    combined = MetaData()
    for source in (KitTable.metadata, metadata):
        for table in source.tables.values():
            table.to_metadata(combined)
    return combined


def _config(package: str, connection, metadata: MetaData) -> Config:
    config = Config()
    config.set_main_option("path_separator", "os")
    config.set_main_option("script_location", str(resources.files("govkit") / "alembic"))
    locations = (
        resources.files("govkit") / "kit_migrations",
        resources.files(package) / "migrations",
    )
    config.set_main_option("version_locations", os.pathsep.join(map(str, locations)))
    config.attributes.update(connection=connection, metadata=schema_of(metadata))
    return config


def upgrade_to_head(engine: Engine, package: str, metadata: MetaData) -> None:
    """Bring the database to the newest revision; refuse one that predates migrations."""
    with engine.begin() as connection:
        tables = set(inspect(connection).get_table_names())
        if tables and "alembic_version" not in tables:
            raise RuntimeError(
                f"database {engine.url.render_as_string(hide_password=True)} has tables but no "
                "migration history: it was made before migrations existed (local demo data "
                "only). Remove it, or mark it current with `alembic stamp head` if it matches."
            )
        command.upgrade(_config(package, connection, metadata), "heads")


def unmigrated_changes(engine: Engine, metadata: MetaData) -> list:
    """What the models declare that the migrated database lacks (empty when in sync)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, schema_of(metadata))


def new_revision(package: str, metadata: MetaData, message: str) -> None:
    """Autogenerate the next revision from the difference between head and the models."""
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_db_engine(f"sqlite:///{Path(scratch) / 'head.db'}")
        upgrade_to_head(engine, package, metadata)
        versions = resources.files(package) / "migrations"
        count = len(list(Path(str(versions)).glob("*.py")))
        with engine.begin() as connection:
            command.revision(
                _config(package, connection, metadata),
                message,
                autogenerate=True,
                head=f"{package}@head",
                rev_id=f"{package}_{count + 1:04d}",
            )
        engine.dispose()


def _main(argv: list[str]) -> None:
    if len(argv) != 4 or argv[1] != "revision":
        raise SystemExit('usage: python -m govkit.migrations revision <package> "<message>"')
    package, message = argv[2], argv[3]
    metadata = import_module(f"{package}.app").SCHEMA
    new_revision(package, metadata, message)


if __name__ == "__main__":
    _main(sys.argv)
