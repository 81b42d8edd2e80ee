"""The outbox: one row per recipient of a post, written before the first send.

Building it is one INSERT ... SELECT inside the transaction that moves the post to 'sending', so a post is
either not started or has its whole audience written down; no recipient list ever passes through Python.

Who gets a post:
- parents: active users with a subscription to an organisation at or under one of the audience codes (the
  post's scope when the audience names none) that is also at or under the post's scope (so a bad audience
  can never reach outside the sender's scope), for one of the audience grades (all when none are named; a
  kindergarten or college named in the audience is reached whole: db/repositories/audience.py).
  One row per user however many children or subscriptions match, in the user's language or the default.
- channels: a channel linked to the post's scope itself, and, for a post to some organisations, channels
  linked to exactly those organisations (when they are within the scope). Channels of the organisations
  below are not included: a region-wide notice is published once in the region's channel, not repeated in
  every school's.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import String as SaString
from sqlalchemy import Table, and_, bindparam, func, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Select

from db.models import Channel, OutboxEntry, Post, User
from db.repositories.audience import active_among, subscriber_ids, subtree
from db.repositories.rows import affected, dialect_of
from domain.enums import OutboxStatus, PostStatus

# A mapped class's __table__ is declared a FromClause; the outbox's is its Table.
OUTBOX = cast(Table, OutboxEntry.__table__)


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    post_id: int
    chat_id: int
    language: str
    attempts: int
    taken_over: bool = False
    """Claimed from another sender whose lease on it had run out (that instance died or hung)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one row; the sender records many of these in one transaction."""

    id: int
    status: OutboxStatus
    attempts: int
    sent_at: datetime | None = None
    message_id: int | None = None
    next_attempt_at: datetime | None = None
    error: str | None = None
    chat_id: int = 0
    """The chat the row was (last) sent to; it differs from the row's when the chat moved."""
    moved_from: int | None = None
    """Set when Telegram answered migrate_to_chat_id: the row then keeps the new chat id."""


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _recipients(self, post: Post, default_locale: str) -> Select[*tuple[Any, ...]]:
        audience = post.audience or {}
        orgs: list[str] | None = audience.get("orgs") or None
        grades: list[str] | None = audience.get("grades") or None
        scope = subtree("scope_tree", [post.scope_code])
        chosen = select(scope.c.code)
        if orgs is not None:
            wanted = subtree("audience_tree", list(orgs))
            chosen = chosen.where(scope.c.code.in_(select(wanted.c.code)))
        return select(
            literal(post.id).label("post_id"),
            User.id.label("chat_id"),
            # bot.i18n.stored_locale's rule in SQL, as each copy is written here: the chosen language, else
            # Telegram's (both hold only kk, ru or NULL), else the default.
            func.coalesce(User.language, User.telegram_language, literal(default_locale, SaString)).label(
                "language"
            ),
            literal(OutboxStatus.PENDING.value, SaString).label("status"),
            literal(0).label("attempts"),
        ).where(active_among(subscriber_ids(chosen, grades, orgs or [post.scope_code])))

    def _channels(self, post: Post) -> Select[*tuple[Any, ...]]:
        orgs = (post.audience or {}).get("orgs") or []
        where = Channel.scope_code == post.scope_code
        if orgs:
            scope = subtree("channel_scope_tree", [post.scope_code])
            where = or_(
                where, and_(Channel.scope_code.in_(list(orgs)), Channel.scope_code.in_(select(scope.c.code)))
            )
        return select(
            literal(post.id).label("post_id"),
            Channel.chat_id,
            Channel.language,
            literal(OutboxStatus.PENDING.value, SaString).label("status"),
            literal(0).label("attempts"),
        ).where(where)

    async def build(self, post: Post, default_locale: str) -> int:
        """Write one pending row per recipient; returns how many rows the post has."""
        columns = ["post_id", "chat_id", "language", "status", "attempts"]
        table = OUTBOX
        await self._session.execute(
            table.insert().from_select(columns, self._recipients(post, default_locale))
        )
        await self._session.execute(table.insert().from_select(columns, self._channels(post)))
        return await self.total(post.id)

    async def count_recipients(self, post: Post, default_locale: str) -> int:
        """How many parents and channels a post would reach now (for the preview)."""
        people = await self._session.scalar(
            select(func.count()).select_from(self._recipients(post, default_locale).subquery())
        )
        channels = await self._session.scalar(
            select(func.count()).select_from(self._channels(post).subquery())
        )
        return (people or 0) + (channels or 0)

    async def total(self, post_id: int) -> int:
        count = await self._session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.post_id == post_id)
        )
        return count or 0

    async def due(self, now: datetime, post_id: int, after_id: int, limit: int) -> list[OutboxRow]:
        """Pending rows of one post, in id order after a cursor, whose next attempt is due."""
        rows = await self._session.execute(
            select(
                OutboxEntry.id,
                OutboxEntry.post_id,
                OutboxEntry.chat_id,
                OutboxEntry.language,
                OutboxEntry.attempts,
            )
            .where(
                # "+ 0" and "|| ''" keep the planners off the post and status indexes, which would make them
                # collect and sort every pending row of the post for each batch (5 ms at 30,000 rows, linear
                # in the audience); walking the primary key from the cursor costs the same at any size.
                OutboxEntry.post_id + 0 == post_id,
                OutboxEntry.status.concat("") == OutboxStatus.PENDING,
                OutboxEntry.id > after_id,
                or_(OutboxEntry.next_attempt_at.is_(None), OutboxEntry.next_attempt_at <= now),
            )
            .order_by(OutboxEntry.id)
            .limit(limit)
        )
        return [OutboxRow(*row) for row in rows]

    async def claim(
        self, now: datetime, post_id: int, after_id: int, limit: int, owner: str, until: datetime
    ) -> list[OutboxRow]:
        """Lease due pending rows of one post after a cursor to `owner` until `until`; the caller commits.

        Rows another sender holds are passed over: a lease still running by the WHERE, and on PostgreSQL a
        row another sender is leasing at this moment without waiting for its lock (SKIP LOCKED). The UPDATE
        repeats the condition, so on SQLite (one process anyway) it alone decides.
        """
        free = or_(OutboxEntry.lease_until.is_(None), OutboxEntry.lease_until <= now)
        pick = (
            select(OutboxEntry.id, OutboxEntry.lease_owner)
            .where(
                # See `due` for "+ 0" and "|| ''".
                OutboxEntry.post_id + 0 == post_id,
                OutboxEntry.status.concat("") == OutboxStatus.PENDING,
                OutboxEntry.id > after_id,
                or_(OutboxEntry.next_attempt_at.is_(None), OutboxEntry.next_attempt_at <= now),
                free,
            )
            .order_by(OutboxEntry.id)
            .limit(limit)
        )
        if dialect_of(self._session) == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        picked = (await self._session.execute(pick)).all()
        if not picked:
            return []
        ids = [row_id for row_id, _ in picked]
        # A free row that still names an owner was leased and never recorded nor handed back.
        expired = {row_id for row_id, held_by in picked if held_by is not None and held_by != owner}
        rows = await self._session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id.in_(ids), OutboxEntry.status == OutboxStatus.PENDING, free)
            .values(lease_owner=owner, lease_until=until)
            .returning(
                OutboxEntry.id,
                OutboxEntry.post_id,
                OutboxEntry.chat_id,
                OutboxEntry.language,
                OutboxEntry.attempts,
            )
        )
        return sorted((OutboxRow(*row, taken_over=row[0] in expired) for row in rows), key=lambda r: r.id)

    async def renew(self, owner: str, until: datetime, ids: Collection[int]) -> int:
        """A live sender keeps the pending rows it still holds (`ids`): their lease runs until `until`.

        A row it leased and let go of (its send or its record failed) is not renewed: its lease runs out and
        a sender, this one too, takes it up again."""
        if not ids:
            return 0
        result = await self._session.execute(
            update(OutboxEntry)
            .where(
                OutboxEntry.lease_owner == owner,
                OutboxEntry.status == OutboxStatus.PENDING,
                OutboxEntry.id.in_(list(ids)),
            )
            .values(lease_until=until)
        )
        return affected(result)

    async def release(self, owner: str) -> int:
        """A sender stopping hands its unsent rows back: any other sender may take them at once."""
        result = await self._session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.lease_owner == owner, OutboxEntry.status == OutboxStatus.PENDING)
            .values(lease_owner=None, lease_until=None)
        )
        return affected(result)

    async def next_retry_at(self) -> datetime | None:
        """When the earliest postponed row of a post being sent becomes due."""
        return await self._session.scalar(
            select(func.min(OutboxEntry.next_attempt_at))
            .join(Post, Post.id == OutboxEntry.post_id)
            .where(
                and_(
                    OutboxEntry.status == OutboxStatus.PENDING,
                    OutboxEntry.next_attempt_at.is_not(None),
                    Post.status == PostStatus.SENDING,
                )
            )
        )

    async def record(self, outcomes: list[Outcome], owner: str | None = None) -> None:
        """Store many outcomes in one statement per shape (executemany by primary key); each clears the
        row's lease. With `owner`, only rows that sender still holds are written: a row whose lease ran
        out and another sender took is that sender's to record."""
        plain = [o for o in outcomes if o.moved_from is None]
        moved = [o for o in outcomes if o.moved_from is not None]
        which = OUTBOX.c.id == bindparam("row_id")
        if owner is not None:
            which = and_(which, OUTBOX.c.lease_owner == literal(owner, SaString))
        stmt = (
            update(OUTBOX)
            .where(which)
            .values(
                lease_owner=None,
                lease_until=None,
                status=bindparam("b_status"),
                attempts=bindparam("b_attempts"),
                sent_at=bindparam("b_sent_at"),
                message_id=bindparam("b_message_id"),
                next_attempt_at=bindparam("b_next_attempt_at"),
                error=bindparam("b_error"),
            )
        )
        if plain:
            await self._session.execute(stmt, [_params(o) for o in plain])
        if moved:
            await self._session.execute(
                stmt.values(chat_id=bindparam("new_chat_id")),
                [{**_params(o), "new_chat_id": o.chat_id} for o in moved],
            )

    async def sent_since(self, post_id: int, since: datetime) -> int:
        """Copies of a post recorded as sent at or after `since`, by every sender: the post's recent pace,
        the same whichever instance asks."""
        count = await self._session.scalar(
            select(func.count())
            .select_from(OutboxEntry)
            .where(
                OutboxEntry.post_id == post_id,
                OutboxEntry.status == OutboxStatus.SENT,
                OutboxEntry.sent_at >= since,
            )
        )
        return count or 0

    async def has_pending(self, post_id: int) -> bool:
        found = await self._session.scalar(
            select(OutboxEntry.id)
            .where(OutboxEntry.post_id == post_id, OutboxEntry.status == OutboxStatus.PENDING)
            .limit(1)
        )
        return found is not None


def _params(outcome: Outcome) -> dict[str, Any]:
    return {
        "row_id": outcome.id,
        "b_status": outcome.status,
        "b_attempts": outcome.attempts,
        "b_sent_at": outcome.sent_at,
        "b_message_id": outcome.message_id,
        "b_next_attempt_at": outcome.next_attempt_at,
        "b_error": outcome.error,
    }


__all__ = ["OutboxRepository", "OutboxRow", "Outcome"]
