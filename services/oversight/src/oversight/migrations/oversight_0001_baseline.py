"""baseline: the oversight tables of the first release

Revision ID: oversight_0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "oversight_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("oversight",)
depends_on: str | Sequence[str] | None = "kit_0001"  # govkit's outbox tables


def upgrade() -> None:
    op.create_table(
        "case_facts",
        sa.Column("case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("township", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("case_id"),
    )
    op.create_table(
        "task_facts",
        sa.Column("task_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("department", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("township", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("week", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledge_by", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handle_by", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_on_time", sa.Boolean(), nullable=True),
        sa.Column("fed_back_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fed_back_on_time", sa.Boolean(), nullable=True),
        sa.Column("rework_count", sa.Integer(), nullable=False),
        sa.Column("escalations", sa.Integer(), nullable=False),
        sa.Column("max_escalation_level", sa.Integer(), nullable=False),
        sa.Column("end_state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("task_id"),
    )
    with op.batch_alter_table("task_facts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_facts_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_facts_department"), ["department"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_facts_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_facts_township"), ["township"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_facts_week"), ["week"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("task_facts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_facts_week"))
        batch_op.drop_index(batch_op.f("ix_task_facts_township"))
        batch_op.drop_index(batch_op.f("ix_task_facts_district"))
        batch_op.drop_index(batch_op.f("ix_task_facts_department"))
        batch_op.drop_index(batch_op.f("ix_task_facts_case_id"))

    op.drop_table("task_facts")
    op.drop_table("case_facts")
