"""indexes for the case list at 10 million tasks: its order, its scopes, department and overdue

Revision ID: enforcement_0005
Revises: enforcement_0004

Newest first is (opened_at, case_id), also the export's keyset; a district's and a township's
cases are read newest first from (district, opened_at) and (township, opened_at), which replace
the single-column indexes. A department's cases come from (department, case_id), in a district
from (district, department, case_id), replacing the single-column ones; the overdue filter
starts from the tasks whose clock runs, (status, case_id). See docs/benchmarks.md.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "enforcement_0005"
down_revision: str | None = "enforcement_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW = {
    "ix_cases_opened_at_case_id": ("cases", ["opened_at", "case_id"]),
    "ix_cases_district_opened_at": ("cases", ["district", "opened_at"]),
    "ix_cases_township_opened_at": ("cases", ["township", "opened_at"]),
    "ix_department_tasks_department_case_id": ("department_tasks", ["department", "case_id"]),
    "ix_department_tasks_district_department": (
        "department_tasks",
        ["district", "department", "case_id"],
    ),
    "ix_department_tasks_status_case_id": ("department_tasks", ["status", "case_id"]),
}
REPLACED = {
    "ix_cases_district": ("cases", ["district"]),
    "ix_cases_township": ("cases", ["township"]),
    "ix_department_tasks_department": ("department_tasks", ["department"]),
    "ix_department_tasks_district": ("department_tasks", ["district"]),
}


def upgrade() -> None:
    for name, (table, columns) in NEW.items():
        op.create_index(name, table, columns, unique=False)
    for name, (table, _) in REPLACED.items():
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, (table, columns) in REPLACED.items():
        op.create_index(name, table, columns, unique=False)
    for name, (table, _) in NEW.items():
        op.drop_index(name, table_name=table)
