"""Records who wrote (id and times only) and works out the reply language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
from aiogram.types import Chat, TelegramObject, User

from bot.clock import Clock
from bot.i18n import locale_for
from bot.middlewares.triage import CRISIS_LOCALE
from db.repositories import Repositories


class UserMiddleware(BaseMiddleware):
    def __init__(self, clock: Clock, default_locale: str) -> None:
        self._clock = clock
        self._default = default_locale

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        repo: Repositories | None = data.get("repo")
        chosen = None
        # Group members who merely typed a command are not our users; only private contact is recorded.
        if user and not user.is_bot and repo and (chat is None or chat.type == ChatType.PRIVATE):
            db_user = await repo.users.record_visit(user.id, self._clock.now())
            data["db_user"] = db_user
            chosen = db_user.language
        data["locale"] = data.get(CRISIS_LOCALE) or locale_for(
            chosen, user.language_code if user else None, self._default
        )
        return await handler(event, data)
