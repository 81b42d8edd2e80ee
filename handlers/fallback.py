"""What nothing else handled: unknown commands, free text, media, stale buttons. Always last."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.i18n import gettext as _

from bot.views.menu import menu_text, stale_button_text
from handlers.navigation import main_menu_keyboard

# Telegram lets users send up to 4096 characters; anything long is certainly not a menu choice.
LONG_TEXT = 1000


async def unknown_command(message: Message, locale: str) -> None:
    await message.answer(
        _("I don't know this command.", locale=locale) + "\n" + menu_text(locale),
        reply_markup=main_menu_keyboard(locale),
    )


async def free_text(message: Message, locale: str) -> None:
    note = (
        _("That is a long message. I can't read messages; please use the buttons.", locale=locale)
        if len(message.text or "") > LONG_TEXT
        else _("I answer buttons and commands only.", locale=locale)
    )
    tail = _("If you need help now, call <b>111</b>.", locale=locale)
    await message.answer(f"{note}\n{tail}\n\n{menu_text(locale)}", reply_markup=main_menu_keyboard(locale))


async def not_text(message: Message, locale: str) -> None:
    await message.answer(
        _("I can only read text and buttons.", locale=locale) + "\n" + menu_text(locale),
        reply_markup=main_menu_keyboard(locale),
    )


async def stale_button(query: CallbackQuery, locale: str) -> None:
    await query.answer(stale_button_text(locale))


async def ignore(_: TelegramObject) -> None:
    return None


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(unknown_command, F.text.startswith("/"))
    router.message.register(free_text, F.text)
    router.message.register(not_text)
    # An edit to an old message is not a new request; answering it would only confuse.
    router.edited_message.register(ignore)
    router.callback_query.register(stale_button)
    router.my_chat_member.register(ignore)
    return router
