"""Posts to parents: what the sender needs from them (the /post flow adds drafts, approval and history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Acknowledgement, OutboxEntry, Post
from db.repositories.rows import affected, dialect_insert
from domain.enums import OutboxStatus, PostStatus


@dataclass(frozen=True, slots=True)
class DeliveryCounts:
    """Outbox rows of one post by status (parents and channels together), and «Понятно» presses."""

    pending: int
    sent: int
    blocked: int
    failed: int
    acknowledged: int

    @property
    def total(self) -> int:
        return self.pending + self.sent + self.blocked + self.failed

    @property
    def finished(self) -> int:
        return self.sent + self.blocked + self.failed


class PostRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, post_id: int) -> Post | None:
        return await self._session.get(Post, post_id)

    async def due_for_sending(self, now: datetime) -> list[int]:
        """Scheduled posts whose time has come (no send time means at once), oldest first."""
        rows = await self._session.scalars(
            select(Post.id)
            .where(Post.status == PostStatus.SCHEDULED, or_(Post.send_at.is_(None), Post.send_at <= now))
            .order_by(Post.id)
        )
        return list(rows)

    async def mark_sending(self, post_id: int, now: datetime) -> Post | None:
        """Move a scheduled post to 'sending'; None if it was not scheduled (already taken, or cancelled).

        A conditional UPDATE, so two wake-ups (or a double tap on Confirm) can never start a post twice.
        """
        result = await self._session.execute(
            update(Post)
            .where(Post.id == post_id, Post.status == PostStatus.SCHEDULED)
            .values(status=PostStatus.SENDING, started_at=now)
        )
        if not affected(result):
            return None
        return await self._session.get(Post, post_id, populate_existing=True)

    async def sending_ids(self, paid: bool | None = None) -> list[int]:
        """Posts being sent; `paid` keeps only the paid broadcasts (True) or only the others (False)."""
        stmt = select(Post.id).where(Post.status == PostStatus.SENDING).order_by(Post.id)
        if paid is not None:
            stmt = stmt.where(Post.paid_broadcast.is_(paid))
        rows = await self._session.scalars(stmt)
        return list(rows)

    async def sending(self) -> list[Post]:
        rows = await self._session.scalars(
            select(Post).where(Post.status == PostStatus.SENDING).order_by(Post.id)
        )
        return list(rows)

    async def mark_done(self, post_id: int, now: datetime) -> bool:
        result = await self._session.execute(
            update(Post)
            .where(Post.id == post_id, Post.status == PostStatus.SENDING)
            .values(status=PostStatus.DONE, finished_at=now)
        )
        return bool(affected(result))

    async def cancel_unsent(self, post_id: int) -> bool:
        """Stops a post that has not started going out (waiting for its time or for approval)."""
        result = await self._session.execute(
            update(Post)
            .where(Post.id == post_id, Post.status.in_((PostStatus.SCHEDULED, PostStatus.AWAITING_APPROVAL)))
            .values(status=PostStatus.CANCELLED)
        )
        return bool(affected(result))

    async def is_deliverable(self, post_id: int) -> bool:
        """Whether parents may acknowledge this post: it exists and has gone out (or is going out)."""
        status = await self._session.scalar(select(Post.status).where(Post.id == post_id))
        return status in (PostStatus.SENDING, PostStatus.DONE)

    async def was_sent_to(self, post_id: int, chat_id: int) -> bool:
        """Whether this post reached this chat (its outbox row went out): a button's id is only trusted so."""
        found = await self._session.scalar(
            select(OutboxEntry.id).where(
                OutboxEntry.post_id == post_id,
                OutboxEntry.chat_id == chat_id,
                OutboxEntry.status == OutboxStatus.SENT,
            )
        )
        return found is not None

    async def announcement_reached(self, event_id: int, chat_id: int) -> bool:
        """Whether an announcement of this event reached this chat."""
        found = await self._session.scalar(
            select(OutboxEntry.id)
            .join(Post, Post.id == OutboxEntry.post_id)
            .where(
                Post.event_id == event_id,
                OutboxEntry.chat_id == chat_id,
                OutboxEntry.status == OutboxStatus.SENT,
            )
            .limit(1)
        )
        return found is not None

    async def acknowledge(self, post_id: int, user_id: int, now: datetime) -> bool:
        """Record one «Понятно» per user per post; False when this user had already pressed it."""
        result = await self._session.execute(
            dialect_insert(self._session, Acknowledgement)
            .values(post_id=post_id, user_id=user_id, at=now)
            .on_conflict_do_nothing(index_elements=["post_id", "user_id"])
        )
        return bool(affected(result))

    async def delivery_counts(self, post_id: int) -> DeliveryCounts:
        rows = await self._session.execute(
            select(OutboxEntry.status, func.count())
            .where(OutboxEntry.post_id == post_id)
            .group_by(OutboxEntry.status)
        )
        by_status: dict[str, int] = {status: count for status, count in rows}
        return DeliveryCounts(
            pending=by_status.get(OutboxStatus.PENDING, 0),
            sent=by_status.get(OutboxStatus.SENT, 0),
            blocked=by_status.get(OutboxStatus.BLOCKED, 0),
            failed=by_status.get(OutboxStatus.FAILED, 0),
            acknowledged=await self.acknowledgement_count(post_id),
        )

    async def acknowledgement_count(self, post_id: int) -> int:
        count = await self._session.scalar(
            select(func.count()).select_from(Acknowledgement).where(Acknowledgement.post_id == post_id)
        )
        return count or 0


__all__ = ["DeliveryCounts", "PostRepository"]
