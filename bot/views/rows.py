"""The commonest keyboard shape: a list of choices, one a row, under which stand the ways on or back; and the
button of typed callback data every keyboard is made of."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def column(
    buttons: Iterable[InlineKeyboardButton], *below: list[InlineKeyboardButton]
) -> InlineKeyboardMarkup:
    """One button a row, then the rows `below` (page arrows, Back, Menu, Cancel); an empty row is left out."""
    return InlineKeyboardMarkup(inline_keyboard=[*([b] for b in buttons), *(row for row in below if row)])
