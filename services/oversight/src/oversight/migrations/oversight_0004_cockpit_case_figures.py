"""the cockpit's figures: a task's incident type, its top rung on any clock, its measures

Revision ID: oversight_0004
Revises: oversight_0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "oversight_0004"
down_revision: str | None = "oversight_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEASURES = (
    "supervision_notices",
    "public_notices",
    "formal_talks",
    "disciplinary_accountabilities",
)


def upgrade() -> None:
    with op.batch_alter_table("task_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("incident_type", sa.String(), nullable=True))
        batch_op.create_index("ix_task_facts_incident_type", ["incident_type"], unique=False)
        for name in ("top_escalation_level", *MEASURES):
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    # What was folded before knew only its own clocks' top rung: the best lower bound there is.
    op.execute("UPDATE task_facts SET top_escalation_level = max_escalation_level")


def downgrade() -> None:
    with op.batch_alter_table("task_facts", schema=None) as batch_op:
        for name in ("top_escalation_level", *MEASURES):
            batch_op.drop_column(name)
        batch_op.drop_index("ix_task_facts_incident_type")
        batch_op.drop_column("incident_type")
