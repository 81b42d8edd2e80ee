"""In a group the bot answers /helplines and /sos for everyone and stays quiet otherwise."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import InlineKeyboardMarkup, Message

from bot.content import Content
from bot.views.helplines import helplines_message
from handlers.fallback import ignore
from handlers.helplines import share_button

IN_GROUP = F.chat.type.in_({ChatType.GROUP, ChatType.SUPERGROUP, ChatType.CHANNEL})


async def helplines_in_group(message: Message, locale: str, content: Content) -> None:
    markup = InlineKeyboardMarkup(inline_keyboard=[[share_button(locale)]])
    await message.answer(helplines_message(content.helplines, locale), reply_markup=markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(IN_GROUP)
    router.edited_message.filter(IN_GROUP)
    router.message.register(helplines_in_group, Command("helplines", "sos"))
    router.message.register(ignore)
    router.edited_message.register(ignore)
    router.channel_post.register(ignore)
    router.edited_channel_post.register(ignore)
    return router
