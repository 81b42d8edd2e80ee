"""Callback data and keyboards of /upload and of the review of proposed materials.

Every button of the wizard carries the prefix `mup`, each kind of press its own typed class. Every question
after the first has ⬅️ Back (to the step before, or to the menu of ✏️ Change for a part's first question) and
✖️ Cancel.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.content import AgeGroup, Content
from bot.flows import buttons
from bot.flows.buttons import Decision, button, decision_row, nav_row
from bot.flows.revise import Part, ReviseAct, change_row, revise_data
from bot.i18n import LANGUAGE_NAMES
from bot.views.paging import short
from bot.views.phrases import __

# Long labels are cut on the buttons only; the full title is kept.
BUTTON_LABEL = 48


class UploadAct(StrEnum):
    lesson = "l"
    memo = "m"
    pending = "pd"
    suggested_title = "ti"  # not `title`, which would hide str.title
    confirm = "ok"
    cancel = "x"
    back = "bk"  # ⬅️ Back: the step before


class UploadCb(CallbackData, prefix="mup"):
    act: UploadAct


class Pick(StrEnum):
    group = "g"
    topic = "t"
    category = "c"
    memo = "p"
    age = "a"


class UploadPickCb(CallbackData, prefix="mup"):
    """A content item by its slug; for `age`, "" means every age."""

    act: Pick
    slug: str


class UploadLanguageCb(CallbackData, prefix="mup"):
    act: Literal["lg"] = "lg"
    language: Literal["kk", "ru", "both"]


class ReviewCb(CallbackData, prefix="mrv"):
    decision: Decision
    material_id: int


def _act(text: str, act: UploadAct) -> InlineKeyboardButton:
    return button(text, UploadCb(act=act))


def _pick(title: str, act: Pick, slug: str) -> list[InlineKeyboardButton]:
    return [button(short(title, BUTTON_LABEL), UploadPickCb(act=act, slug=slug))]


CANCEL, BACK = UploadCb(act=UploadAct.cancel), UploadCb(act=UploadAct.back)
UploadReviseCb = revise_data("mup")
# ⬅️ Back at the first question of a part changed from the summary: to the menu of ✏️ Change, nothing changed.
TO_MENU = UploadReviseCb(act=ReviseAct.menu)
# What the draft keeps of the file or link (bot/materials/intake.py).
FILE_KEYS = (
    "kind",
    "media_type",
    "mime_type",
    "file_id",
    "file_unique_id",
    "file_name",
    "file_size",
    "checksum",
    "url",
    "suggested_title",
)
# What ✏️ Change on the summary offers (the age only for a memo: a lesson topic has its age group).
PARTS = (
    Part("for", __("Section"), ("way", "target", "slug", "age_group", "group", "category")),
    Part("file", __("File or link"), FILE_KEYS),
    Part("titles", __("Language and title"), ("language", "title", "title_ru")),
    Part("age", __("Age group"), ("age_group",)),
)


def _markup(
    rows: list[list[InlineKeyboardButton]], locale: str, back: CallbackData | None = BACK
) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(CANCEL, locale, back)])


def cancel_keyboard(locale: str, back: CallbackData | None = None) -> InlineKeyboardMarkup:
    """✖️ Cancel (under a refusal), with ⬅️ Back under a question answered by typing."""
    return _markup([], locale, back)


def target_keyboard(pending: int, locale: str, back: CallbackData | None = None) -> InlineKeyboardMarkup:
    rows = [
        [_act("📚 " + _("Lesson topic", locale=locale), UploadAct.lesson)],
        [_act("📝 " + _("Memo", locale=locale), UploadAct.memo)],
    ]
    if pending:
        rows.append([_act(_("📥 Awaiting review: {n}", locale=locale).format(n=pending), UploadAct.pending)])
    return _markup(rows, locale, back)


def groups_keyboard(content: Content, locale: str) -> InlineKeyboardMarkup:
    rows = [_pick(g.get(locale).title, Pick.group, g.slug) for g in content.lessons.groups]
    return _markup(rows, locale)


def topics_keyboard(group: AgeGroup, locale: str) -> InlineKeyboardMarkup:
    return _markup([_pick(t.get(locale).title, Pick.topic, t.slug) for t in group.topics], locale)


def categories_keyboard(content: Content, locale: str) -> InlineKeyboardMarkup:
    rows = [_pick(c.title(locale), Pick.category, c.slug) for c in content.memos.categories]
    return _markup(rows, locale)


def memos_keyboard(content: Content, category: str, locale: str) -> InlineKeyboardMarkup:
    rows = [_pick(m.get(locale).title, Pick.memo, m.slug) for m in content.memos_in(category)]
    return _markup(rows, locale)


def language_keyboard(locale: str, back: CallbackData = BACK) -> InlineKeyboardMarkup:
    kk = button(LANGUAGE_NAMES["kk"], UploadLanguageCb(language="kk"))
    ru = button(LANGUAGE_NAMES["ru"], UploadLanguageCb(language="ru"))
    both = button(_("Both languages", locale=locale), UploadLanguageCb(language="both"))
    return _markup([[kk, ru], [both]], locale, back)


def title_keyboard(suggestion: str | None, locale: str) -> InlineKeyboardMarkup:
    rows = [[_act(f"«{short(suggestion, BUTTON_LABEL)}»", UploadAct.suggested_title)]] if suggestion else []
    return _markup(rows, locale)


def age_keyboard(content: Content, locale: str, back: CallbackData = BACK) -> InlineKeyboardMarkup:
    rows = [_pick(g.get(locale).title, Pick.age, g.slug) for g in content.lessons.groups]
    rows.append(_pick(_("All ages", locale=locale), Pick.age, ""))
    return _markup(rows, locale, back)


def confirm_keyboard(locale: str) -> InlineKeyboardMarkup:
    """✅ Confirm and ✖️ Cancel, with ✏️ Change under them."""
    confirm = buttons.confirm_keyboard(UploadCb(act=UploadAct.confirm), CANCEL, locale)
    return InlineKeyboardMarkup(
        inline_keyboard=[*confirm.inline_keyboard, change_row(UploadReviseCb, locale)]
    )


def review_keyboard(material_id: int, locale: str) -> InlineKeyboardMarkup:
    row = decision_row(lambda decision: ReviewCb(decision=decision, material_id=material_id), locale)
    return InlineKeyboardMarkup(inline_keyboard=[row])
