"""Materials record the territory they were approved for: parents there get them, its coordinators remove them

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("materials") as batch:
        batch.add_column(sa.Column("territory_code", sa.String(length=24), nullable=True))
        batch.create_index(batch.f("ix_materials_territory_code"), ["territory_code"])
    # Existing rows keep the reach their uploader's scope gave them (an admin's, with none, stays national).
    op.execute("UPDATE materials SET territory_code = org_code")


def downgrade() -> None:
    with op.batch_alter_table("materials") as batch:
        batch.drop_index(batch.f("ix_materials_territory_code"))
        batch.drop_column("territory_code")
