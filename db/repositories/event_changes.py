"""An organiser's events with their answers, and changes: time, place, cancellation, attendance.

A change and the notices it owes parents are written in one transaction: the notice rows exist exactly when
the change does, and the notifier sends them once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, EventAnswer, MeasureUpdate, Post
from db.repositories.event_notices import EventNoticeRepository, change_ref
from db.repositories.rows import changed
from domain.enums import EventStatus, NoticeKind, PostStatus

ANNOUNCEMENT_UNSENT = (PostStatus.SCHEDULED, PostStatus.AWAITING_APPROVAL)
RECENT = timedelta(days=30)  # past events stay on the list this long, for attendance and the report


@dataclass(frozen=True, slots=True)
class Counts:
    """Answers to one event; the fields are named after Answer's values."""

    going: int = 0
    waiting: int = 0
    not_going: int = 0

    @property
    def answered(self) -> int:
        return self.going + self.waiting + self.not_going


@dataclass(frozen=True, slots=True)
class Cancellation:
    """What cancelling an event did besides: who will be told, and which announcements it stopped."""

    told: int  # people who answered, each to get a 'cancelled' notice
    announcements: list[int]  # its posts that had not gone out (waiting for their time or for approval)


@dataclass(frozen=True, slots=True)
class ManagedEvent:
    event: Event
    counts: Counts


class EventChangeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def counts(self, event_ids: Iterable[int]) -> dict[int, Counts]:
        raw: dict[int, dict[str, int]] = {i: {} for i in event_ids}
        rows = await self._session.execute(
            select(EventAnswer.event_id, EventAnswer.answer, func.count())
            .where(EventAnswer.event_id.in_(list(raw)))
            .group_by(EventAnswer.event_id, EventAnswer.answer)
        )
        for event_id, answer, n in rows:
            raw[event_id][answer] = n
        return {i: Counts(**c) for i, c in raw.items()}

    async def managed_by(
        self, user_id: int, codes: Iterable[str] | None, now: datetime, limit: int = 10
    ) -> list[ManagedEvent]:
        """The user's own events and, for `codes` (None: everywhere), those held there: upcoming ones
        soonest first, then the recent past, latest first."""
        whose = (
            [] if codes is None else [or_(Event.organiser_id == user_id, Event.scope_code.in_(list(codes)))]
        )
        upcoming = select(Event).where(Event.starts_at > now, *whose).order_by(Event.starts_at, Event.id)
        recent = select(Event).where(Event.starts_at <= now, Event.starts_at > now - RECENT, *whose)
        recent = recent.order_by(Event.starts_at.desc(), Event.id.desc())
        events = list(await self._session.scalars(upcoming.limit(limit)))
        events += await self._session.scalars(recent.limit(limit - len(events)))
        counts = await self.counts(e.id for e in events)
        return [ManagedEvent(e, counts[e.id]) for e in events]

    async def _bump(self, event_id: int, now: datetime, **values: object) -> int | None:
        """Applies the change to a scheduled event; its new revision, or None if it could not change."""
        result = await self._session.execute(
            update(Event)
            .where(Event.id == event_id, Event.status == EventStatus.SCHEDULED)
            .values(revision=Event.revision + 1, changed_at=now, **values)
            .returning(Event.revision)
        )
        return result.scalar_one_or_none()

    async def reschedule(
        self,
        event_id: int,
        starts_at: datetime | None,
        place: str | None,
        now: datetime,
        notice_due: datetime | None = None,
    ) -> int | None:
        """New time and/or place; everyone who answered gets a 'changed' notice (at `notice_due`, default
        now). Returns how many people will be told, or None if the event is gone or cancelled."""
        event = await self._session.get(Event, event_id, populate_existing=True)
        if event is None or event.status != EventStatus.SCHEDULED:
            return None
        values: dict[str, object] = {}
        old_start = None
        if starts_at is not None and starts_at != event.starts_at:
            values["starts_at"], old_start = starts_at, event.starts_at
        place_changed = place is not None and place != event.place
        if place_changed:
            values["place"] = place
        if not values:
            return 0
        revision = await self._bump(event_id, now, **values)
        if revision is None:
            return None
        ref = change_ref(revision, old_start, place_changed)
        return await EventNoticeRepository(self._session).enqueue_for_everyone_who_answered(
            event_id, NoticeKind.CHANGED, ref, notice_due or now
        )

    async def cancel(
        self, event_id: int, now: datetime, notice_due: datetime | None = None
    ) -> Cancellation | None:
        """Cancels the event and its announcement if that has not gone yet; everyone who answered gets a
        'cancelled' notice. None if it was cancelled already."""
        revision = await self._bump(event_id, now, status=EventStatus.CANCELLED)
        if revision is None:
            return None
        stopped = await self._session.scalars(
            update(Post)
            .where(Post.event_id == event_id, Post.status.in_(ANNOUNCEMENT_UNSENT))
            .values(status=PostStatus.CANCELLED)
            .returning(Post.id)
        )
        announcements = sorted(stopped)
        notices = EventNoticeRepository(self._session)
        told = await notices.enqueue_for_everyone_who_answered(
            event_id, NoticeKind.CANCELLED, str(revision), notice_due or now
        )
        return Cancellation(told, announcements)

    async def record_attendance(self, event_id: int, count: int) -> bool:
        """How many came. Once reported to a measure the figure is kept as reported."""
        return await changed(
            self._session,
            update(Event)
            .where(
                Event.id == event_id, Event.status == EventStatus.SCHEDULED, Event.measure_update_id.is_(None)
            )
            .values(attended=count),
        )

    async def attach_measure_update(self, event_id: int, update_id: int) -> bool:
        """True for the one caller whose update becomes the event's report; never again after."""
        return await changed(
            self._session,
            update(Event)
            .where(Event.id == event_id, Event.measure_update_id.is_(None))
            .values(measure_update_id=update_id),
        )

    async def discard_measure_update(self, update_id: int) -> None:
        """An update written by a press that lost the race to attach_measure_update."""
        await self._session.execute(delete(MeasureUpdate).where(MeasureUpdate.id == update_id))
