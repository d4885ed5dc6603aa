"""An empty database of each kind: a SQLite file, and a fresh PostgreSQL database."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from govkit.db import create_db_engine
from tests.support.stack import POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path, stack_up):
    if request.param == "sqlite":
        engine = create_db_engine(f"sqlite:///{tmp_path}/store.db")
        yield engine
        engine.dispose()
        return
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_db_engine(POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}")
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
