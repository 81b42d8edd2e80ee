from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message, TelegramObject, User


class IsAdmin(Filter):
    """Checked on every message and every button press of the guarded router, never cached."""

    def __init__(self, admin_ids: frozenset[int]) -> None:
        self._admins = admin_ids

    async def __call__(self, event: TelegramObject, event_from_user: User | None = None, **_: Any) -> bool:
        return event_from_user is not None and event_from_user.id in self._admins


class OnMessage(Filter):
    """A press on a message the bot can still edit, handed to the handler as `message`; a press on an inline
    or too old (inaccessible) message is left to the routers after it (at last the fallback's "out of date").
    """

    async def __call__(self, query: CallbackQuery) -> bool | dict[str, Any]:
        return {"message": query.message} if isinstance(query.message, Message) else False
