"""Callback data and keyboards of /post and of the approval of a post; handlers/post.py consumes them.

Every button of the wizard carries the prefix `pst`, each kind of press its own typed class.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows import buttons
from bot.flows.buttons import Decision, button, decision_row, nav_row, pickers
from bot.flows.grades import grades_keyboard
from bot.flows.org_picker import OrgAct, ticks_keyboard
from bot.flows.revise import Part, ReviseAct, change_row, revise_data
from bot.views.orgs import org_name
from bot.views.paging import Page
from bot.views.phrases import __
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
    back = "b"  # to the step before, from an audience picker


class PostCb(CallbackData, prefix="pst"):
    act: PostAct


class PostScopeCb(CallbackData, prefix="pst"):
    act: Literal["s"] = "s"
    code: str


class PostUrgencyCb(CallbackData, prefix="pst"):
    act: Literal["u"] = "u"
    urgency: Urgency
    paid: bool = False  # urgent, sent as a paid broadcast (an admin's, to a whole region)


PostOrgCb, PostPageCb, PostGradeCb = pickers("pst")
PostReviseCb = revise_data("pst")
CANCEL, BACK = PostCb(act=PostAct.cancel), PostCb(act=PostAct.back)
# ⬅️ Back at a question asked again from the summary's ✏️ Change: to its menu, nothing changed.
TO_MENU = PostReviseCb(act=ReviseAct.menu)

# What ✏️ Change on the summary offers (the audience only where the post asked whom it goes to).
PARTS = (
    Part("kk", __("Kazakh text"), ("text_kk",)),
    Part("ru", __("Russian text"), ("text_ru",)),
    Part("media", __("Attachment"), ("media_kind", "media_file_id")),
    Part("to", __("Recipients"), ("orgs", "grades", "grade_choices", "page")),
    Part("mode", __("Mode"), ("urgency", "paid")),
    Part("when", __("Time"), ("send_at",)),
)


class ApprovalCb(CallbackData, prefix="apr"):
    decision: Decision
    post_id: int


def _act(text: str, act: PostAct) -> InlineKeyboardButton:
    return button(text, PostCb(act=act))


def cancel_keyboard(locale: str, back: CallbackData | None = None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[nav_row(CANCEL, locale, back)])


def scope_keyboard(options: list[Organisation], locale: str) -> InlineKeyboardMarkup:
    rows = [[button(org_name(o, locale), PostScopeCb(code=o.code))] for o in options]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(CANCEL, locale)])


def keep_keyboard(locale: str, back: CallbackData | None = None) -> InlineKeyboardMarkup:
    """Keep as it is (a text warned about, or one come back to with ⬅️ Back), over ⬅️ Back and ✖️ Cancel."""
    keep = button(_("Keep as it is", locale=locale), PostCb(act=PostAct.keep))
    return InlineKeyboardMarkup(inline_keyboard=[[keep], nav_row(CANCEL, locale, back)])


def media_keyboard(
    locale: str, back: CallbackData | None = BACK, *, keep: bool = False
) -> InlineKeyboardMarkup:
    """No attachment (and Keep as it is, come back to it with ⬅️ Back), over ⬅️ Back and ✖️ Cancel."""
    none = button(_("No attachment", locale=locale), PostCb(act=PostAct.no_media))
    kept = [button(_("Keep as it is", locale=locale), PostCb(act=PostAct.keep))] if keep else []
    return InlineKeyboardMarkup(inline_keyboard=[[none, *kept], nav_row(CANCEL, locale, back)])


def _org(act: OrgAct, code: str) -> CallbackData:
    return PostOrgCb(act=act, code=code)


def orgs_keyboard(
    scope: Organisation, page: Page[Organisation], chosen: set[str], locale: str, back: CallbackData = BACK
) -> InlineKeyboardMarkup:
    done = _act("✅ " + _("Done", locale=locale), PostAct.orgs_done)
    nav = nav_row(CANCEL, locale, back)
    return ticks_keyboard(_org, lambda n: PostPageCb(page=n), scope, page, chosen, done, locale, nav)


def grades_keyboard_of(
    grades: tuple[str, ...], chosen: set[str], locale: str, back: CallbackData = BACK
) -> InlineKeyboardMarkup:
    return grades_keyboard(PostGradeCb, grades, chosen, locale, nav_row(CANCEL, locale, back))


def urgency_keyboard(
    may_urgent: bool, locale: str, *, may_paid: bool = False, back: CallbackData | None = None
) -> InlineKeyboardMarkup:
    rows = [
        [button(_("Normal", locale=locale), PostUrgencyCb(urgency=Urgency.NORMAL))],
        [button(_("Silent", locale=locale), PostUrgencyCb(urgency=Urgency.SILENT))],
    ]
    if may_urgent:
        rows.append([button("⚡ " + _("Urgent", locale=locale), PostUrgencyCb(urgency=Urgency.URGENT))])
    if may_urgent and may_paid:
        paid = PostUrgencyCb(urgency=Urgency.URGENT, paid=True)
        rows.append([button("⚡💫 " + _("Urgent, paid broadcast", locale=locale), paid)])
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(CANCEL, locale, back)])


def when_keyboard(locale: str, back: CallbackData | None = None) -> InlineKeyboardMarkup:
    now = _act(_("Now", locale=locale), PostAct.now)
    later = _act(_("At a set time", locale=locale), PostAct.later)
    return InlineKeyboardMarkup(inline_keyboard=[[now, later], nav_row(CANCEL, locale, back)])


def confirm_keyboard(locale: str) -> InlineKeyboardMarkup:
    """✅ Confirm and ✖️ Cancel, with ✏️ Change under them."""
    confirm = buttons.confirm_keyboard(PostCb(act=PostAct.confirm), CANCEL, locale)
    return InlineKeyboardMarkup(inline_keyboard=[*confirm.inline_keyboard, change_row(PostReviseCb, locale)])


def approval_keyboard(post_id: int, locale: str) -> InlineKeyboardMarkup:
    row = decision_row(lambda decision: ApprovalCb(decision=decision, post_id=post_id), locale)
    return InlineKeyboardMarkup(inline_keyboard=[row])
