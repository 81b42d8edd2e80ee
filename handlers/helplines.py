"""/sos: three numbers for whoever needs help now; /helplines: every helpline. For anyone, unsubscribed."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.content import Content
from bot.views.helplines import helplines_message, sos_message
from bot.views.navigation import MenuCb, Screen, menu_button
from bot.views.rows import button


def share_button(locale: str) -> InlineKeyboardButton:
    # Opens the chat picker with "@bot " typed, so the inline cards go to a friend.
    return InlineKeyboardButton(text=_("📤 Send to a friend", locale=locale), switch_inline_query="")


def all_helplines_button(locale: str) -> InlineKeyboardButton:
    # The label of the crisis reply's button too, which opens the same list.
    return button(_("🆘 All helplines", locale=locale), MenuCb(screen=Screen.helplines))


def helplines_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[share_button(locale)], [menu_button(locale)]])


def sos_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[all_helplines_button(locale)], [share_button(locale)], [menu_button(locale)]]
    )


# In a group the menu (subscriptions, language, one's own data) has no place, and whoever presses a button
# changes the message for everyone: the way on to the whole list (handlers/groups.py answers its press) and
# the share button, no more.
def group_helplines_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[share_button(locale)]])


def group_sos_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[all_helplines_button(locale)], [share_button(locale)]])


async def send_helplines(message: Message, locale: str, content: Content) -> None:
    await message.answer(
        helplines_message(content.helplines, locale), reply_markup=helplines_keyboard(locale)
    )


async def send_sos(message: Message, locale: str) -> None:
    await message.answer(sos_message(locale), reply_markup=sos_keyboard(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(send_helplines, Command("helplines"))
    router.message.register(send_sos, Command("sos"))
    return router
