"""baseline: the risk tables of the first release

Revision ID: risk_0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "risk_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("risk",)
depends_on: str | Sequence[str] | None = "kit_0001"  # govkit's outbox tables


def upgrade() -> None:
    op.create_table(
        "risk_signals",
        sa.Column("signal_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("institution_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("institution_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("severity", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("evidence", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("township", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("signal_id"),
    )
    with op.batch_alter_table("risk_signals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_signals_district"), ["district"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_risk_signals_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_risk_signals_township"), ["township"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("risk_signals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_signals_township"))
        batch_op.drop_index(batch_op.f("ix_risk_signals_institution_id"))
        batch_op.drop_index(batch_op.f("ix_risk_signals_district"))

    op.drop_table("risk_signals")
