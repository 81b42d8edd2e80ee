"""Callback data and keyboards of the main menu; handlers/menu.py consumes them, every screen links back."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.rows import button


class Screen(StrEnum):
    main = "main"
    # The short /sos screen (three numbers), whose button leads on to the whole list of helplines.
    sos = "sos"
    helplines = "help"
    memos = "memos"
    lessons = "lessons"
    familyhour = "family"
    about = "about"
    language = "lang"
    privacy = "priv"
    # Consumed by handlers/subscribe.py, whose router comes before the menu's.
    subscribe = "sub"
    # Consumed by handlers/measures.py, whose router also comes before the menu's.
    measures = "meas"


class MenuCb(CallbackData, prefix="menu"):
    screen: Screen


def menu_button(locale: str) -> InlineKeyboardButton:
    return button(_("⬅️ Menu", locale=locale), MenuCb(screen=Screen.main))


def main_menu_keyboard(locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    # Someone in crisis, perhaps a child at night, gets the three numbers first, as with /sos.
    kb.button(text=_("🆘 Help right now", locale=locale), callback_data=MenuCb(screen=Screen.sos))
    kb.button(
        text=_("📰 Subscribe to school news", locale=locale), callback_data=MenuCb(screen=Screen.subscribe)
    )
    kb.button(text=_("📋 Safety memos", locale=locale), callback_data=MenuCb(screen=Screen.memos))
    kb.button(text=_("🎓 Safety lessons", locale=locale), callback_data=MenuCb(screen=Screen.lessons))
    kb.button(text=_("👨‍👩‍👧 Family Hour", locale=locale), callback_data=MenuCb(screen=Screen.familyhour))
    kb.button(text=_("ℹ️ About the roadmap", locale=locale), callback_data=MenuCb(screen=Screen.about))
    kb.button(text=_("📊 Roadmap progress", locale=locale), callback_data=MenuCb(screen=Screen.measures))
    kb.button(text=_("🌐 Language", locale=locale), callback_data=MenuCb(screen=Screen.language))
    kb.button(text=_("🔒 My data", locale=locale), callback_data=MenuCb(screen=Screen.privacy))
    kb.adjust(1, 1, 2, 2, 1, 2)
    return kb.as_markup()


def back_to_menu_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[menu_button(locale)]])
