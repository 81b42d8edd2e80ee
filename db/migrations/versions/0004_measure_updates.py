"""Measure updates by staff, and the weekly digests already claimed

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "digest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("week", sa.String(length=10), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_runs")),
        sa.UniqueConstraint("user_id", "week", name=op.f("uq_digest_runs_user_id")),
    )
    op.create_table(
        "measure_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan", sa.String(length=40), nullable=False),
        sa.Column("measure_no", sa.Integer(), nullable=False),
        sa.Column("org_code", sa.String(length=24), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("text_kk", sa.Text(), nullable=True),
        sa.Column("text_ru", sa.Text(), nullable=True),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("evidence_kind", sa.String(length=16), nullable=True),
        sa.Column("evidence_file_id", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["org_code"],
            ["organisations.code"],
            name=op.f("fk_measure_updates_org_code_organisations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_measure_updates_post_id_posts"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_updates")),
    )
    with op.batch_alter_table("measure_updates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measure_updates_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_measure_updates_org_code"), ["org_code"], unique=False)
        batch_op.create_index("ix_measure_updates_plan_measure", ["plan", "measure_no"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("measure_updates", schema=None) as batch_op:
        batch_op.drop_index("ix_measure_updates_plan_measure")
        batch_op.drop_index(batch_op.f("ix_measure_updates_org_code"))
        batch_op.drop_index(batch_op.f("ix_measure_updates_author_id"))

    op.drop_table("measure_updates")
    op.drop_table("digest_runs")
