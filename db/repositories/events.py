"""Events as their organisers create them, and one event by id."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class EventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
