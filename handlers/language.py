"""Language choice: offered at the first /start and by /language; the choice is stored."""

from __future__ import annotations

from enum import StrEnum

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.commands import CommandsPublisher
from bot.i18n import LANGUAGE_NAMES
from bot.views.menu import welcome_text
from bot.views.navigation import main_menu_keyboard, menu_button
from db.repositories import Repositories


class Lang(StrEnum):
    kk = "kk"
    ru = "ru"


class LanguageCb(CallbackData, prefix="lang"):
    code: Lang


def language_prompt() -> str:
    # Shown before we know which language the reader has, so it speaks both.
    return "\n".join(_("Choose the language of the bot:", locale=code) for code in ("kk", "ru"))


def language_keyboard(preselected: str, with_back: bool = True) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for lang in Lang:
        mark = "✅ " if lang.value == preselected else ""
        kb.button(text=f"{mark}{LANGUAGE_NAMES[lang.value]}", callback_data=LanguageCb(code=lang))
    kb.adjust(2)
    if with_back:
        kb.row(menu_button(preselected))
    return kb.as_markup()


async def ask_language(message: Message, locale: str, with_back: bool = True) -> None:
    # On the very first /start there is no menu yet to go back to.
    await message.answer(language_prompt(), reply_markup=language_keyboard(locale, with_back))


async def choose_language(
    query: CallbackQuery, callback_data: LanguageCb, repo: Repositories, bot: Bot, commands: CommandsPublisher
) -> None:
    locale = callback_data.code.value
    await repo.users.choose_language(query.from_user.id, locale)
    await query.answer(_("Language saved", locale=locale))
    if isinstance(query.message, Message):
        await query.message.edit_text(welcome_text(locale), reply_markup=main_menu_keyboard(locale))
    await commands.publish_for_user(bot, repo, query.from_user.id, locale)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(ask_language, Command("language"))
    router.callback_query.register(choose_language, LanguageCb.filter(), F.from_user)
    return router
