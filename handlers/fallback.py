"""What nothing else handled: unknown commands, free text, media, stale buttons. Always last."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.i18n import gettext as _

from bot.thanks import is_thanks
from bot.views.fallback import fallback_note, kind_note, long_text, short_text, welcome_text
from bot.views.menu import menu_text, stale_button_text
from bot.views.navigation import main_menu_keyboard

# Telegram lets users send up to 4096 characters; anything long is certainly not a menu choice.
LONG_TEXT = 1000


async def unknown_command(message: Message, locale: str) -> None:
    await message.answer(
        _("I don't know this command.", locale=locale) + "\n" + menu_text(locale),
        reply_markup=main_menu_keyboard(locale),
    )


async def free_text(message: Message, locale: str) -> None:
    # Only its length and whether it is a plain thank-you are looked at; the text is neither kept nor logged.
    text = message.text or ""
    if len(text) > LONG_TEXT:
        note = fallback_note(long_text(locale), locale)
    elif is_thanks(text):
        note = welcome_text(locale)
    else:
        note = fallback_note(short_text(locale), locale)
    await message.answer(note, reply_markup=main_menu_keyboard(locale))


async def not_text(message: Message, locale: str) -> None:
    # A voice message, a sticker or a place may carry what a child cannot type: 111 and 112 are in each note.
    await message.answer(kind_note(message.content_type, locale), reply_markup=main_menu_keyboard(locale))


async def stale_button(query: CallbackQuery, locale: str) -> None:
    await query.answer(stale_button_text(locale))


async def ignore(_: TelegramObject) -> None:
    """An update that needs no answer (here, and in handlers/flood.py and handlers/groups.py)."""
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
