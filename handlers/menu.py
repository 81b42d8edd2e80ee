"""The main menu and the screens it opens by editing one message."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.clock import Clock
from bot.commands import Audience, CommandsPublisher, audience_in
from bot.content import Content
from bot.filters import OnMessage
from bot.measures import Catalogue
from bot.views.helplines import helplines_message, sos_message
from bot.views.lessons import lessons_intro
from bot.views.library_keyboards import categories_keyboard, groups_keyboard
from bot.views.memos import memos_intro
from bot.views.menu import help_text, menu_text
from bot.views.navigation import MenuCb, Screen, main_menu_keyboard
from bot.views.privacy import privacy_screen
from db.repositories import Repositories
from handlers.about import about_keyboard, first_page
from handlers.familyhour import familyhour_screens
from handlers.helplines import helplines_keyboard, sos_keyboard
from handlers.language import language_keyboard, language_prompt
from handlers.privacy import privacy_keyboard


async def show_menu(message: Message, locale: str) -> None:
    await message.answer(menu_text(locale), reply_markup=main_menu_keyboard(locale))


async def show_help(message: Message, locale: str, repo: Repositories, commands: CommandsPublisher) -> None:
    # Read afresh like the staff filter does: a role granted or removed a second ago counts.
    audience = (
        await audience_in(repo, message.from_user.id, commands.admin_ids)
        if message.from_user
        else Audience.EVERYONE
    )
    await message.answer(help_text(locale, audience), reply_markup=main_menu_keyboard(locale))


def screen_view(
    screen: Screen, locale: str, content: Content, catalogue: Catalogue, clock: Clock
) -> tuple[str, InlineKeyboardMarkup]:
    if screen is Screen.memos:
        return memos_intro(locale), categories_keyboard(content, locale)
    if screen is Screen.lessons:
        return lessons_intro(content, locale), groups_keyboard(content, locale)
    if screen is Screen.about:
        return first_page(content, catalogue, clock, locale), about_keyboard(content, locale)
    if screen is Screen.sos:
        return sos_message(locale), sos_keyboard(locale)
    if screen is Screen.helplines:
        return helplines_message(content.helplines, locale), helplines_keyboard(locale)
    if screen is Screen.language:
        return language_prompt(), language_keyboard(locale)
    if screen is Screen.privacy:
        return privacy_screen(content, locale), privacy_keyboard(locale)
    return menu_text(locale), main_menu_keyboard(locale)


async def open_screen(
    query: CallbackQuery,
    message: Message,
    callback_data: MenuCb,
    locale: str,
    content: Content,
    catalogue: Catalogue,
    clock: Clock,
    repo: Repositories,
) -> None:
    if callback_data.screen is Screen.familyhour:
        # The parent's own events come with the page, as with /familyhour.
        screens = await familyhour_screens(repo, query.from_user.id, content, catalogue, clock, locale)
    else:
        screens = [screen_view(callback_data.screen, locale, content, catalogue, clock)]
    await query.answer()
    (text, markup), *more = screens
    await message.edit_text(text, reply_markup=markup)
    for text, markup in more:
        await message.answer(text, reply_markup=markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_menu, Command("menu"))
    router.message.register(show_help, Command("help"))
    router.callback_query.register(open_screen, MenuCb.filter(), OnMessage())
    return router
