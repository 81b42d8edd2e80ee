from __future__ import annotations

from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18nMiddleware

from bot.i18n import locale_for
from bot.middlewares.triage import CRISIS_LOCALE
from db.models import User as DbUser


class LocaleMiddleware(I18nMiddleware):
    """The reply language: the crisis phrase's language, else the user's choice, else Telegram's language."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        if data.get(CRISIS_LOCALE):
            locale = data[CRISIS_LOCALE]
        else:
            db_user: DbUser | None = data.get("db_user")
            tg_user: User | None = data.get("event_from_user")
            locale = locale_for(
                db_user.language if db_user else None,
                tg_user.language_code if tg_user else None,
                self.i18n.default_locale,
            )
        data["locale"] = locale
        return locale
