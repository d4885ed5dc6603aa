"""incident photos (kept by sha256 in the photo store) and the institution a report names

Revision ID: patrol_0002
Revises: patrol_0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "patrol_0002"
down_revision: str | None = "patrol_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "incident_photos",
        sa.Column("incident_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("media_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("thumbnail_sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("uploaded_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.incident_id"]),
        sa.PrimaryKeyConstraint("incident_id", "sha256"),
    )
    op.add_column("incidents", sa.Column("institution_id", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("incidents", "institution_id")
    op.drop_table("incident_photos")
