"""Tells a flooding user once to slow down; ThrottlingMiddleware drops what follows."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.i18n import gettext as _

from bot.middlewares.throttling import THROTTLED_NOTICE


class Throttled(Filter):
    async def __call__(self, event: TelegramObject, **data: Any) -> bool:
        return bool(data.get(THROTTLED_NOTICE))


def slow_down_text(locale: str) -> str:
    return _("Too many messages at once. Please wait a few seconds and try again.", locale=locale)


async def warn_message(message: Message, locale: str) -> None:
    await message.answer(slow_down_text(locale))


async def warn_press(query: CallbackQuery, locale: str) -> None:
    await query.answer(slow_down_text(locale), show_alert=False)


async def ignore(_: TelegramObject) -> None:
    return None


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(warn_message, Throttled())
    router.callback_query.register(warn_press, Throttled())
    router.inline_query.register(ignore, Throttled())
    router.edited_message.register(ignore, Throttled())
    return router
