"""Family Hour events (answers, reminders and notices) and lesson/memo materials with review

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

lesson_materials never held rows (nothing could write to it before); materials replaces it with what
upload and review need. posts.event_id ties an announcement to its event.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_key", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("organiser_id", sa.BigInteger(), nullable=False),
        sa.Column("scope_code", sa.String(length=24), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("topic_kk", sa.Text(), nullable=False),
        sa.Column("topic_ru", sa.Text(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("attended", sa.Integer(), nullable=True),
        sa.Column("measure_update_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["scope_code"],
            ["organisations.code"],
            name=op.f("fk_events_scope_code_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("draft_key", name=op.f("uq_events_draft_key")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_organiser_id"), ["organiser_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_scope_code"), ["scope_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_starts_at"), ["starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_status"), ["status"], unique=False)

    op.create_table(
        "materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=8), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("age_group", sa.String(length=16), nullable=True),
        sa.Column("language", sa.String(length=4), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("media_type", sa.String(length=10), nullable=True),
        sa.Column("file_id", sa.String(length=255), nullable=True),
        sa.Column("file_unique_id", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("file_size", sa.Integer(), nullable=True),
        sa.Column("mime_type", sa.String(length=100), nullable=True),
        sa.Column("checksum", sa.String(length=64), nullable=True),
        sa.Column("url", sa.String(length=512), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("proposed_by", sa.BigInteger(), nullable=False),
        sa.Column("org_code", sa.String(length=24), nullable=True),
        sa.Column("reviewed_by", sa.BigInteger(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reject_reason", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_code"],
            ["organisations.code"],
            name=op.f("fk_materials_org_code_organisations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_materials")),
    )
    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_materials_proposed_by"), ["proposed_by"], unique=False)
        batch_op.create_index("ix_materials_target", ["target", "slug", "status"], unique=False)

    op.create_table(
        "event_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_answers_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_event_answers_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_answers")),
        sa.UniqueConstraint("event_id", "user_id", name=op.f("uq_event_answers_event_id")),
    )
    with op.batch_alter_table("event_answers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_answers_event_answer", ["event_id", "answer", "answered_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_answers_user_id"), ["user_id"], unique=False)

    op.create_table(
        "event_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("ref", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_notices_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_event_notices_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_notices")),
        sa.UniqueConstraint("event_id", "user_id", "kind", "ref", name=op.f("uq_event_notices_event_id")),
    )
    with op.batch_alter_table("event_notices", schema=None) as batch_op:
        batch_op.create_index("ix_event_notices_due", ["status", "due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_notices_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("lesson_materials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lesson_materials_topic_slug"))

    op.drop_table("lesson_materials")
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_posts_event_id"), ["event_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_posts_event_id_events"), "events", ["event_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:

    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_posts_event_id_events"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_posts_event_id"))
        batch_op.drop_column("event_id")

    op.create_table(
        "lesson_materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_slug", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_id", sa.String(length=255), nullable=True),
        sa.Column("url", sa.String(length=512), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_materials")),
    )
    with op.batch_alter_table("lesson_materials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lesson_materials_topic_slug"), ["topic_slug"], unique=False)

    with op.batch_alter_table("event_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_notices_user_id"))
        batch_op.drop_index("ix_event_notices_due")

    op.drop_table("event_notices")
    with op.batch_alter_table("event_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_answers_user_id"))
        batch_op.drop_index("ix_event_answers_event_answer")

    op.drop_table("event_answers")
    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.drop_index("ix_materials_target")
        batch_op.drop_index(batch_op.f("ix_materials_proposed_by"))

    op.drop_table("materials")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_status"))
        batch_op.drop_index(batch_op.f("ix_events_starts_at"))
        batch_op.drop_index(batch_op.f("ix_events_scope_code"))
        batch_op.drop_index(batch_op.f("ix_events_organiser_id"))

    op.drop_table("events")
