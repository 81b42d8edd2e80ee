"""Tells a flooding user once to slow down and absorbs what follows, before any other handler runs."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot.middlewares.throttling import THROTTLED
from bot.views.phrases import __
from handlers.fallback import ignore


class Throttled(Filter):
    def __init__(self, verdict: str) -> None:
        self._verdict = verdict

    async def __call__(self, event: TelegramObject, **data: Any) -> bool:
        return data.get(THROTTLED) == self._verdict


slow_down_text = __("Too many messages at once. Please wait a few seconds and try again.")


async def warn_message(message: Message, locale: str) -> None:
    await message.answer(slow_down_text(locale))


async def warn_press(query: CallbackQuery, locale: str) -> None:
    await query.answer(slow_down_text(locale), show_alert=False)


async def stop_spinner(query: CallbackQuery) -> None:
    # An unanswered press keeps the button spinning; answering costs nothing against the limits.
    await query.answer()


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(warn_message, Throttled("warn"))
    router.callback_query.register(warn_press, Throttled("warn"))
    router.callback_query.register(stop_spinner, Throttled("drop"))
    for observer in (router.message, router.edited_message, router.inline_query):
        observer.register(ignore, Throttled("warn"))
        observer.register(ignore, Throttled("drop"))
    return router
