"""/memos: safety memos by category; a memo arrives as its own message, easy to forward or share."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from enum import StrEnum

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content import Content, Memo
from bot.printable import memo_pdf
from bot.settings import Settings
from bot.views.memos import category_text, memo_message, memos_intro
from bot.views.menu import stale_button_text
from db.models import Material
from db.repositories import Repositories
from domain.enums import MaterialTarget
from handlers.lessons import MATERIALS_PER_PAGE, material_button, reach_of
from handlers.navigation import menu_button


class MemoAction(StrEnum):
    categories = "c"
    category = "k"
    show = "m"
    pdf = "p"


class MemoCb(CallbackData, prefix="memo"):
    action: MemoAction
    slug: str = ""


def categories_keyboard(content: Content, locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for category in content.memos.categories:
        kb.button(
            text=category.title(locale), callback_data=MemoCb(action=MemoAction.category, slug=category.slug)
        )
    kb.adjust(1)
    kb.row(menu_button(locale))
    return kb.as_markup()


def category_keyboard(content: Content, category: str, locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for memo in content.memos_in(category):
        kb.button(text=memo.get(locale).label, callback_data=MemoCb(action=MemoAction.show, slug=memo.slug))
    kb.adjust(1)
    kb.row(
        InlineKeyboardButton(
            text=_("⬅️ Topics", locale=locale), callback_data=MemoCb(action=MemoAction.categories).pack()
        ),
        menu_button(locale),
    )
    return kb.as_markup()


def memo_keyboard(memo: Memo, locale: str, materials: Sequence[Material] = ()) -> InlineKeyboardMarkup:
    # The share button opens the chat picker with "@bot <title>" typed: the friend gets the same memo.
    share = InlineKeyboardButton(
        text=_("📤 Share", locale=locale), switch_inline_query=memo.get(locale).title[:200]
    )
    pdf = InlineKeyboardButton(
        text=_("🖨 PDF for printing", locale=locale),
        callback_data=MemoCb(action=MemoAction.pdf, slug=memo.slug).pack(),
    )
    back = InlineKeyboardButton(
        text=_("⬅️ More memos", locale=locale),
        callback_data=MemoCb(action=MemoAction.category, slug=memo.category).pack(),
    )
    # Files staff attached to this memo (approved ones only), the reader's language first.
    files = [[material_button(m, locale)] for m in materials[:MATERIALS_PER_PAGE]]
    return InlineKeyboardMarkup(inline_keyboard=[*files, [share], [pdf], [back]])


async def show_categories(message: Message, locale: str, content: Content) -> None:
    await message.answer(memos_intro(locale), reply_markup=categories_keyboard(content, locale))


async def send_printable(message: Message, bot: Bot, memo: Memo, locale: str) -> None:
    me = await bot.me()
    # Rendering takes a tenth of a second or more of CPU: off the event loop.
    data = await asyncio.to_thread(memo_pdf, memo, locale, f"https://t.me/{me.username}")
    await message.answer_document(
        BufferedInputFile(data, filename=f"{memo.slug}_{locale}.pdf"),
        caption=_("A one-page A4 memo for a school stand or a parent meeting.", locale=locale),
    )


async def on_memo_button(
    query: CallbackQuery,
    callback_data: MemoCb,
    locale: str,
    content: Content,
    bot: Bot,
    repo: Repositories,
    settings: Settings,
) -> None:
    if not isinstance(query.message, Message):
        await query.answer()
        return
    if callback_data.action is MemoAction.categories:
        await query.answer()
        await query.message.edit_text(memos_intro(locale), reply_markup=categories_keyboard(content, locale))
        return
    if callback_data.action is MemoAction.category:
        category = content.category(callback_data.slug)
        if category is None:
            await query.answer(stale_button_text(locale))
            return
        await query.answer()
        await query.message.edit_text(
            category_text(category, locale), reply_markup=category_keyboard(content, category.slug, locale)
        )
        return
    memo = content.memo(callback_data.slug)
    if memo is None:
        await query.answer(stale_button_text(locale))
        return
    await query.answer()
    if callback_data.action is MemoAction.pdf:
        await send_printable(query.message, bot, memo, locale)
        return
    reach = await reach_of(query, repo, settings)
    materials = await repo.material_catalogue.for_topic(memo.slug, locale, reach, target=MaterialTarget.MEMO)
    markup = memo_keyboard(memo, locale, materials)
    await query.message.answer(memo_message(memo, locale), reply_markup=markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_categories, Command("memos"))
    router.callback_query.register(on_memo_button, MemoCb.filter(), F.message)
    return router
