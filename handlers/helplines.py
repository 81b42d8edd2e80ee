"""/helplines and /sos: every helpline in one message, for anyone, without subscribing."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.content import Content
from bot.views.helplines import helplines_message
from bot.views.navigation import menu_button


def share_button(locale: str) -> InlineKeyboardButton:
    # Opens the chat picker with "@bot " typed, so the inline cards go to a friend.
    return InlineKeyboardButton(text=_("📤 Send to a friend", locale=locale), switch_inline_query="")


def helplines_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[share_button(locale)], [menu_button(locale)]])


async def send_helplines(message: Message, locale: str, content: Content) -> None:
    await message.answer(
        helplines_message(content.helplines, locale), reply_markup=helplines_keyboard(locale)
    )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(send_helplines, Command("helplines", "sos"))
    return router
