"""/forget: a user erases everything the bot keeps about them."""

from __future__ import annotations

from enum import StrEnum

from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from db.repositories import Repositories
from handlers.navigation import menu_button


class EraseStep(StrEnum):
    ask = "ask"
    confirm = "yes"


class EraseCb(CallbackData, prefix="erase"):
    step: EraseStep


def privacy_keyboard(locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("🗑 Erase my data", locale=locale), callback_data=EraseCb(step=EraseStep.ask))
    kb.row(menu_button(locale))
    return kb.as_markup()


def confirm_keyboard(locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("Yes, erase", locale=locale), callback_data=EraseCb(step=EraseStep.confirm))
    kb.row(menu_button(locale))
    return kb.as_markup()


def confirm_text(locale: str) -> str:
    return _("Erase everything the bot keeps about you? This cannot be undone.", locale=locale)


def erased_text(locale: str) -> str:
    return _(
        "Done: the bot has forgotten you. If you write again, it starts from the beginning.\n"
        "Helplines stay open to you: /helplines",
        locale=locale,
    )


async def ask_to_erase(message: Message, locale: str) -> None:
    await message.answer(confirm_text(locale), reply_markup=confirm_keyboard(locale))


async def on_erase(query: CallbackQuery, callback_data: EraseCb, locale: str, repo: Repositories) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return
    if callback_data.step is EraseStep.ask:
        await query.message.edit_text(confirm_text(locale), reply_markup=confirm_keyboard(locale))
        return
    await repo.users.erase(query.from_user.id)
    await query.message.edit_text(erased_text(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(ask_to_erase, Command("forget"))
    router.callback_query.register(on_erase, EraseCb.filter())
    return router
