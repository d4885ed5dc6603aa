"""the registry's id of the institution a case's report names

Revision ID: enforcement_0004
Revises: enforcement_0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "enforcement_0004"
down_revision: str | None = "enforcement_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain ALTER TABLE, as in enforcement_0002: a batch would copy `cases`, which its tasks'
# foreign keys forbid on SQLite.


def upgrade() -> None:
    op.add_column("cases", sa.Column("institution_id", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("cases", "institution_id")
