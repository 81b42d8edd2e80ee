"""Materials in both languages keep a Russian title beside the Kazakh one, so each parent reads their own

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Empty for existing rows: their one title stays in `title`, which every reader sees as before.
    with op.batch_alter_table("materials") as batch:
        batch.add_column(sa.Column("title_ru", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("materials") as batch:
        batch.drop_column("title_ru")
