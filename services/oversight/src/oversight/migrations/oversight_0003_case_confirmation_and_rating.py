"""a case's closure confirmed solved on site, and its rating

Revision ID: oversight_0003
Revises: oversight_0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "oversight_0003"
down_revision: str | None = "oversight_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A case closed before was never confirmed on site: it counts as closed, not solved.
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("solved", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("rating", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.drop_column("rating")
        batch_op.drop_column("solved")
