"""/about: the Comprehensive Plan and the Karaganda roadmap, figures formatted per language."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.content import Content
from bot.views.about import about_message
from handlers.navigation import back_to_menu_keyboard


async def show_about(message: Message, locale: str, content: Content) -> None:
    await message.answer(about_message(content, locale), reply_markup=back_to_menu_keyboard(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_about, Command("about"))
    return router
