"""What nothing else handled: unknown commands, free text, media, stale buttons. Always last."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.i18n import gettext as _

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
    # Whoever writes a long letter to a school bot may be writing about something hard: the answer is kind
    # and names the people who can listen, which a bot cannot.
    if len(message.text or "") > LONG_TEXT:
        note = _(
            "Thank you for writing. I am a bot and can't read long letters, but the people at <b>111</b> "
            "will listen: free, anonymous, round the clock. If someone is in danger right now, call "
            "<b>112</b>.",
            locale=locale,
        )
    else:
        note = (
            _("I answer buttons and commands only.", locale=locale)
            + "\n"
            + _("If you need help now, call <b>111</b>.", locale=locale)
        )
    await message.answer(f"{note}\n\n{menu_text(locale)}", reply_markup=main_menu_keyboard(locale))


async def not_text(message: Message, locale: str) -> None:
    # A voice message, a sticker or a photo may carry what a child cannot type: 111 is in the answer too.
    note = _(
        "I can't listen to voice messages or look at pictures. If something has happened or you feel bad, "
        "call <b>111</b>: free, anonymous, round the clock. If someone is in danger right now, call "
        "<b>112</b>.",
        locale=locale,
    )
    await message.answer(f"{note}\n\n{menu_text(locale)}", reply_markup=main_menu_keyboard(locale))


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
