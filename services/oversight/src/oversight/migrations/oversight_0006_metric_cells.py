"""the metrics' sums kept per cell, filled from the task and case rows

Revision ID: oversight_0006
Revises: oversight_0005
"""

from collections.abc import Sequence
from itertools import product

import sqlalchemy as sa
from alembic import op

revision: str = "oversight_0006"
down_revision: str | None = "oversight_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = ("kind", "department", "incident_type", "district", "township", "group_value")
ANY = "*"
COUNTED = "t.end_state NOT IN ('reassigned', 'released')"
FED_BACK = f"{COUNTED} AND t.fed_back_at IS NOT NULL"
ACKNOWLEDGED = f"{COUNTED} AND t.acknowledged_at IS NOT NULL"
COUNTED_CLOSED = f"{COUNTED} AND c.closed_at IS NOT NULL"


def _tasks(condition: str) -> str:
    return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def _cases(condition: str) -> str:
    return f"COUNT(DISTINCT CASE WHEN {condition} THEN t.case_id END)"


def _seconds(later: str, condition: str) -> str:
    """Whole seconds from dispatch, rounded down (integer division truncates toward zero)."""
    span = f"({later} - t.dispatched_us)"
    whole = f"CASE WHEN {span} >= 0 THEN {span} / 1000000 ELSE -((-{span} + 999999) / 1000000) END"
    return f"SUM(CASE WHEN {condition} THEN {whole} ELSE 0 END)"


# The sums of `oversight.domain.metrics.Sums` as they are defined at this revision.
SUMS = {
    "tasks": "COUNT(*)",
    "counted": _tasks(COUNTED),
    "acknowledged_on_time": _tasks(f"{COUNTED} AND t.acknowledged_on_time IS TRUE"),
    "fed_back": _tasks(FED_BACK),
    "fed_back_on_time": _tasks(f"{FED_BACK} AND t.fed_back_on_time IS TRUE"),
    "reworked": _tasks(f"{FED_BACK} AND t.rework_count > 0"),
    "overdue_tasks": _tasks("t.escalations > 0"),
    "escalations": "SUM(t.escalations)",
    "max_escalation_level": "MAX(t.max_escalation_level)",
    "acknowledge_seconds": _seconds("t.acknowledged_us", ACKNOWLEDGED),
    "acknowledged": _tasks(ACKNOWLEDGED),
    "close_seconds": _seconds("c.closed_us", COUNTED_CLOSED),
    "closed_tasks": _tasks(COUNTED_CLOSED),
    "cases_closed": _cases(COUNTED_CLOSED),
    "cases_solved": _cases(f"{COUNTED_CLOSED} AND c.solved IS TRUE"),
    "cases_rated": _cases(
        f"{COUNTED_CLOSED} AND c.rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')"
    ),
    "cases_satisfied": _cases(
        f"{COUNTED_CLOSED} AND c.rating IN ('satisfied', 'basically_satisfied')"
    ),
    "cases_rating_over": _cases(f"{COUNTED_CLOSED} AND c.rating IS NOT NULL"),
    "cases_not_rated": _cases(f"{COUNTED_CLOSED} AND c.rating = 'not_rated'"),
    "cases_total": "COUNT(DISTINCT t.case_id)",
    "cases_closed_any": _cases("c.closed_at IS NOT NULL"),
    "cases_overdue": _cases("t.escalations > 0"),
    "cases_escalated": _cases("t.top_escalation_level >= 2"),
    **{
        name: f"SUM(t.{name})"
        for name in (
            "supervision_notices",
            "public_notices",
            "formal_talks",
            "disciplinary_accountabilities",
        )
    },
}
GROUPS = {"department": "t.department", "township": "t.township", "week": "t.week", "all": None}


def upgrade() -> None:
    op.create_table(
        "metric_cells",
        *(sa.Column(name, sa.String(), nullable=False) for name in KEY),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in SUMS),
        sa.PrimaryKeyConstraint(*KEY),
    )
    for (kind, group), by_department, by_type in product(GROUPS.items(), (0, 1), (0, 1)):
        op.execute(_fill(kind, group, by_department, by_type))


def _fill(kind: str, group: str | None, by_department: int, by_type: int) -> str:
    """One INSERT … SELECT of the cells of one kind and department and incident type options."""
    department = "t.department" if by_department else f"'{ANY}'"
    incident_type = "t.incident_type" if by_type else f"'{ANY}'"
    grouped = ["t.district", "t.township"]
    grouped += [column for column in (group,) if column is not None]
    grouped += ["t.department"] if by_department else []
    grouped += ["t.incident_type"] if by_type else []
    values = [f"'{kind}'", department, incident_type, "t.district", "t.township"]
    values.append(group or "'all'")
    return (
        f"INSERT INTO metric_cells ({', '.join(KEY)}, {', '.join(SUMS)}) "
        f"SELECT {', '.join(values)}, {', '.join(SUMS.values())} "
        "FROM task_facts t LEFT JOIN case_facts c ON c.case_id = t.case_id "
        f"{'WHERE t.incident_type IS NOT NULL ' if by_type else ''}"
        f"GROUP BY {', '.join(dict.fromkeys(grouped))}"
    )


def downgrade() -> None:
    op.drop_table("metric_cells")
