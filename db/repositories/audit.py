"""The audit record: who wrote, approved, sent or was refused what."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditRecord


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(
        self, actor_id: int, action: str, now: datetime, post_id: int | None = None, detail: str | None = None
    ) -> None:
        self._session.add(
            AuditRecord(at=now, actor_id=actor_id, action=action, post_id=post_id, detail=(detail or None))
        )
        await self._session.flush()
