"""Claims on webhook update_ids (webhook instances on PostgreSQL without Redis)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import SeenUpdate
from db.repositories.rows import affected, dialect_insert


class SeenUpdateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, bot_id: int, update_id: int, now: datetime) -> bool:
        """True when this call took the update; False when another instance (or an earlier delivery) had."""
        stmt = (
            dialect_insert(self._session, SeenUpdate)
            .values(bot_id=bot_id, update_id=update_id, seen_at=now)
            .on_conflict_do_nothing(index_elements=[SeenUpdate.bot_id, SeenUpdate.update_id])
        )
        return affected(await self._session.execute(stmt)) == 1

    async def forget_older_than(self, moment: datetime) -> int:
        return affected(await self._session.execute(delete(SeenUpdate).where(SeenUpdate.seen_at < moment)))
