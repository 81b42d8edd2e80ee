"""Approval cards: where each approver's Approve / Reject card of a post is, so all of them can be updated
when the post is decided or withdrawn

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Empty at first: cards sent before this revision are not known, and tell the old way when pressed.
    op.create_table(
        "approval_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("locale", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_approval_cards_post_id_posts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_cards")),
        sa.UniqueConstraint("chat_id", "message_id", name=op.f("uq_approval_cards_chat_id")),
    )
    op.create_index(op.f("ix_approval_cards_post_id"), "approval_cards", ["post_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_approval_cards_post_id"), table_name="approval_cards")
    op.drop_table("approval_cards")
