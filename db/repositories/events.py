"""Events as their organisers create them, and one event by id."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event
from db.repositories.drafts import DraftRepository, NewPost
from db.repositories.rows import dialect_insert
from domain.enums import EventStatus


@dataclass(frozen=True, slots=True)
class NewEvent:
    draft_key: str
    kind: str
    organiser_id: int
    scope_code: str
    audience: dict[str, Any]
    topic_kk: str
    topic_ru: str
    place: str
    starts_at: datetime
    duration_min: int
    capacity: int | None


@dataclass(frozen=True, slots=True)
class Announcement:
    """The post that tells parents about the event: its texts, when it goes, whether it waits for approval."""

    text_kk: str
    text_ru: str
    send_at: datetime | None
    needs_approval: bool


@dataclass(frozen=True, slots=True)
class CreatedEvent:
    event_id: int
    post_id: int


class EventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create_with_announcement(
        self, event: NewEvent, announcement: Announcement, now: datetime
    ) -> CreatedEvent | None:
        """The event and its announcement post, once per draft; a second Confirm gets None.

        The post goes out (or waits for approval) like any other; its copies carry the RSVP buttons.
        """
        event_id = await self._session.scalar(
            dialect_insert(self._session, Event)
            .values(**asdict(event), status=EventStatus.SCHEDULED, revision=1, created_at=now)
            .on_conflict_do_nothing(index_elements=[Event.draft_key])
            .returning(Event.id)
        )
        if event_id is None:
            return None
        # Its own key, derived from the event's: the post is as unique as the event it announces.
        post_id = await DraftRepository(self._session).confirm(
            NewPost(
                draft_key=f"event-{event.draft_key}",
                author_id=event.organiser_id,
                scope_code=event.scope_code,
                audience=event.audience,
                event_id=event_id,
                **asdict(announcement),
            ),
            now,
        )
        assert post_id is not None  # the event was new, so its announcement's key is too
        return CreatedEvent(event_id=event_id, post_id=post_id)

    async def scheduled_in_between(self, scope_code: str, start: datetime, end: datetime) -> list[Event]:
        """The events still on (not cancelled) that `scope_code` holds from `start` up to `end`, earliest
        first."""
        rows = await self._session.scalars(
            select(Event)
            .where(
                Event.scope_code == scope_code,
                Event.status == EventStatus.SCHEDULED,
                Event.starts_at >= start,
                Event.starts_at < end,
            )
            .order_by(Event.starts_at, Event.id)
        )
        return list(rows)

    async def get(self, event_id: int) -> Event | None:
        # Read afresh: a change earlier in the same update (a new time, a cancellation) must show.
        return await self._session.get(Event, event_id, populate_existing=True)


__all__ = ["Announcement", "CreatedEvent", "EventRepository", "NewEvent"]
