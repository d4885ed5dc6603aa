"""grids: each township's patrol areas as GeoJSON polygons, with Yuhua's demo grids loaded

Revision ID: patrol_0004
Revises: patrol_0003

The grids of 雨花区 (东塘街道, 圭塘街道) ship in `patrol/data/yuhua-grids.geojson` and are loaded
here, once; later changes come through the admin's import (`POST /grids/import`).
"""

import json
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "patrol_0004"
down_revision: str | None = "patrol_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEMO_GRIDS = Path(__file__).resolve().parents[1] / "data" / "yuhua-grids.geojson"


def upgrade() -> None:
    grids = op.create_table(
        "grids",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("township", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("township_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rings", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("grids", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grids_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_grids_township"), ["township"], unique=False)
    features = json.loads(DEMO_GRIDS.read_text(encoding="utf-8"))["features"]
    rows = [
        {
            **{
                key: f["properties"][key]
                for key in ("code", "name", "district", "township", "township_name")
            },
            "rings": f["geometry"]["coordinates"],
        }
        for f in features
    ]
    op.bulk_insert(grids, rows)


def downgrade() -> None:
    with op.batch_alter_table("grids", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grids_township"))
        batch_op.drop_index(batch_op.f("ix_grids_district"))
    op.drop_table("grids")
