"""the cases by opening day, city-wide and within a district or township

Revision ID: oversight_0007
Revises: oversight_0006
"""

from collections.abc import Sequence

from alembic import op

revision: str = "oversight_0007"
down_revision: str | None = "oversight_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_case_facts_opened_at": ["opened_at"],
    "ix_case_facts_district_opened_at": ["district", "opened_at"],
    "ix_case_facts_township_opened_at": ["township", "opened_at"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "case_facts", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="case_facts")
