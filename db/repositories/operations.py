"""What /readyz and /metrics ask the database: does it answer, and how much broadcast work waits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import OutboxEntry, Post


@dataclass(frozen=True)
class Backlog:
    pending: int
    oldest: datetime | None  # when the post of the oldest waiting delivery started sending


class OperationsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def answers(self) -> None:
        await self.session.execute(text("SELECT 1"))

    async def outbox_backlog(self) -> Backlog:
        row = (
            await self.session.execute(
                select(func.count(OutboxEntry.id), func.min(func.coalesce(Post.started_at, Post.created_at)))
                .join(Post, Post.id == OutboxEntry.post_id)
                .where(OutboxEntry.status == "pending")
            )
        ).one()
        return Backlog(pending=int(row[0] or 0), oldest=row[1])
