"""Posts carry paid_broadcast: an admin's urgent region-wide post sent with Telegram's allow_paid_broadcast

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing posts were never marked paid: false for every row, on SQLite and PostgreSQL alike.
    with op.batch_alter_table("posts") as batch:
        batch.add_column(sa.Column("paid_broadcast", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("paid_broadcast")
