"""Posts to parents: what the sender needs from them (the /post flow adds drafts, approval and history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Acknowledgement, OutboxEntry, Post
from db.repositories.rows import changed, dialect_insert
from domain.enums import OutboxStatus, PostStatus


@dataclass(frozen=True, slots=True)
class DeliveryCounts:
    """Outbox rows of one post by status (parents and channels together), and «Понятно» presses.

    The first four fields are named after OutboxStatus's values."""

    pending: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    acknowledged: int = 0

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
        started = await changed(
            self._session,
            update(Post)
            .where(Post.id == post_id, Post.status == PostStatus.SCHEDULED)
            .values(status=PostStatus.SENDING, started_at=now),
        )
        return await self._session.get(Post, post_id, populate_existing=True) if started else None

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
        return await changed(
            self._session,
            update(Post)
            .where(Post.id == post_id, Post.status == PostStatus.SENDING)
            .values(status=PostStatus.DONE, finished_at=now),
        )

    async def cancel_unsent(self, post_id: int) -> bool:
        """Stops a post that has not started going out (waiting for its time or for approval)."""
        return await changed(
            self._session,
            update(Post)
            .where(Post.id == post_id, Post.status.in_((PostStatus.SCHEDULED, PostStatus.AWAITING_APPROVAL)))
            .values(status=PostStatus.CANCELLED),
        )

    async def is_deliverable(self, post_id: int) -> bool:
        """Whether parents may acknowledge this post: it exists and has gone out (or is going out)."""
        status = await self._session.scalar(select(Post.status).where(Post.id == post_id))
        return status in (PostStatus.SENDING, PostStatus.DONE)

    async def was_sent_to(self, post_id: int, chat_id: int) -> bool:
        """Whether this post reached this chat: a button's id is only trusted so.

        Its outbox row went out, or is being sent (pending under a sender's lease): the sender records a
        batch of sends a few milliseconds after Telegram took them, and a quick press may come first."""
        found = await self._session.scalar(
            select(OutboxEntry.id).where(
                OutboxEntry.post_id == post_id,
                OutboxEntry.chat_id == chat_id,
                or_(
                    OutboxEntry.status == OutboxStatus.SENT,
                    and_(OutboxEntry.status == OutboxStatus.PENDING, OutboxEntry.lease_owner.is_not(None)),
                ),
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
        return await changed(
            self._session,
            dialect_insert(self._session, Acknowledgement)
            .values(post_id=post_id, user_id=user_id, at=now)
            .on_conflict_do_nothing(index_elements=["post_id", "user_id"]),
        )

    async def delivery_counts(self, post_id: int) -> DeliveryCounts:
        return (await self.delivery_counts_of([post_id]))[post_id]

    async def delivery_counts_of(self, post_ids: list[int]) -> dict[int, DeliveryCounts]:
        """The figures of each of these posts, in two grouped queries however many posts there are."""
        figures: dict[int, dict[str, int]] = {post_id: {} for post_id in post_ids}
        rows = await self._session.execute(
            select(OutboxEntry.post_id, OutboxEntry.status, func.count())
            .where(OutboxEntry.post_id.in_(post_ids))
            .group_by(OutboxEntry.post_id, OutboxEntry.status)
        )
        for post_id, status, n in rows:
            figures[post_id][status] = n
        acks = await self._session.execute(
            select(Acknowledgement.post_id, func.count())
            .where(Acknowledgement.post_id.in_(post_ids))
            .group_by(Acknowledgement.post_id)
        )
        for post_id, n in acks:
            figures[post_id]["acknowledged"] = n
        return {post_id: DeliveryCounts(**counts) for post_id, counts in figures.items()}


__all__ = ["DeliveryCounts", "PostRepository"]
