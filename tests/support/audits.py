"""What the bot wrote to the audit table, for the tests that check a refused, forged or stale press."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import AuditRecord
from tests.support.app import RunningApp


async def audit_count(app: RunningApp, action: str) -> int:
    """How many audit records of `action` («measure_update.stale», «material.forged») there are."""
    async with app.dp["sessionmaker"]() as session:
        query = select(func.count()).select_from(AuditRecord).where(AuditRecord.action == action)
        return int(await session.scalar(query) or 0)
