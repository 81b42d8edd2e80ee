"""/about: the Comprehensive Plan and the Karaganda roadmap, figures formatted per language.

The first screen fits a phone; the sections, figures and expected results open in place on a button.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.content import Content
from bot.filters import OnMessage
from bot.flows.buttons import button
from bot.flows.screen import redraw
from bot.views.about import about_details, about_message
from bot.views.menu import stale_button_text
from bot.views.navigation import menu_button


class AboutPage(StrEnum):
    first = "f"
    details = "d"


class AboutCb(CallbackData, prefix="about"):
    page: AboutPage


def about_keyboard(content: Content, locale: str, page: AboutPage = AboutPage.first) -> InlineKeyboardMarkup:
    if page is AboutPage.first:
        other = button(content.about.text(locale).more, AboutCb(page=AboutPage.details))
    else:
        other = button(_("ℹ️ About the roadmap", locale=locale), AboutCb(page=AboutPage.first))
    return InlineKeyboardMarkup(inline_keyboard=[[other], [menu_button(locale)]])


def about_page(content: Content, locale: str, page: AboutPage) -> str:
    return about_details(content, locale) if page is AboutPage.details else about_message(content, locale)


async def show_about(message: Message, locale: str, content: Content) -> None:
    await message.answer(about_message(content, locale), reply_markup=about_keyboard(content, locale))


async def on_about_button(
    query: CallbackQuery, message: Message, callback_data: AboutCb, locale: str, content: Content
) -> None:
    await query.answer()
    page = callback_data.page
    await redraw(message, about_page(content, locale, page), about_keyboard(content, locale, page))


async def on_malformed(query: CallbackQuery, locale: str) -> None:
    await query.answer(stale_button_text(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_about, Command("about"))
    router.callback_query.register(on_about_button, AboutCb.filter(), OnMessage())
    router.callback_query.register(on_malformed, F.data.startswith("about:"))
    return router
