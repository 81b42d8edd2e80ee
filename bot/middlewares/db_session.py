"""One database session per update, and the only place that commits.

It commits twice: once right after recording the visit, before any handler talks to Telegram, so no
transaction (on SQLite, the one write lock) is held across network waits; and once after the handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
from aiogram.types import Chat, TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.middlewares.triage import CRISIS_LOCALE
from db.repositories import Repositories


class DbSessionMiddleware(BaseMiddleware):
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessionmaker = sessionmaker
        self._clock = clock

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
            repo = Repositories(session)
            data["repo"] = repo
            user: User | None = data.get("event_from_user")
            chat: Chat | None = data.get("event_chat")
            # Group members who merely typed a command are not our users; only private contact is recorded.
            if user and not user.is_bot and (chat is None or chat.type == ChatType.PRIVATE):
                data["db_user"] = await repo.users.record_visit(user.id, self._clock.now())
                await session.commit()
            result = await handler(event, data)
            # An exception above skips this and the context manager rolls back; the error handler reports it.
            await session.commit()
            return result
