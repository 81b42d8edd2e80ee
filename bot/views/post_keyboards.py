"""Callback data and keyboards of /post and of the approval of a post; handlers/post.py consumes them.

Every button of the wizard carries the prefix `pst`, each kind of press its own typed class.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import Decision, button, decision_row, pickers
from bot.flows.grades import grades_keyboard
from bot.flows.org_picker import OrgAct, ticks_keyboard
from bot.views.orgs import org_name
from bot.views.paging import Page
from db.models import Organisation
from domain.enums import Urgency


class PostAct(StrEnum):
    keep = "k"
    no_media = "nm"
    orgs_done = "od"
    now = "n"
    later = "l"
    confirm = "c"
    cancel = "x"


class PostCb(CallbackData, prefix="pst"):
    act: PostAct


class PostScopeCb(CallbackData, prefix="pst"):
    act: Literal["s"] = "s"
    code: str


class PostUrgencyCb(CallbackData, prefix="pst"):
    act: Literal["u"] = "u"
    urgency: Urgency


PostOrgCb, PostPageCb, PostGradeCb = pickers("pst")


class ApprovalCb(CallbackData, prefix="apr"):
    decision: Decision
    post_id: int


def _act(text: str, act: PostAct) -> InlineKeyboardButton:
    return button(text, PostCb(act=act))


def cancel_row(locale: str) -> list[InlineKeyboardButton]:
    return [_act("✖️ " + _("Cancel", locale=locale), PostAct.cancel)]


def cancel_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[cancel_row(locale)])


def scope_keyboard(options: list[Organisation], locale: str) -> InlineKeyboardMarkup:
    rows = [[button(org_name(o, locale), PostScopeCb(code=o.code))] for o in options]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, cancel_row(locale)])


def keep_keyboard(locale: str) -> InlineKeyboardMarkup:
    keep = _act(_("Keep as it is", locale=locale), PostAct.keep)
    return InlineKeyboardMarkup(inline_keyboard=[[keep], cancel_row(locale)])


def media_keyboard(locale: str) -> InlineKeyboardMarkup:
    none = _act(_("No attachment", locale=locale), PostAct.no_media)
    return InlineKeyboardMarkup(inline_keyboard=[[none], cancel_row(locale)])


def _org(act: OrgAct, code: str) -> CallbackData:
    return PostOrgCb(act=act, code=code)


def orgs_keyboard(
    scope: Organisation, page: Page[Organisation], chosen: set[str], locale: str
) -> InlineKeyboardMarkup:
    done = _act("✅ " + _("Done", locale=locale), PostAct.orgs_done)
    nav = cancel_row(locale)
    return ticks_keyboard(_org, lambda n: PostPageCb(page=n), scope, page, chosen, done, locale, nav)


def grades_keyboard_of(grades: tuple[str, ...], chosen: set[str], locale: str) -> InlineKeyboardMarkup:
    return grades_keyboard(PostGradeCb, grades, chosen, locale, cancel_row(locale))


def urgency_keyboard(may_urgent: bool, locale: str) -> InlineKeyboardMarkup:
    rows = [
        [button(_("Normal", locale=locale), PostUrgencyCb(urgency=Urgency.NORMAL))],
        [button(_("Silent", locale=locale), PostUrgencyCb(urgency=Urgency.SILENT))],
    ]
    if may_urgent:
        rows.append([button("⚡ " + _("Urgent", locale=locale), PostUrgencyCb(urgency=Urgency.URGENT))])
    return InlineKeyboardMarkup(inline_keyboard=[*rows, cancel_row(locale)])


def when_keyboard(locale: str) -> InlineKeyboardMarkup:
    now = _act(_("Now", locale=locale), PostAct.now)
    later = _act(_("At a set time", locale=locale), PostAct.later)
    return InlineKeyboardMarkup(inline_keyboard=[[now, later], cancel_row(locale)])


def confirm_keyboard(locale: str) -> InlineKeyboardMarkup:
    confirm = _act("✅ " + _("Confirm", locale=locale), PostAct.confirm)
    return InlineKeyboardMarkup(inline_keyboard=[[confirm, *cancel_row(locale)]])


def approval_keyboard(post_id: int, locale: str) -> InlineKeyboardMarkup:
    row = decision_row(lambda decision: ApprovalCb(decision=decision, post_id=post_id), locale)
    return InlineKeyboardMarkup(inline_keyboard=[row])
