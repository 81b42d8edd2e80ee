"""One database session per update; the only place that commits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.middlewares.triage import CRISIS_LOCALE
from db.repositories import Repositories


class DbSessionMiddleware(BaseMiddleware):
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        # The crisis answer needs no data and must not wait behind a busy database.
        if data.get(CRISIS_LOCALE):
            return await handler(event, data)
        async with self._sessionmaker() as session:
            data["repo"] = Repositories(session)
            result = await handler(event, data)
            # An exception above skips this and the context manager rolls back; the error handler reports it.
            await session.commit()
            return result
