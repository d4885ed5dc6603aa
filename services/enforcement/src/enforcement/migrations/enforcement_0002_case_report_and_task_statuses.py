"""the case knows its report; a task's `handled` becomes `fed_back`, or `closed` on a closed case

Revision ID: enforcement_0002
Revises: enforcement_0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "enforcement_0002"
down_revision: str | None = "enforcement_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPORT_COLUMNS = (
    ("reporter", sa.String()),
    ("reported_at", sa.DateTime(timezone=True)),
    ("description", sa.String()),
    ("institution_name", sa.String()),
    ("institution_address", sa.String()),
    ("latitude", sa.Float()),
    ("longitude", sa.Float()),
)
CLOSED_CASES = "SELECT case_id FROM cases WHERE status = 'closed'"


# Plain ALTER TABLE, not a batch: SQLite (3.35+) adds and drops these columns in place, where a
# batch would copy `cases` and drop the original, which its tasks' foreign keys forbid.


def upgrade() -> None:
    for name, kind in REPORT_COLUMNS:
        op.add_column("cases", sa.Column(name, kind, nullable=True))
    # Stored tasks speak the new words: a task still on a closed case was fed back and closed.
    op.execute(
        "UPDATE department_tasks SET status = 'closed' "
        f"WHERE status = 'handled' AND case_id IN ({CLOSED_CASES})"
    )
    op.execute("UPDATE department_tasks SET status = 'fed_back' WHERE status = 'handled'")


def downgrade() -> None:
    op.execute(
        "UPDATE department_tasks SET status = 'handled' WHERE status IN ('fed_back', 'closed')"
    )
    for name, _kind in reversed(REPORT_COLUMNS):
        op.drop_column("cases", name)
