"""Callback data and keyboards of /lessons (age groups, topics and their files) and /memos (categories,
memos and the files staff attached to them)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.content import AgeGroup, Content, Memo
from bot.flows.buttons import button
from bot.views.lessons import material_label
from bot.views.navigation import menu_button
from bot.views.paging import page_arrows, paginate
from bot.views.rows import column
from db.models import Material

# Material buttons per page: a phone shows a keyboard this long without scrolling far.
MATERIALS_PER_PAGE = 10


class LessonAction(StrEnum):
    groups = "g"
    group = "a"
    topic = "t"
    material = "f"


class LessonCb(CallbackData, prefix="les"):
    action: LessonAction
    slug: str = ""
    material: int = 0


class LessonPageCb(CallbackData, prefix="lesp"):
    """Another page of a topic's material buttons (a topic with many files)."""

    slug: str
    page: int = 0


class MemoAction(StrEnum):
    categories = "c"
    category = "k"
    show = "m"
    pdf = "p"


class MemoCb(CallbackData, prefix="memo"):
    action: MemoAction
    slug: str = ""


def groups_keyboard(content: Content, locale: str) -> InlineKeyboardMarkup:
    return column(
        (
            button(g.get(locale).title, LessonCb(action=LessonAction.group, slug=g.slug))
            for g in content.lessons.groups
        ),
        [menu_button(locale)],
    )


def group_keyboard(group: AgeGroup, locale: str) -> InlineKeyboardMarkup:
    topics = (
        button(t.get(locale).label, LessonCb(action=LessonAction.topic, slug=t.slug)) for t in group.topics
    )
    back = button(_("⬅️ Age groups", locale=locale), LessonCb(action=LessonAction.groups))
    return column(topics, [back, menu_button(locale)])


def material_button(material: Material, locale: str) -> InlineKeyboardButton:
    label = material_label(material, locale)
    if material.url and not material.file_id:
        return InlineKeyboardButton(text=label, url=material.url)
    # Only the id travels: the title, language and file are looked up again on the press.
    return button(label, LessonCb(action=LessonAction.material, material=material.id))


def topic_keyboard(
    group: AgeGroup, topic_slug: str, materials: list[Material], locale: str, page_number: int = 0
) -> InlineKeyboardMarkup:
    page = paginate(materials, page_number, MATERIALS_PER_PAGE)
    arrows = page_arrows(page, lambda n: LessonPageCb(slug=topic_slug, page=n))
    back = button(_("⬅️ Other topics", locale=locale), LessonCb(action=LessonAction.group, slug=group.slug))
    return column((material_button(m, locale) for m in page.items), arrows, [back])


def categories_keyboard(content: Content, locale: str) -> InlineKeyboardMarkup:
    return column(
        (
            button(c.title(locale), MemoCb(action=MemoAction.category, slug=c.slug))
            for c in content.memos.categories
        ),
        [menu_button(locale)],
    )


def category_keyboard(content: Content, category: str, locale: str) -> InlineKeyboardMarkup:
    memos = content.memos_in(category)
    shown = (button(m.get(locale).label, MemoCb(action=MemoAction.show, slug=m.slug)) for m in memos)
    back = button(_("⬅️ Topics", locale=locale), MemoCb(action=MemoAction.categories))
    return column(shown, [back, menu_button(locale)])


def memo_keyboard(memo: Memo, locale: str, materials: Sequence[Material] = ()) -> InlineKeyboardMarkup:
    """Files staff attached to this memo (approved ones only, the reader's language first), Share, PDF and
    Back, one a row."""
    # The share button opens the chat picker with "@bot <title>" typed: the friend gets the same memo.
    share = InlineKeyboardButton(
        text=_("📤 Share", locale=locale), switch_inline_query=memo.get(locale).title[:200]
    )
    pdf = button(_("🖨 PDF for printing", locale=locale), MemoCb(action=MemoAction.pdf, slug=memo.slug))
    back = button(_("⬅️ More memos", locale=locale), MemoCb(action=MemoAction.category, slug=memo.category))
    return column([*(material_button(m, locale) for m in materials[:MATERIALS_PER_PAGE]), share, pdf, back])
