"""Reminders and change notices, claimed before they are sent so none goes twice.

A row is written once per (event, person, kind, ref) whatever races: every insert is INSERT ... SELECT ...
ON CONFLICT DO NOTHING on the unique key. The sender claims due rows (pending -> claimed) and commits before
anything leaves, so two senders never send the same row. A claim is a lease: a row still `claimed` a lease
after its claim belongs to a sender that stopped before recording it (a crash, a restart mid-batch) and is
due again, so a notice is never lost; at worst the one message in flight at the crash goes twice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import String as SaString
from sqlalchemy import and_, delete, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, EventAnswer, EventNotice, User
from db.repositories.rows import affected, dialect_insert, dialect_of
from db.repositories.users import Speaks
from db.types import UtcDateTime
from domain.enums import Answer, EventStatus, NoticeKind, NoticeStatus

# How long a claim holds. A batch of 200 leaves in well under a minute even at the broadcast's pace; a row
# claimed longer ago than this belongs to a sender that stopped, and is claimed again.
LEASE = timedelta(minutes=10)
# A claimed notice handed back, to be sent again later.
_UNCLAIMED: dict[str, Any] = {"status": NoticeStatus.PENDING, "claimed_at": None}


def _free(now: datetime, lease: timedelta) -> Any:
    """Rows nobody is sending: pending, or claimed by a sender whose lease ran out."""
    expired = and_(EventNotice.status == NoticeStatus.CLAIMED, EventNotice.claimed_at <= now - lease)
    return or_(EventNotice.status == NoticeStatus.PENDING, expired)


@dataclass(frozen=True, slots=True)
class Upcoming:
    event_id: int
    starts_at: datetime
    changed_at: datetime | None


@dataclass(frozen=True, slots=True)
class DueNotice:
    id: int
    event: Event
    user_id: int
    kind: str
    ref: str
    speaks: Speaks
    active: bool
    answer: str | None  # the person's answer now; None if they no longer have one
    attempts: int = 0  # earlier sends that met a 5xx or a timeout


class EventNoticeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def enqueue_for_everyone_who_answered(
        self, event_id: int, kind: NoticeKind, ref: str, due_at: datetime, *where: Any
    ) -> int:
        """A notice to everyone who answered the event (of them, those `where` holds for); how many new."""
        people = select(
            literal(event_id).label("event_id"),
            EventAnswer.user_id,
            literal(str(kind), SaString).label("kind"),
            literal(ref, SaString).label("ref"),
            literal(NoticeStatus.PENDING.value, SaString).label("status"),
            literal(due_at, UtcDateTime()).label("due_at"),
        ).where(EventAnswer.event_id == event_id, *where)
        stmt = (
            dialect_insert(self._session, EventNotice)
            .from_select(["event_id", "user_id", "kind", "ref", "status", "due_at"], people)
            .on_conflict_do_nothing(
                index_elements=[EventNotice.event_id, EventNotice.user_id, EventNotice.kind, EventNotice.ref]
            )
        )
        result = await self._session.execute(stmt)
        return max(affected(result), 0)

    async def upcoming(self, now: datetime, within: timedelta) -> list[Upcoming]:
        """Scheduled events that have not started and start within `within`: the ones reminders are for."""
        rows = await self._session.execute(
            select(Event.id, Event.starts_at, Event.changed_at)
            .where(
                Event.status == EventStatus.SCHEDULED, Event.starts_at > now, Event.starts_at <= now + within
            )
            .order_by(Event.starts_at, Event.id)
        )
        return [Upcoming(*row) for row in rows]

    async def enqueue_reminder(self, event_id: int, kind: NoticeKind, ref: str, due_at: datetime) -> int:
        """One reminder to each person who said they would come before the reminder's time."""
        return await self.enqueue_for_everyone_who_answered(
            event_id, kind, ref, due_at, EventAnswer.answer == Answer.GOING, EventAnswer.answered_at < due_at
        )

    async def due(self, now: datetime, limit: int = 200, lease: timedelta = LEASE) -> list[DueNotice]:
        """Pending rows whose time has come, and claimed rows whose lease ran out (their sender stopped).

        On PostgreSQL the rows are locked until the caller's claim commits, and rows another instance is
        claiming at this moment are passed over (SKIP LOCKED) rather than waited for."""
        stmt = (
            select(EventNotice, Event, User.language, User.telegram_language, User.active, EventAnswer.answer)
            .join(Event, Event.id == EventNotice.event_id)
            .join(User, User.id == EventNotice.user_id)
            .outerjoin(
                EventAnswer,
                and_(
                    EventAnswer.event_id == EventNotice.event_id, EventAnswer.user_id == EventNotice.user_id
                ),
            )
            .where(_free(now, lease), EventNotice.due_at <= now)
            .order_by(EventNotice.due_at, EventNotice.id)
            .limit(limit)
        )
        if dialect_of(self._session) == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True, of=EventNotice)
        rows = await self._session.execute(stmt)
        return [
            DueNotice(
                n.id,
                event,
                n.user_id,
                n.kind,
                n.ref,
                Speaks(chosen, telegram),
                bool(active),
                answer,
                n.attempts,
            )
            for n, event, chosen, telegram, active, answer in rows
        ]

    async def drop(self, ids: Iterable[int], now: datetime, lease: timedelta = LEASE) -> None:
        """Due notices that no longer apply (the time moved, the person changed their mind): never sent,
        so a later answer or time can bring a fresh one."""
        ids = list(ids)
        if ids:
            await self._session.execute(delete(EventNotice).where(EventNotice.id.in_(ids), _free(now, lease)))

    async def claim(self, ids: Iterable[int], now: datetime, lease: timedelta = LEASE) -> set[int]:
        """The ids this caller may send: pending ones, or claimed ones whose lease ran out; of two callers
        only the first to claim a row gets it (the second's WHERE no longer matches)."""
        ids = list(ids)
        if not ids:
            return set()
        result = await self._session.execute(
            update(EventNotice)
            .where(EventNotice.id.in_(ids), _free(now, lease))
            .values(status=NoticeStatus.CLAIMED, claimed_at=now)
            .returning(EventNotice.id)
        )
        return set(result.scalars())

    async def _settle(self, notice_id: int, **values: Any) -> None:
        """Changes a claimed notice; one no longer claimed (a finished or taken-back claim) stays as it is."""
        await self._session.execute(
            update(EventNotice)
            .where(EventNotice.id == notice_id, EventNotice.status == NoticeStatus.CLAIMED)
            .values(**values)
        )

    async def record(self, notice_id: int, status: NoticeStatus, now: datetime) -> None:
        await self._settle(notice_id, status=status, sent_at=now if status == NoticeStatus.SENT else None)

    async def release(self, notice_id: int) -> None:
        """Telegram asked us to wait (429) before the message left: it may go again later."""
        await self._settle(notice_id, **_UNCLAIMED)

    async def retry_later(self, notice_id: int, at: datetime) -> None:
        """Telegram failed (5xx, timeout): the notice waits until `at` and counts one more attempt."""
        await self._settle(notice_id, **_UNCLAIMED, due_at=at, attempts=EventNotice.attempts + 1)


def change_ref(revision: int, old_starts_at: datetime | None, place_changed: bool) -> str:
    """A change notice's ref: the new revision first (what makes it unique), then what changed, so the
    notice can show the old time struck through. E.g. "3:t202612051200:p" (the start in UTC)."""
    parts = [str(revision)]
    if old_starts_at is not None:
        parts.append("t" + old_starts_at.astimezone(UTC).strftime("%Y%m%d%H%M"))
    if place_changed:
        parts.append("p")
    return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Change:
    old_starts_at: datetime | None
    place_changed: bool


def parse_change_ref(ref: str) -> Change:
    old, place = None, False
    for part in ref.split(":")[1:]:
        if part == "p":
            place = True
        elif part.startswith("t"):
            with contextlib.suppress(ValueError):
                old = datetime.strptime(part[1:], "%Y%m%d%H%M").replace(tzinfo=UTC)
    return Change(old, place)
