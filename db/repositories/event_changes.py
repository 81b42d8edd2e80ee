"""An organiser's events with their answers, and changes: time, place, cancellation, attendance."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class EventChangeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
