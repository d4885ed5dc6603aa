"""baseline: the institutions tables of the first release

Revision ID: institutions_0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "institutions_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("institutions",)
depends_on: str | Sequence[str] | None = "kit_0001"  # govkit's outbox tables


def upgrade() -> None:
    op.create_table(
        "institutions",
        sa.Column("institution_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("credit_code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("township", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("grid", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("non_subject_kind", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("age_group", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("school_licence_no", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("school_licence_valid_until", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("business_licence_no", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column(
            "business_licence_valid_until", sqlmodel.sql.sqltypes.AutoString(), nullable=True
        ),
        sa.Column("non_profit", sa.Boolean(), nullable=False),
        sa.Column("supervising_department", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("list_status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("list_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("list_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fund_account", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("unsettled_prepaid_yuan", sa.Float(), nullable=False),
        sa.Column("staff", sa.JSON(), nullable=False),
        sa.Column("courses", sa.JSON(), nullable=False),
        sa.Column("fee_plans", sa.JSON(), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("institution_id"),
        sa.UniqueConstraint("credit_code"),
    )
    with op.batch_alter_table("institutions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_institutions_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_institutions_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_institutions_grid"), ["grid"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_institutions_list_status"), ["list_status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_institutions_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_institutions_state"), ["state"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_institutions_supervising_department"),
            ["supervising_department"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_institutions_township"), ["township"], unique=False)

    op.create_table(
        "lifecycle_history",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("institution_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("from_state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("to_state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("changed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("position"),
    )
    with op.batch_alter_table("lifecycle_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lifecycle_history_institution_id"), ["institution_id"], unique=False
        )

    op.create_table(
        "open_violations",
        sa.Column("institution_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rule", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("violation_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("evidence", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("severity", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("institution_id", "rule"),
        sa.UniqueConstraint("violation_id"),
    )


def downgrade() -> None:
    op.drop_table("open_violations")
    with op.batch_alter_table("lifecycle_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lifecycle_history_institution_id"))

    op.drop_table("lifecycle_history")
    with op.batch_alter_table("institutions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_institutions_township"))
        batch_op.drop_index(batch_op.f("ix_institutions_supervising_department"))
        batch_op.drop_index(batch_op.f("ix_institutions_state"))
        batch_op.drop_index(batch_op.f("ix_institutions_name"))
        batch_op.drop_index(batch_op.f("ix_institutions_list_status"))
        batch_op.drop_index(batch_op.f("ix_institutions_grid"))
        batch_op.drop_index(batch_op.f("ix_institutions_district"))
        batch_op.drop_index(batch_op.f("ix_institutions_category"))

    op.drop_table("institutions")
