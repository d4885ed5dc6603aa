"""baseline: the patrol tables of the first release

Revision ID: patrol_0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "patrol_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("patrol",)
depends_on: str | Sequence[str] | None = "kit_0001"  # govkit's outbox tables


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("incident_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("incident_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("institution_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("institution_address", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reporter", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("township", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("grid", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("incident_id"),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incidents_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_reporter"), ["reporter"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_township"), ["township"], unique=False)

    op.create_table(
        "patrol_leads",
        sa.Column("lead_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("institution_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("institution_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rule", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("evidence", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("severity", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("township", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("grid", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("lead_id"),
    )
    with op.batch_alter_table("patrol_leads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_patrol_leads_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_patrol_leads_grid"), ["grid"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_patrol_leads_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_patrol_leads_township"), ["township"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("patrol_leads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patrol_leads_township"))
        batch_op.drop_index(batch_op.f("ix_patrol_leads_institution_id"))
        batch_op.drop_index(batch_op.f("ix_patrol_leads_grid"))
        batch_op.drop_index(batch_op.f("ix_patrol_leads_district"))

    op.drop_table("patrol_leads")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_township"))
        batch_op.drop_index(batch_op.f("ix_incidents_reporter"))
        batch_op.drop_index(batch_op.f("ix_incidents_district"))

    op.drop_table("incidents")
