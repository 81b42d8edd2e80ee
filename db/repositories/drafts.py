"""Posts from the staff side: confirmation of a draft, approval, and the sender's history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Post
from db.repositories.posts import DeliveryCounts, PostRepository
from db.repositories.rows import changed, dialect_insert
from domain.enums import PostStatus

# What an author may still stop: nothing of it has gone out.
WITHDRAWABLE = (PostStatus.SCHEDULED, PostStatus.AWAITING_APPROVAL)


def withdrawable(post: Post, user_id: int) -> bool:
    """Whether this user may stop this post as it was read: the rule withdraw() applies in its UPDATE."""
    return post.author_id == user_id and post.event_id is None and post.status in WITHDRAWABLE


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
class PostFigures(DeliveryCounts):
    """A post of the staff's history with its delivery figures."""

    post: Post = field(kw_only=True)


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """One page of /stats' posts."""

    posts: list[PostFigures]  # newest first
    newer: int  # posts newer than the first of the page
    total: int  # all the posts there are

    @property
    def older(self) -> int:
        """Posts older than the last of the page."""
        return max(0, self.total - self.newer - len(self.posts))


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
        return await changed(
            self._session,
            update(Post)
            .where(Post.id == post_id, Post.status == PostStatus.AWAITING_APPROVAL)
            .values(
                status=PostStatus.SCHEDULED, approved_by=approver_id, sent_by=approver_id, send_at=send_at
            ),
        )

    async def reject(self, post_id: int, status: PostStatus = PostStatus.REJECTED) -> bool:
        """An approver's no (REJECTED), or the bot's when the post may no longer go (CANCELLED); only while
        it waits, so a decision, a withdrawal and a rejection never both count."""
        return await changed(
            self._session,
            update(Post)
            .where(Post.id == post_id, Post.status == PostStatus.AWAITING_APPROVAL)
            .values(status=status),
        )

    async def withdraw(self, post_id: int, author_id: int) -> bool:
        """The author stops their own post that has not begun to go out; False for anyone else's post, an
        event's announcement (it stops with its event), or one already sending, sent or stopped.

        One conditional UPDATE, like the sender's mark_sending: whichever comes first wins, on any instance.
        """
        return await changed(
            self._session,
            update(Post)
            .where(
                Post.id == post_id,
                Post.author_id == author_id,
                Post.event_id.is_(None),
                Post.status.in_(WITHDRAWABLE),
            )
            .values(status=PostStatus.WITHDRAWN),
        )

    async def status_of(self, post_id: int) -> str | None:
        """The status as stored now (not as this session last read it)."""
        return await self._session.scalar(select(Post.status).where(Post.id == post_id))

    async def awaiting_approval(self, codes: Iterable[str] | None, not_by: int) -> list[Post]:
        """Posts waiting for approval within these scopes (None: all), not by `not_by`, oldest first."""
        stmt = (
            select(Post)
            .where(Post.status == PostStatus.AWAITING_APPROVAL, Post.author_id != not_by)
            .order_by(Post.id)
        )
        if codes is not None:
            stmt = stmt.where(Post.scope_code.in_(list(codes)))
        return list(await self._session.scalars(stmt))

    async def attach_progress_message(self, post_id: int, chat_id: int, message_id: int) -> None:
        await self._session.execute(
            update(Post)
            .where(Post.id == post_id)
            .values(progress_chat_id=chat_id, progress_message_id=message_id)
        )

    async def history(
        self,
        codes: Iterable[str] | None,
        limit: int = 10,
        *,
        older_than: int | None = None,
        newer_than: int | None = None,
    ) -> HistoryPage:
        """A page of the posts within these scopes (None: all), newest first, with their delivery figures: the
        latest `limit`, or the `limit` just before post `older_than`, or just after post `newer_than`.

        Pages are cut at post ids, not counted from the top, so a post made meanwhile does not shift them.
        """
        scope = [] if codes is None else [Post.scope_code.in_(list(codes))]
        if newer_than is not None:
            stmt = select(Post).where(*scope, Post.id > newer_than).order_by(Post.id).limit(limit)
        else:
            edge = [] if older_than is None else [Post.id < older_than]
            stmt = select(Post).where(*scope, *edge).order_by(Post.id.desc()).limit(limit)
        posts = sorted(await self._session.scalars(stmt), key=lambda p: p.id, reverse=True)
        total = await self._session.scalar(select(func.count()).select_from(Post).where(*scope)) or 0
        newer = 0
        if posts:
            above = select(func.count()).select_from(Post).where(*scope, Post.id > posts[0].id)
            newer = await self._session.scalar(above) or 0
        figures = await PostRepository(self._session).delivery_counts_of([p.id for p in posts])
        shown = [PostFigures(post=p, **asdict(figures[p.id])) for p in posts]
        return HistoryPage(shown, newer=newer, total=total)
