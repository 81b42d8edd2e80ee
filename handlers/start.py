"""/start: the language choice on first contact, the menu afterwards."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import CommandStart
from aiogram.types import Message

from bot.commands import CommandsPublisher
from bot.views.menu import welcome_text
from bot.views.navigation import main_menu_keyboard
from db.models import User
from handlers.language import ask_language


async def start(message: Message, locale: str, db_user: User, bot: Bot, commands: CommandsPublisher) -> None:
    if commands.is_admin(db_user.id):
        # An admin's menu can only be published once their chat exists, i.e. after they first write.
        await commands.publish_for_chat(bot, db_user.id, db_user.language)
    if db_user.language is None:
        await ask_language(message, locale, with_back=False)
        return
    await message.answer(welcome_text(locale), reply_markup=main_menu_keyboard(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start, CommandStart())
    return router
