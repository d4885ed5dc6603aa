"""each moment the metrics subtract, also as whole microseconds since the epoch

Revision ID: oversight_0005
Revises: oversight_0004
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "oversight_0005"
down_revision: str | None = "oversight_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def upgrade() -> None:
    with op.batch_alter_table("task_facts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("dispatched_us", sa.BigInteger(), nullable=False, server_default="-1")
        )
        batch_op.add_column(sa.Column("acknowledged_us", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_us", sa.BigInteger(), nullable=True))
    _backfill(
        "task_facts",
        "task_id",
        {"dispatched_us": "dispatched_at", "acknowledged_us": "acknowledged_at"},
    )
    _backfill("case_facts", "case_id", {"closed_us": "closed_at"})
    with op.batch_alter_table("task_facts", schema=None) as batch_op:
        batch_op.alter_column("dispatched_us", server_default=None)


def _backfill(table: str, key: str, micros_of: dict[str, str]) -> None:
    """Each row's moments as microseconds: in one statement on PostgreSQL (its epoch is exact
    numeric), read and written in batches on SQLite (which stores the moments as text)."""
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        assignments = ", ".join(
            f"{name} = (EXTRACT(EPOCH FROM {moment}) * 1000000)::bigint"
            for name, moment in micros_of.items()
        )
        op.execute(f"UPDATE {table} SET {assignments}")
        return
    rows = sa.table(
        table,
        sa.column(key),
        *(sa.column(name, sa.DateTime(timezone=True)) for name in micros_of.values()),
        *(sa.column(name, sa.BigInteger()) for name in micros_of),
    )
    last = ""
    while True:
        batch = connection.execute(
            sa.select(rows.c[key], *(rows.c[name] for name in micros_of.values()))
            .where(rows.c[key] > last)
            .order_by(rows.c[key])
            .limit(BATCH)
        ).all()
        if not batch:
            return
        connection.execute(
            rows.update()
            .where(rows.c[key] == sa.bindparam("row_key"))
            .values({name: sa.bindparam(name) for name in micros_of}),
            [
                {"row_key": row[0]}
                | {name: _micros(row._mapping[moment]) for name, moment in micros_of.items()}
                for row in batch
            ],
        )
        last = batch[-1][0]


def _micros(moment: datetime | None) -> int | None:
    """As `oversight.store.tables.epoch_micros`; SQLite hands the stored UTC moment back naive."""
    if moment is None:
        return None
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return (aware - EPOCH) // timedelta(microseconds=1)


def downgrade() -> None:
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.drop_column("closed_us")
    with op.batch_alter_table("task_facts", schema=None) as batch_op:
        batch_op.drop_column("acknowledged_us")
        batch_op.drop_column("dispatched_us")
