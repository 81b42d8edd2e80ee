"""/lessons: the "Personal safety" lessons by age group; a topic arrives as its own message with its files."""

from __future__ import annotations

from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.content import AgeGroup, Content
from bot.views.lessons import group_text, lessons_intro, topic_message
from bot.views.menu import stale_button_text
from db.models import Material
from db.repositories import Repositories
from handlers.navigation import menu_button


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
            text=topic.get(locale).title, callback_data=LessonCb(action=LessonAction.topic, slug=topic.slug)
        )
    kb.adjust(1)
    kb.row(
        InlineKeyboardButton(
            text=_("⬅️ Age groups", locale=locale), callback_data=LessonCb(action=LessonAction.groups).pack()
        ),
        menu_button(locale),
    )
    return kb.as_markup()


def topic_keyboard(group: AgeGroup, materials: list[Material], locale: str) -> InlineKeyboardMarkup:
    rows = []
    for material in materials:
        mark = "" if material.language == locale else f" ({material.language})"
        if material.url:
            rows.append([InlineKeyboardButton(text=f"🔗 {material.title}{mark}", url=material.url)])
        else:
            data = LessonCb(action=LessonAction.material, material=material.id).pack()
            rows.append([InlineKeyboardButton(text=f"📎 {material.title}{mark}", callback_data=data)])
    rows.append(
        [
            InlineKeyboardButton(
                text=_("⬅️ Other topics", locale=locale),
                callback_data=LessonCb(action=LessonAction.group, slug=group.slug).pack(),
            )
        ]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def show_groups(message: Message, locale: str, content: Content) -> None:
    await message.answer(lessons_intro(content, locale), reply_markup=groups_keyboard(content, locale))


async def on_lesson_button(
    query: CallbackQuery, callback_data: LessonCb, locale: str, content: Content, repo: Repositories
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
        materials = await repo.materials.for_topic(topic.slug, locale)
        await query.answer()
        await query.message.answer(
            topic_message(group, topic, locale), reply_markup=topic_keyboard(group, materials, locale)
        )
        return
    material = await repo.materials.get(callback_data.material)
    if material is None or material.file_id is None:
        await query.answer(stale_button_text(locale))
        return
    await query.answer()
    note = None
    if material.language != locale:
        note = _("This material exists only in the other language for now.", locale=locale)
    await query.message.answer_document(material.file_id, caption=note)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_groups, Command("lessons"))
    router.callback_query.register(on_lesson_button, LessonCb.filter(), F.message)
    return router
