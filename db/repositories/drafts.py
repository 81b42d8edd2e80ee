"""Posts from the staff side: confirmation of a draft, approval, and the sender's history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Acknowledgement, OutboxEntry, Post
from db.repositories.rows import affected, dialect_insert
from domain.enums import OutboxStatus, PostStatus


@dataclass(frozen=True, slots=True)
class NewPost:
    draft_key: str
    author_id: int
    scope_code: str
    text_kk: str
    text_ru: str
    audience: dict[str, Any]
    send_at: datetime | None
    needs_approval: bool
    media_kind: str | None = None
    media_file_id: str | None = None
    urgent: bool = False
    silent: bool = False
    event_id: int | None = None  # the event this post announces; its copies carry the RSVP buttons
    paid_broadcast: bool = False  # sent with allow_paid_broadcast (the handler checks who and when)


@dataclass(frozen=True, slots=True)
class PostFigures:
    post: Post
    total: int
    sent: int
    blocked: int
    failed: int
    pending: int
    acknowledged: int


class DraftRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def confirm(self, draft: NewPost, now: datetime) -> int | None:
        """Creates the post once per draft: a second Confirm (a double tap) gets None and creates nothing."""
        stmt = (
            dialect_insert(self._session, Post)
            .values(
                # The draft's fields are the post's columns, but for needs_approval, which sets the status.
                **{name: value for name, value in asdict(draft).items() if name != "needs_approval"},
                status=PostStatus.AWAITING_APPROVAL if draft.needs_approval else PostStatus.SCHEDULED,
                sent_by=None if draft.needs_approval else draft.author_id,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=[Post.draft_key])
            .returning(Post.id)
        )
        return await self._session.scalar(stmt)

    async def get(self, post_id: int) -> Post | None:
        return await self._session.get(Post, post_id)

    async def approve(self, post_id: int, approver_id: int, send_at: datetime | None) -> bool:
        """Only the first approval counts; a second press finds the post no longer waiting."""
        result = await self._session.execute(
            update(Post)
            .where(Post.id == post_id, Post.status == PostStatus.AWAITING_APPROVAL)
            .values(
                status=PostStatus.SCHEDULED, approved_by=approver_id, sent_by=approver_id, send_at=send_at
            )
        )
        return bool(affected(result))

    async def reject(self, post_id: int) -> bool:
        result = await self._session.execute(
            update(Post)
            .where(Post.id == post_id, Post.status == PostStatus.AWAITING_APPROVAL)
            .values(status=PostStatus.CANCELLED)
        )
        return bool(affected(result))

    async def attach_progress_message(self, post_id: int, chat_id: int, message_id: int) -> None:
        await self._session.execute(
            update(Post)
            .where(Post.id == post_id)
            .values(progress_chat_id=chat_id, progress_message_id=message_id)
        )

    async def history(self, codes: Iterable[str] | None, limit: int = 10) -> list[PostFigures]:
        """The latest posts within these scopes (None: all), with their delivery figures."""
        stmt = select(Post).order_by(Post.id.desc()).limit(limit)
        if codes is not None:
            stmt = stmt.where(Post.scope_code.in_(list(codes)))
        posts = list(await self._session.scalars(stmt))
        if not posts:
            return []
        ids = [p.id for p in posts]
        counts: dict[int, dict[str, int]] = {i: {} for i in ids}
        rows = await self._session.execute(
            select(OutboxEntry.post_id, OutboxEntry.status, func.count())
            .where(OutboxEntry.post_id.in_(ids))
            .group_by(OutboxEntry.post_id, OutboxEntry.status)
        )
        for post_id, status, n in rows:
            counts[post_id][status] = n
        acks = dict(
            (
                await self._session.execute(
                    select(Acknowledgement.post_id, func.count())
                    .where(Acknowledgement.post_id.in_(ids))
                    .group_by(Acknowledgement.post_id)
                )
            ).all()
        )
        return [
            PostFigures(
                post=p,
                total=sum(counts[p.id].values()),
                sent=counts[p.id].get(OutboxStatus.SENT, 0),
                blocked=counts[p.id].get(OutboxStatus.BLOCKED, 0),
                failed=counts[p.id].get(OutboxStatus.FAILED, 0),
                pending=counts[p.id].get(OutboxStatus.PENDING, 0),
                acknowledged=acks.get(p.id, 0),
            )
            for p in posts
        ]
