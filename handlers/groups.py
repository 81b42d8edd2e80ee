"""In a group the bot answers /sos and /helplines for everyone and stays quiet otherwise."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.content import Content
from bot.filters import OnMessage
from bot.views.helplines import helplines_message, sos_message
from bot.views.navigation import MenuCb, Screen
from handlers.fallback import ignore
from handlers.helplines import group_helplines_keyboard, group_sos_keyboard

GROUP_TYPES = {ChatType.GROUP, ChatType.SUPERGROUP, ChatType.CHANNEL}
IN_GROUP = F.chat.type.in_(GROUP_TYPES)
PRESSED_IN_GROUP = F.message.chat.type.in_(GROUP_TYPES)


async def helplines_in_group(message: Message, locale: str, content: Content) -> None:
    await message.answer(
        helplines_message(content.helplines, locale), reply_markup=group_helplines_keyboard(locale)
    )


async def sos_in_group(message: Message, locale: str) -> None:
    # The same three numbers as /sos in a private chat; the whole list is one press away for any member.
    await message.answer(sos_message(locale), reply_markup=group_sos_keyboard(locale))


async def all_helplines_in_group(
    query: CallbackQuery, message: Message, locale: str, content: Content
) -> None:
    # Any member may press it, whether or not they ever wrote to the bot: the list replaces the short screen
    # in place, in the presser's language, with no button that leads into a private menu.
    await query.answer()
    await message.edit_text(
        helplines_message(content.helplines, locale), reply_markup=group_helplines_keyboard(locale)
    )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(IN_GROUP)
    router.edited_message.filter(IN_GROUP)
    router.message.register(helplines_in_group, Command("helplines"))
    router.message.register(sos_in_group, Command("sos"))
    router.callback_query.register(
        all_helplines_in_group, MenuCb.filter(F.screen == Screen.helplines), PRESSED_IN_GROUP, OnMessage()
    )
    router.message.register(ignore)
    router.edited_message.register(ignore)
    router.channel_post.register(ignore)
    router.edited_channel_post.register(ignore)
    return router
