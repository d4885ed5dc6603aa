"""a reporter's key for each report, so a report sent twice (an offline queue) is made once

Revision ID: patrol_0003
Revises: patrol_0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "patrol_0003"
down_revision: str | None = "patrol_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("incidents") as table:
        table.add_column(sa.Column("report_key", sa.String(), nullable=True))
        table.create_unique_constraint("uq_incidents_report_key", ["reporter", "report_key"])


def downgrade() -> None:
    with op.batch_alter_table("incidents") as table:
        table.drop_constraint("uq_incidents_report_key", type_="unique")
        table.drop_column("report_key")
