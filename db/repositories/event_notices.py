"""Reminders and change notices, claimed before they are sent so none goes twice."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class EventNoticeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
