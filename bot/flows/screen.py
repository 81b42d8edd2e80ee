"""A screen redrawn in place when a button on it is pressed (the menus of /materials, /subscribe ...)."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardMarkup, Message


async def redraw(message: Message, text: str, markup: InlineKeyboardMarkup) -> None:
    """Edits the screen in place; a press that changes nothing (a repeated or forged one) edits nothing."""
    # Compared as data: objects that came with an update carry the bot they are bound to.
    shown = message.reply_markup.model_dump(exclude_none=True) if message.reply_markup else None
    if message.html_text == text and shown == markup.model_dump(exclude_none=True):
        return
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as error:
        # Two quick presses of one button: the first already drew this screen.
        if "message is not modified" not in str(error):
            raise
