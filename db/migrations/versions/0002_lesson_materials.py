"""lesson_materials: files attached to "Personal safety" lesson topics, per language

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lesson_materials",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("topic_slug", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_id", sa.String(length=255), nullable=True),
        sa.Column("url", sa.String(length=512), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_materials")),
    )
    op.create_index(op.f("ix_lesson_materials_topic_slug"), "lesson_materials", ["topic_slug"])


def downgrade() -> None:
    op.drop_index(op.f("ix_lesson_materials_topic_slug"), table_name="lesson_materials")
    op.drop_table("lesson_materials")
