"""/lessons: the "Personal safety" lessons by age group; a topic arrives as its own message with its files.

A file is sent again by the file_id Telegram gave it on upload, so it never travels through the bot twice.
"""

from __future__ import annotations

import contextlib
import logging
from enum import StrEnum

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content import AgeGroup, Content, Topic
from bot.flows.buttons import button
from bot.materials.reach import reader_reach
from bot.materials.sending import send_material_to
from bot.settings import Settings
from bot.views.lessons import (
    group_text,
    lessons_intro,
    link_text,
    material_caption,
    material_gone_text,
    material_label,
    topic_message,
    with_materials_hint,
)
from bot.views.menu import stale_button_text
from bot.views.paging import arrow_rows, paginate
from db.models import Material
from db.repositories import Repositories
from handlers.access import load_access
from handlers.navigation import menu_button

log = logging.getLogger(__name__)


class LessonAction(StrEnum):
    groups = "g"
    group = "a"
    topic = "t"
    material = "f"


class LessonCb(CallbackData, prefix="les"):
    action: LessonAction
    slug: str = ""
    material: int = 0


def groups_keyboard(content: Content, locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for group in content.lessons.groups:
        kb.button(
            text=group.get(locale).title, callback_data=LessonCb(action=LessonAction.group, slug=group.slug)
        )
    kb.adjust(1)
    kb.row(menu_button(locale))
    return kb.as_markup()


def group_keyboard(group: AgeGroup, locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for topic in group.topics:
        kb.button(
            text=topic.get(locale).label, callback_data=LessonCb(action=LessonAction.topic, slug=topic.slug)
        )
    kb.adjust(1)
    kb.row(
        InlineKeyboardButton(
            text=_("⬅️ Age groups", locale=locale), callback_data=LessonCb(action=LessonAction.groups).pack()
        ),
        menu_button(locale),
    )
    return kb.as_markup()


# Material buttons per page: a phone shows a keyboard this long without scrolling far.
MATERIALS_PER_PAGE = 10


class LessonPageCb(CallbackData, prefix="lesp"):
    """Another page of a topic's material buttons (a topic with many files)."""

    slug: str
    page: int = 0


def material_button(material: Material, locale: str) -> InlineKeyboardButton:
    label = material_label(material, locale)
    if material.url and not material.file_id:
        return InlineKeyboardButton(text=label, url=material.url)
    # Only the id travels: the title, language and file are looked up again on the press.
    data = LessonCb(action=LessonAction.material, material=material.id).pack()
    return InlineKeyboardButton(text=label, callback_data=data)


def topic_keyboard(
    group: AgeGroup, topic: Topic, materials: list[Material], locale: str, page_number: int = 0
) -> InlineKeyboardMarkup:
    page = paginate(materials, page_number, MATERIALS_PER_PAGE)
    rows = [[material_button(material, locale)] for material in page.items]
    rows += arrow_rows(page, lambda n: LessonPageCb(slug=topic.slug, page=n))
    back = LessonCb(action=LessonAction.group, slug=group.slug)
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [button(_("⬅️ Other topics", locale=locale), back)]])


async def show_groups(message: Message, locale: str, content: Content) -> None:
    await message.answer(lessons_intro(content, locale), reply_markup=groups_keyboard(content, locale))


async def reach_of(query: CallbackQuery, repo: Repositories, settings: Settings) -> set[str] | None:
    """The territories whose materials this reader gets (see bot/materials/reach.py)."""
    user_id = query.from_user.id
    return await reader_reach(user_id, await load_access(repo, user_id, settings.admin_ids), repo)


async def on_lesson_button(
    query: CallbackQuery,
    callback_data: LessonCb,
    locale: str,
    content: Content,
    repo: Repositories,
    settings: Settings,
) -> None:
    if not isinstance(query.message, Message):
        await query.answer()
        return
    action = callback_data.action
    if action is LessonAction.groups:
        await query.answer()
        await query.message.edit_text(
            lessons_intro(content, locale), reply_markup=groups_keyboard(content, locale)
        )
        return
    if action is LessonAction.group:
        group = content.age_group(callback_data.slug)
        if group is None:
            await query.answer(stale_button_text(locale))
            return
        await query.answer()
        await query.message.edit_text(group_text(group, locale), reply_markup=group_keyboard(group, locale))
        return
    if action is LessonAction.topic:
        found = content.topic(callback_data.slug)
        if found is None:
            await query.answer(stale_button_text(locale))
            return
        group, topic = found
        materials = await repo.material_catalogue.for_topic(
            topic.slug, locale, await reach_of(query, repo, settings)
        )
        await query.answer()
        await query.message.answer(
            with_materials_hint(topic_message(group, topic, locale), len(materials), locale),
            reply_markup=topic_keyboard(group, topic, materials, locale),
        )
        return
    reach = await reach_of(query, repo, settings)
    await send_chosen_material(query, query.message, callback_data.material, locale, repo, reach)


async def send_chosen_material(
    query: CallbackQuery,
    message: Message,
    material_id: int,
    locale: str,
    repo: Repositories,
    reach: set[str] | None,
) -> None:
    # The id comes from the client: removed, pending, rejected, made-up ids and another territory's all end
    # here.
    material = await repo.material_catalogue.approved(material_id, reach)
    if material is None or (material.file_id is None and not material.url):
        await query.answer(material_gone_text(locale))
        return
    await query.answer()
    if material.file_id is None:
        await message.answer(link_text(material))
        return
    try:
        await send_material_to(message, material, material_caption(material, locale))
    except TelegramBadRequest as error:
        # A file_id Telegram no longer knows: the reader gets a word, the log the material's id.
        log.warning("material %s could not be sent: %s", material.id, error.message)
        await message.answer(material_gone_text(locale))


async def on_materials_page(
    query: CallbackQuery,
    callback_data: LessonPageCb,
    locale: str,
    content: Content,
    repo: Repositories,
    settings: Settings,
) -> None:
    found = content.topic(callback_data.slug)
    if found is None or not isinstance(query.message, Message):
        await query.answer(stale_button_text(locale))
        return
    group, topic = found
    reach = await reach_of(query, repo, settings)
    materials = await repo.material_catalogue.for_topic(topic.slug, locale, reach)
    await query.answer()
    markup = topic_keyboard(group, topic, materials, locale, callback_data.page)
    # Compared as data: a repeated press must not ask Telegram for an edit that changes nothing.
    shown = query.message.reply_markup.model_dump(exclude_none=True) if query.message.reply_markup else None
    if shown != markup.model_dump(exclude_none=True):
        with contextlib.suppress(TelegramBadRequest):  # two quick presses: the first already drew it
            await query.message.edit_reply_markup(reply_markup=markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_groups, Command("lessons"))
    router.callback_query.register(on_lesson_button, LessonCb.filter(), F.message)
    router.callback_query.register(on_materials_page, LessonPageCb.filter())
    return router
