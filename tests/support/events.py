"""Event rows and answers put straight into the bot's database, to the whole of their scope unless a test
says otherwise. Only the models (and the Kazakhstan time zone) are imported, so unit tests can use it too."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import KZ
from db.models import Event, EventAnswer
from tests.support.org_tree import SCHOOL
from tests.support.posts import whole_scope

# The Family Hour the reminder, management and send-error tests share: at school 1, 30 seats, made the day
# before the Monday noon (7 December 2026) their clocks start at.
SCHOOL_EVENT: dict[str, Any] = {
    "organiser_id": 8601,
    "scope_code": SCHOOL,
    "topic_kk": "Балаңызбен сенімді әңгіме",
    "topic_ru": "Доверительный разговор с ребёнком",
    "place": "Школа № 1, актовый зал",
    "duration_min": 60,
    "capacity": 30,
    "revision": 1,
    "created_at": datetime(2026, 12, 6, 12, 0, tzinfo=KZ),
}


def new_event(
    *,
    organiser_id: int,
    scope_code: str,
    place: str,
    starts_at: datetime,
    created_at: datetime,
    topic_kk: str = "Отбасы сағаты",
    topic_ru: str = "Семейный час",
    audience: dict[str, Any] | None = None,
    kind: str = "family_hour",
    status: str = "scheduled",
    **columns: Any,
) -> Event:
    """An event row, not yet added: a scheduled Family Hour to the whole scope unless `kind`, `status` or
    `audience` say otherwise; `columns` are any others (duration, capacity, revision...), left to their
    defaults when not given."""
    return Event(
        kind=kind,
        organiser_id=organiser_id,
        scope_code=scope_code,
        audience=whole_scope() if audience is None else audience,
        topic_kk=topic_kk,
        topic_ru=topic_ru,
        place=place,
        starts_at=starts_at,
        status=status,
        created_at=created_at,
        **columns,
    )


async def add_event(sessionmaker: async_sessionmaker[AsyncSession], **columns: Any) -> int:
    """Adds `new_event(**columns)` in a session of its own and returns its id."""
    async with sessionmaker() as session:
        event = new_event(**columns)
        session.add(event)
        await session.commit()
        return event.id


async def add_school_event(
    sessionmaker: async_sessionmaker[AsyncSession], starts_at: datetime, **columns: Any
) -> int:
    """Adds SCHOOL_EVENT starting at `starts_at`, with `columns` in place of any of its values."""
    return await add_event(sessionmaker, **{**SCHOOL_EVENT, "starts_at": starts_at, **columns})


async def add_answer(
    sessionmaker: async_sessionmaker[AsyncSession], event_id: int, user_id: int, answer: str, at: datetime
) -> None:
    """A parent's answer to an event (going, not_going or waiting), as if given at `at`."""
    async with sessionmaker() as session:
        session.add(EventAnswer(event_id=event_id, user_id=user_id, answer=answer, answered_at=at))
        await session.commit()
