"""/about: the Comprehensive Plan and the Karaganda roadmap, figures formatted per language.

The first screen fits a phone; the sections, figures and expected results open in place on a button. It
says what followed the roadmap in its region on today's date in Kazakhstan, from the catalogue as /measures
reads it.
"""

from __future__ import annotations

import logging
from datetime import date
from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.content import Content
from bot.filters import OnMessage
from bot.flows.buttons import button
from bot.flows.screen import redraw
from bot.measures import Catalogue
from bot.views.about import Successor, about_details, about_message
from bot.views.menu import stale_button_text
from bot.views.navigation import menu_button

logger = logging.getLogger(__name__)


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


def successor(content: Content, catalogue: Catalogue, today: date, locale: str) -> Successor | None:
    """What followed the roadmap the page describes, in its region on `today`: only a roadmap that starts
    after it is a new one. None when the catalogue does not hold that roadmap: its region is unknown."""
    described = catalogue.plan(content.about.plan)
    if described is None:
        # `python -m bot content check` refuses such content, but a running bot still shows the page.
        logger.error("/about describes plan %r, which the catalogue does not hold", content.about.plan)
        return None
    current = catalogue.current(today, described.region)
    if current is not None and current.starts > described.starts:
        return Successor(in_force=current.title.get(locale))
    ahead = [p for p in catalogue.upcoming(today, described.region) if p.starts > described.starts]
    return Successor(starts=ahead[0].starts if ahead else None)


def first_page(content: Content, catalogue: Catalogue, clock: Clock, locale: str) -> str:
    return about_message(content, locale, successor(content, catalogue, clock.now().date(), locale))


def about_page(content: Content, catalogue: Catalogue, clock: Clock, locale: str, page: AboutPage) -> str:
    if page is AboutPage.details:
        return about_details(content, locale)
    return first_page(content, catalogue, clock, locale)


async def show_about(
    message: Message, locale: str, content: Content, catalogue: Catalogue, clock: Clock
) -> None:
    text = first_page(content, catalogue, clock, locale)
    await message.answer(text, reply_markup=about_keyboard(content, locale))


async def on_about_button(
    query: CallbackQuery,
    message: Message,
    callback_data: AboutCb,
    locale: str,
    content: Content,
    catalogue: Catalogue,
    clock: Clock,
) -> None:
    await query.answer()
    page = callback_data.page
    text = about_page(content, catalogue, clock, locale, page)
    await redraw(message, text, about_keyboard(content, locale, page))


async def on_malformed(query: CallbackQuery, locale: str) -> None:
    await query.answer(stale_button_text(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_about, Command("about"))
    router.callback_query.register(on_about_button, AboutCb.filter(), OnMessage())
    router.callback_query.register(on_malformed, F.data.startswith("about:"))
    return router
