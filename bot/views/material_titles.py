"""The buttons of /upload's second title (a material in both languages), beside upload_keyboards.py.

The Russian title is checked against the Kazakh one (bot/flows/bilingual.py); when the two look like one
language, the uploader sends it again or keeps it with this press, which carries the wizard's prefix `mup`.
"""

from __future__ import annotations

from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import one_choice
from bot.views.upload_keyboards import CANCEL


class UploadKeepTitleCb(CallbackData, prefix="mup"):
    act: Literal["kt"] = "kt"


def keep_title_keyboard(locale: str) -> InlineKeyboardMarkup:
    return one_choice(_("Keep as it is", locale=locale), UploadKeepTitleCb(), CANCEL, locale)
