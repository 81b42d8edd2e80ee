"""Outbox leases: several senders on one database each lease the rows they send (owner and expiry)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(sa.Column("lease_owner", sa.String(64), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    # Renewing and releasing find a sender's rows by owner.
    op.create_index("ix_outbox_lease_owner", "outbox", ["lease_owner"])


def downgrade() -> None:
    op.drop_index("ix_outbox_lease_owner", table_name="outbox")
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_column("lease_until")
        batch_op.drop_column("lease_owner")
