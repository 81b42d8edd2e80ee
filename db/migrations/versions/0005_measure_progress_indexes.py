"""Indexes for /measures: the progress facts grouped per measure, and the organisations that reported

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

The first index covers the grouped facts query (MeasureProgressRepository.facts) so it reads the index
alone; the second answers "which organisations reported on this plan" without a sort.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_measure_updates_progress",
        "measure_updates",
        ["plan", "measure_no", "status", "done_on", "org_code", "public", "withdrawn_at"],
    )
    op.create_index("ix_measure_updates_plan_org", "measure_updates", ["plan", "org_code"])


def downgrade() -> None:
    op.drop_index("ix_measure_updates_plan_org", table_name="measure_updates")
    op.drop_index("ix_measure_updates_progress", table_name="measure_updates")
