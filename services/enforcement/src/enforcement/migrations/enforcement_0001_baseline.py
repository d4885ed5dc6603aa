"""baseline: the enforcement tables of the first release

Revision ID: enforcement_0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "enforcement_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("enforcement",)
depends_on: str | Sequence[str] | None = "kit_0001"  # govkit's outbox tables


def upgrade() -> None:
    op.create_table(
        "accountability_records",
        sa.Column("measure_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("department", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("measure", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("misses", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("task_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("measure_id"),
    )
    with op.batch_alter_table("accountability_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_accountability_records_department"), ["department"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_accountability_records_district"), ["district"], unique=False
        )

    op.create_table(
        "case_timeline",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("event_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("position"),
        sa.UniqueConstraint("event_id"),
    )
    with op.batch_alter_table("case_timeline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_timeline_case_id"), ["case_id"], unique=False)

    op.create_table(
        "cases",
        sa.Column("case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("incident_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("incident_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("township", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("grid", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("case_id"),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_incident_id"), ["incident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_township"), ["township"], unique=False)

    op.create_table(
        "missed_deadlines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("clock", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("missed_deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("department", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("task_id", "clock", "missed_deadline"),
    )
    with op.batch_alter_table("missed_deadlines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_missed_deadlines_department"), ["department"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_missed_deadlines_district"), ["district"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_missed_deadlines_period"), ["period"], unique=False)

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("task_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("department", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("township", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("message", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notifications_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notifications_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notifications_role"), ["role"], unique=False)

    op.create_table(
        "department_tasks",
        sa.Column("task_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("department", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("township", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("lead", sa.Boolean(), nullable=False),
        sa.Column("severity", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("acknowledge_by", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handle_by", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("escalation_level", sa.Integer(), nullable=False),
        sa.Column("dispute_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("pause_state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("pause_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("rework_count", sa.Integer(), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("outcome_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fine_amount_yuan", sa.Integer(), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.case_id"],
        ),
        sa.PrimaryKeyConstraint("task_id"),
    )
    with op.batch_alter_table("department_tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_department_tasks_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_department_tasks_department"), ["department"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_department_tasks_district"), ["district"], unique=False
        )

    op.create_table(
        "joint_actions",
        sa.Column("action_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("departments", sa.JSON(), nullable=False),
        sa.Column("scheduled_for", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("scheduled_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fine_amount_yuan", sa.Integer(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.case_id"],
        ),
        sa.PrimaryKeyConstraint("action_id"),
    )
    with op.batch_alter_table("joint_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_joint_actions_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("joint_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_joint_actions_case_id"))

    op.drop_table("joint_actions")
    with op.batch_alter_table("department_tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_department_tasks_district"))
        batch_op.drop_index(batch_op.f("ix_department_tasks_department"))
        batch_op.drop_index(batch_op.f("ix_department_tasks_case_id"))

    op.drop_table("department_tasks")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_role"))
        batch_op.drop_index(batch_op.f("ix_notifications_event_id"))
        batch_op.drop_index(batch_op.f("ix_notifications_case_id"))

    op.drop_table("notifications")
    with op.batch_alter_table("missed_deadlines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_missed_deadlines_period"))
        batch_op.drop_index(batch_op.f("ix_missed_deadlines_district"))
        batch_op.drop_index(batch_op.f("ix_missed_deadlines_department"))

    op.drop_table("missed_deadlines")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_township"))
        batch_op.drop_index(batch_op.f("ix_cases_incident_id"))
        batch_op.drop_index(batch_op.f("ix_cases_district"))

    op.drop_table("cases")
    with op.batch_alter_table("case_timeline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_timeline_case_id"))

    op.drop_table("case_timeline")
    with op.batch_alter_table("accountability_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accountability_records_district"))
        batch_op.drop_index(batch_op.f("ix_accountability_records_department"))

    op.drop_table("accountability_records")
