from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import TelegramObject, User


class IsAdmin(Filter):
    """Checked on every message and every button press of the guarded router, never cached."""

    def __init__(self, admin_ids: frozenset[int]) -> None:
        self._admins = admin_ids

    async def __call__(self, event: TelegramObject, event_from_user: User | None = None, **_: Any) -> bool:
        return event_from_user is not None and event_from_user.id in self._admins
