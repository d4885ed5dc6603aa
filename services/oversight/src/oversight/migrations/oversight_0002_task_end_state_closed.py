"""a task whose case closed ends `closed` (was `handled`), in the words enforcement uses

Revision ID: oversight_0002
Revises: oversight_0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "oversight_0002"
down_revision: str | None = "oversight_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE task_facts SET end_state = 'closed' WHERE end_state = 'handled'")


def downgrade() -> None:
    op.execute("UPDATE task_facts SET end_state = 'handled' WHERE end_state = 'closed'")
