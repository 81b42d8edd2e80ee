from __future__ import annotations

from typing import Any

from aiogram.types import TelegramObject
from aiogram.utils.i18n import I18nMiddleware


class LocaleMiddleware(I18nMiddleware):
    """Sets gettext's locale to the one UserMiddleware worked out."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        return data.get("locale") or self.i18n.default_locale
