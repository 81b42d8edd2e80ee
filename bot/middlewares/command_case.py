"""Commands in any case: «/Help», «/FORGET», «/Start school_…» (a phone writes the first letter capital) are
/help, /forget, /start school_…, for every router at once.

Telegram's commands are Latin letters, digits and «_»; aiogram's Command filters compare them as written. So
before the routers see a message, its command word (and the bot's @name after it) is put in small letters;
what follows it, a deep link's code or a measure's number, is left as it was typed.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject

COMMAND = re.compile(r"/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?")


def small_command(text: str | None) -> str | None:
    """`text` with its leading command in small letters; None when there is nothing to change."""
    found = COMMAND.match(text) if text else None
    if text is None or found is None or found.group(0) == found.group(0).lower():
        return None
    # ASCII only, so every offset of the message's entities stays where it was.
    return found.group(0).lower() + text[found.end() :]


class CommandCaseMiddleware(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Message):
            changes = {
                field: fixed
                for field in ("text", "caption")
                if (fixed := small_command(getattr(event, field))) is not None
            }
            if changes:
                event = event.model_copy(update=changes)
        return await handler(event, data)


__all__ = ["CommandCaseMiddleware", "small_command"]
