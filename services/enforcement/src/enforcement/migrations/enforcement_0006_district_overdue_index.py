"""index for a district's overdue cases at 10 million tasks

Revision ID: enforcement_0006
Revises: enforcement_0005

The overdue filter of a district's case list reads the district's tasks whose clock runs from
(district, status, case_id), instead of every running task of the city from (status, case_id)
hashed against the district's cases. See docs/benchmarks.md.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "enforcement_0006"
down_revision: str | None = "enforcement_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_department_tasks_district_status"


def upgrade() -> None:
    op.create_index(INDEX, "department_tasks", ["district", "status", "case_id"], unique=False)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="department_tasks")
