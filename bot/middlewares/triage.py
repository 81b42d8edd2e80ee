"""Looks for crisis phrases before anything else runs, so such a message skips throttling and the database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
from aiogram.types import Message, TelegramObject, Update

if TYPE_CHECKING:
    from bot.crisis_detector import CrisisDetector

CRISIS_LOCALE = "crisis_locale"


def private_text(update: Update) -> str | None:
    message: Message | None = update.message or update.edited_message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return None
    return message.text or message.caption


class TriageMiddleware(BaseMiddleware):
    def __init__(self, detector: CrisisDetector) -> None:
        self._detector = detector

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        text = private_text(event) if isinstance(event, Update) else None
        if text:
            found = self._detector.detect(text)
            if found:
                data[CRISIS_LOCALE] = found
        return await handler(event, data)
