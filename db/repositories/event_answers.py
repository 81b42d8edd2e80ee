"""Parents' answers to events, the capacity and the waiting list, and the events a parent is invited to."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class EventAnswerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
