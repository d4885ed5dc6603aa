"""Each service's schema is its Alembic migrations, applied when the service starts.

Or as one step before the replicas start (`GOV_MIGRATE_AT_START=false` on the replicas, ADR 0011):

    .venv/bin/python -m govkit.migrations upgrade <package>   # <PACKAGE>_DATABASE_URL

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
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, inspect

from govkit.db import create_db_engine
from govkit.settings import CommonSettings
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
    upgrade_to(engine, package, metadata, "heads")


def upgrade_to(engine: Engine, package: str, metadata: MetaData, revision: str) -> None:
    """Bring the database to `revision` (a benchmark fills rows at an older one, then upgrades)."""
    with engine.begin() as connection:
        tables = set(inspect(connection).get_table_names())
        if tables and "alembic_version" not in tables:
            raise RuntimeError(
                f"database {engine.url.render_as_string(hide_password=True)} has tables but no "
                "migration history: it was made before migrations existed (local demo data "
                "only). Remove it, or mark it current with `alembic stamp head` if it matches."
            )
        command.upgrade(_config(package, connection, metadata), revision)


def prepare_schema(engine: Engine, package: str, metadata: MetaData, *, migrate: bool) -> None:
    """At a service's start: upgrade the database, or only check the migration step ran."""
    if migrate:
        upgrade_to_head(engine, package, metadata)
    else:
        require_head(engine, package, metadata)


def require_head(engine: Engine, package: str, metadata: MetaData) -> None:
    """Refuse to serve on a database behind this code's revisions; a newer one is fine (a
    rollback of the code runs on the schema its successor expanded)."""
    with engine.connect() as connection:
        script = ScriptDirectory.from_config(_config(package, connection, metadata))
        current = MigrationContext.configure(connection).get_current_heads()
    if not set(current) <= {revision.revision for revision in script.walk_revisions()}:
        return  # migrated by a newer release
    applied = script.revision_map.iterate_revisions(current, "base")
    missing = set(script.get_heads()) - {revision.revision for revision in applied}
    if missing:
        raise RuntimeError(
            f"the {package} database is at {sorted(current) or 'no revision'}, this code needs "
            f"{sorted(missing)}: run `python -m govkit.migrations upgrade {package}` "
            "(the migration Job) first"
        )


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


def _database_url(package: str) -> str:
    """The database the service itself would use: its settings class reads the environment."""
    module = import_module(f"{package}.settings")
    settings = next(
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, CommonSettings)
        and value.__module__ == module.__name__
    )
    return settings().database_url  # type: ignore[attr-defined]


USAGE = """usage: python -m govkit.migrations upgrade <package>
       python -m govkit.migrations revision <package> "<message>\""""


def _main(argv: list[str]) -> None:
    if len(argv) not in (3, 4) or (argv[1], len(argv)) not in (("upgrade", 3), ("revision", 4)):
        raise SystemExit(USAGE)
    package = argv[2]
    metadata = import_module(f"{package}.app").SCHEMA
    if argv[1] == "revision":
        new_revision(package, metadata, argv[3])
        return
    engine = create_db_engine(_database_url(package))
    upgrade_to_head(engine, package, metadata)
    engine.dispose()
    print(f"[migrations] {package}: at head")


if __name__ == "__main__":
    _main(sys.argv)
