"""a case's closures, their on-site confirmation and rating, and who reported; notices to a grid
or a person

Revision ID: enforcement_0003
Revises: enforcement_0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "enforcement_0003"
down_revision: str | None = "enforcement_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CASE_COLUMNS = (
    ("reporter_role", sa.String()),
    ("confirmer_role", sa.String()),
    ("confirmation_status", sa.String()),
    ("confirm_by", sa.DateTime(timezone=True)),
    ("confirmed_by", sa.String()),
    ("confirmed_at", sa.DateTime(timezone=True)),
    ("confirmation_note", sa.String()),
    ("rating_status", sa.String()),
    ("rate_by", sa.DateTime(timezone=True)),
    ("satisfaction", sa.String()),
    ("rating_reason", sa.String()),
    ("rated_at", sa.DateTime(timezone=True)),
)
NOTIFICATION_COLUMNS = (("grid", sa.String()), ("username", sa.String()))


# Plain ALTER TABLE, as in enforcement_0002: a batch would copy `cases`, which its tasks'
# foreign keys forbid on SQLite.


def upgrade() -> None:
    op.add_column("cases", sa.Column("closures", sa.Integer(), nullable=False, server_default="0"))
    for name, kind in CASE_COLUMNS:
        op.add_column("cases", sa.Column(name, kind, nullable=True))
    for name, kind in NOTIFICATION_COLUMNS:
        op.add_column("notifications", sa.Column(name, kind, nullable=True))
    # A case closed before: its one closure, never asked to be confirmed or rated.
    op.execute("UPDATE cases SET closures = 1 WHERE status = 'closed'")


def downgrade() -> None:
    for name, _kind in reversed(NOTIFICATION_COLUMNS):
        op.drop_column("notifications", name)
    for name, _kind in reversed(CASE_COLUMNS):
        op.drop_column("cases", name)
    op.drop_column("cases", "closures")
