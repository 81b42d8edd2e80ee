"""One database session per update, and the only place that commits.

It commits right after recording the visit, again before anything is sent to Telegram (so what a user sees
is already durable, and no transaction, on SQLite the one write lock, is held across a network wait), and
once after the handler.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.enums import ChatType
from aiogram.methods import Response, TelegramMethod
from aiogram.types import Chat, TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.i18n import telegram_locale
from bot.middlewares import Next
from bot.middlewares.triage import CRISIS_LOCALE
from db.repositories import Repositories

_update_session: ContextVar[AsyncSession | None] = ContextVar("update_session", default=None)


def current_session() -> AsyncSession | None:
    """The session of the update being handled, if any (the FSM storage writes drafts through it)."""
    return _update_session.get()


class DbSessionMiddleware(BaseMiddleware):
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessionmaker = sessionmaker
        self._clock = clock

    async def __call__(self, handler: Next, event: TelegramObject, data: dict[str, Any]) -> Any:
        # The crisis answer needs no data and must not wait behind a busy database.
        if data.get(CRISIS_LOCALE):
            return await handler(event, data)
        async with self._sessionmaker() as session:
            token = _update_session.set(session)
            try:
                repo = data["repo"] = Repositories(session)
                user: User | None = data.get("event_from_user")
                chat: Chat | None = data.get("event_chat")
                # Group members who merely typed a command are not our users: only private contact is kept.
                if user and not user.is_bot and (chat is None or chat.type == ChatType.PRIVATE):
                    # Telegram's language is kept (kk, ru or None) for what is sent to them outside an update.
                    data["db_user"] = await repo.users.record_visit(
                        user.id, self._clock.now(), telegram_locale(user.language_code)
                    )
                    await session.commit()
                result = await handler(event, data)
                # An exception skips this and the context manager rolls back; the error handler reports it.
                await session.commit()
                return result
            finally:
                _update_session.reset(token)


class CommitBeforeSendMiddleware(BaseRequestMiddleware):
    """Commits the current update's work before any request to Telegram leaves."""

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        session = _update_session.get()
        if session is not None and session.in_transaction():
            await session.commit()
        return await make_request(bot, method)
