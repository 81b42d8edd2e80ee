"""Looks for a crisis before anything else runs, so such a message skips throttling and the database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
from aiogram.types import Message, TelegramObject, Update

from bot.middlewares import Next

if TYPE_CHECKING:
    from bot.crisis import CrisisDetector

CRISIS = "crisis"  # the bot.crisis.Finding, in the handler data
CRISIS_LOCALE = "crisis_locale"
# Staff writing a notice about suicide prevention are not in crisis: their guided flows' state groups end
# in "Authoring", and text typed there is the notice itself (it needs its database session, too).
AUTHORING = "Authoring:"


def private_text(update: Update) -> str | None:
    """What the user wrote in a private chat; of a command (/sos, /help), only the words after it."""
    message: Message | None = update.message or update.edited_message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return None
    text = message.text or message.caption
    if text and text.startswith("/"):
        return text.partition(" ")[2]
    return text


class TriageMiddleware(BaseMiddleware):
    def __init__(self, detector: CrisisDetector) -> None:
        self._detector = detector

    async def __call__(self, handler: Next, event: TelegramObject, data: dict[str, Any]) -> Any:
        text = private_text(event) if isinstance(event, Update) else None
        # Before the FSM middleware: a guided flow's text is given back its turn there (bot/turns.py).
        if text:
            found = self._detector.detect(text)
            if found is not None:
                data[CRISIS] = found
                data[CRISIS_LOCALE] = found.locale
        return await handler(event, data)
