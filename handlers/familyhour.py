"""/familyhour: what «Отбасы сағаты» is and when the next one falls, in Kazakhstan time."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.clock import Clock
from bot.content import Content
from bot.views.familyhour import familyhour_message
from handlers.navigation import back_to_menu_keyboard


async def show_familyhour(message: Message, locale: str, content: Content, clock: Clock) -> None:
    await message.answer(
        familyhour_message(content, clock.now().date(), locale), reply_markup=back_to_menu_keyboard(locale)
    )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_familyhour, Command("familyhour"))
    return router
