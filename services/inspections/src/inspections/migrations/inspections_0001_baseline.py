"""baseline: the inspections tables of the first release

Revision ID: inspections_0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "inspections_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("inspections",)
depends_on: str | Sequence[str] | None = "kit_0001"  # govkit's outbox tables


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("assignment_id", sa.String(), nullable=False),
        sa.Column("inspector", sa.String(), nullable=False),
        sa.Column("unit_id", sa.String(), nullable=False),
        sa.Column("unit_code", sa.String(), nullable=False),
        sa.Column("district", sa.String(), nullable=False),
        sa.Column("township", sa.String(), nullable=False),
        sa.Column("assigned_by", sa.String(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("assignment_id"),
        sa.UniqueConstraint("inspector", "unit_id"),
    )
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignments_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignments_inspector"), ["inspector"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignments_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "evidence_files",
        sa.Column("owner_id", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("media_type", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(), nullable=False),
        sa.Column("uploaded_by", sa.String(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("owner_id", "sha256"),
    )
    op.create_table(
        "findings",
        sa.Column("finding_id", sa.String(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("order_id", sa.String(), nullable=False),
        sa.Column("unit_id", sa.String(), nullable=False),
        sa.Column("unit_kind", sa.String(), nullable=False),
        sa.Column("unit_code", sa.String(), nullable=False),
        sa.Column("district", sa.String(), nullable=False),
        sa.Column("township", sa.String(), nullable=False),
        sa.Column("item_no", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(), nullable=False),
        sa.Column("severity", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("photos", sa.JSON(), nullable=False),
        sa.Column("incident_id", sa.String(), nullable=True),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rectified_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("finding_id"),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_findings_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_findings_found_at"), ["found_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_findings_inspection_id"), ["inspection_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_findings_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_findings_township"), ["township"], unique=False)
        batch_op.create_index(batch_op.f("ix_findings_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "inspections",
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("plan_id", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("departments", sa.JSON(), nullable=False),
        sa.Column("unit_id", sa.String(), nullable=False),
        sa.Column("unit_kind", sa.String(), nullable=False),
        sa.Column("unit_code", sa.String(), nullable=False),
        sa.Column("unit_name", sa.String(), nullable=False),
        sa.Column("district", sa.String(), nullable=False),
        sa.Column("township", sa.String(), nullable=False),
        sa.Column("inspector", sa.String(), nullable=False),
        sa.Column("checklist_version", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("order_id", sa.String(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("inspection_id"),
    )
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inspections_completed_at"), ["completed_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_inspections_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_inspections_inspector"), ["inspector"], unique=False)
        batch_op.create_index(batch_op.f("ix_inspections_township"), ["township"], unique=False)
        batch_op.create_index(batch_op.f("ix_inspections_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "item_results",
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("item_no", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("photos", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("inspection_id", "item_no"),
    )
    op.create_table(
        "order_entries",
        sa.Column("entry_id", sa.String(), nullable=False),
        sa.Column("order_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("district", sa.String(), nullable=False),
        sa.Column("township", sa.String(), nullable=False),
        sa.Column("unit_id", sa.String(), nullable=False),
        sa.Column("unit_code", sa.String(), nullable=False),
        sa.Column("by", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("rung", sa.String(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("entry_id"),
    )
    with op.batch_alter_table("order_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_entries_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_order_entries_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_order_entries_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_order_entries_township"), ["township"], unique=False)

    op.create_table(
        "orders",
        sa.Column("order_id", sa.String(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("unit_id", sa.String(), nullable=False),
        sa.Column("unit_kind", sa.String(), nullable=False),
        sa.Column("unit_code", sa.String(), nullable=False),
        sa.Column("unit_name", sa.String(), nullable=False),
        sa.Column("district", sa.String(), nullable=False),
        sa.Column("township", sa.String(), nullable=False),
        sa.Column("inspector", sa.String(), nullable=False),
        sa.Column("severity", sa.String(), nullable=False),
        sa.Column("requirements", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_by", sa.String(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contact_name", sa.String(), nullable=False),
        sa.Column("contact_phone", sa.String(), nullable=False),
        sa.Column("evidence_rounds", sa.Integer(), nullable=False),
        sa.Column("reinspection_due_by", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("order_id"),
        sa.UniqueConstraint("inspection_id"),
        sa.UniqueConstraint("number"),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_orders_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_issued_at"), ["issued_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_township"), ["township"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_unit_code"), ["unit_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "plans",
        sa.Column("plan_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("district", sa.String(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("focus", sa.String(), nullable=False),
        sa.Column("departments", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("plan_id"),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plans_district"), ["district"], unique=False)

    op.create_table(
        "units",
        sa.Column("unit_id", sa.String(), nullable=False),
        sa.Column("unit_kind", sa.String(), nullable=False),
        sa.Column("unit_code", sa.String(), nullable=False),
        sa.Column("unit_name", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("district", sa.String(), nullable=False),
        sa.Column("township", sa.String(), nullable=False),
        sa.Column("grid", sa.String(), nullable=False),
        sa.Column("institution_id", sa.String(), nullable=True),
        sa.Column("routing_category", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("unit_id"),
    )
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_units_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_units_township"), ["township"], unique=False)
        batch_op.create_index(batch_op.f("ix_units_unit_code"), ["unit_code"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_units_unit_code"))
        batch_op.drop_index(batch_op.f("ix_units_township"))
        batch_op.drop_index(batch_op.f("ix_units_district"))

    op.drop_table("units")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_district"))

    op.drop_table("plans")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_orders_unit_id"))
        batch_op.drop_index(batch_op.f("ix_orders_unit_code"))
        batch_op.drop_index(batch_op.f("ix_orders_township"))
        batch_op.drop_index(batch_op.f("ix_orders_status"))
        batch_op.drop_index(batch_op.f("ix_orders_issued_at"))
        batch_op.drop_index(batch_op.f("ix_orders_district"))

    op.drop_table("orders")
    with op.batch_alter_table("order_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_entries_township"))
        batch_op.drop_index(batch_op.f("ix_order_entries_order_id"))
        batch_op.drop_index(batch_op.f("ix_order_entries_district"))
        batch_op.drop_index(batch_op.f("ix_order_entries_at"))

    op.drop_table("order_entries")
    op.drop_table("item_results")
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspections_unit_id"))
        batch_op.drop_index(batch_op.f("ix_inspections_township"))
        batch_op.drop_index(batch_op.f("ix_inspections_inspector"))
        batch_op.drop_index(batch_op.f("ix_inspections_district"))
        batch_op.drop_index(batch_op.f("ix_inspections_completed_at"))

    op.drop_table("inspections")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_findings_unit_id"))
        batch_op.drop_index(batch_op.f("ix_findings_township"))
        batch_op.drop_index(batch_op.f("ix_findings_order_id"))
        batch_op.drop_index(batch_op.f("ix_findings_inspection_id"))
        batch_op.drop_index(batch_op.f("ix_findings_found_at"))
        batch_op.drop_index(batch_op.f("ix_findings_district"))

    op.drop_table("findings")
    op.drop_table("evidence_files")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignments_unit_id"))
        batch_op.drop_index(batch_op.f("ix_assignments_inspector"))
        batch_op.drop_index(batch_op.f("ix_assignments_district"))

    op.drop_table("assignments")
