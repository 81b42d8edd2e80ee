"""Users carry telegram_language: Telegram's kk or ru, kept while no language is chosen

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Empty for everyone until their next update: the bot never learnt it before, and guesses nothing.
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("telegram_language", sa.String(length=2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("telegram_language")
