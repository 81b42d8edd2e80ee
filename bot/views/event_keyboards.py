"""/event's buttons (prefix `evn`, a typed class per kind of press) and its keyboards, for
handlers/event_create.py; the rows every wizard shares come from bot/flows/buttons.py. A question's
`back` is ⬅️ Back to the step before (`BACK`), or to the menu of the summary's ✏️ Change (`TO_MENU`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows import buttons as b
from bot.flows.grades import grades_keyboard
from bot.flows.org_picker import Level, OrgAct, OrgCb, back_button, everyone_button, tree_keyboard
from bot.flows.revise import Part, ReviseAct, change_row, revise_data
from bot.views.event_text import kind_label
from bot.views.paging import Page
from bot.views.phrases import __
from db.models import Organisation
from domain.enums import EventKind


class EventAct(StrEnum):
    keep = "k"
    no_limit = "nl"
    confirm = "c"
    cancel = "x"
    back = "b"  # to the step before


class EventDraftCb(CallbackData, prefix="evn"):
    act: EventAct


class EventKindCb(CallbackData, prefix="evn"):
    act: Literal["kd"] = "kd"
    kind: EventKind


EventOrgCb, EventPageCb, EventGradeCb = b.pickers("evn")
EventReviseCb = revise_data("evn")
CANCEL, BACK = EventDraftCb(act=EventAct.cancel), EventDraftCb(act=EventAct.back)
# ⬅️ Back at a question asked again from the summary's ✏️ Change: to its menu, nothing changed.
TO_MENU = EventReviseCb(act=ReviseAct.menu)

# What ✏️ Change on the summary offers (who is invited only where the event asked). The date part keeps the
# kind it brings with it (a Family Hour month or not), so ⬅️ Back at its question puts both back.
_WHEN = ("starts_at", "kind", "family_hour_month", "family_hour_open", "kind_asked")
PARTS = (
    Part("kk", __("Topic in Kazakh"), ("topic_kk",)),
    Part("ru", __("Topic in Russian"), ("topic_ru",)),
    Part("when", __("Date and time"), _WHEN),
    Part("kind", __("Kind of meeting"), _WHEN),
    Part("place", __("Venue"), ("place", "kind")),
    Part("to", __("Invited"), ("scope", "grades", "grade_choices", "level", "page")),
    Part("places", __("Number of places"), ("capacity",)),
)


def _kind(kind: EventKind, locale: str) -> list[InlineKeyboardButton]:
    return [b.button(kind_label(kind, locale), EventKindCb(kind=kind))]


def cancel_keyboard(locale: str, back: CallbackData | None = None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[b.nav_row(CANCEL, locale, back)])


def keep_keyboard(locale: str) -> InlineKeyboardMarkup:
    return b.one_choice(_("Keep as it is", locale=locale), EventDraftCb(act=EventAct.keep), CANCEL, locale)


def kind_keyboard(
    locale: str, *, family_hour: bool = False, back: CallbackData | None = None
) -> InlineKeyboardMarkup:
    """Outside the Family Hour months: the two other kinds, and Family Hour first when the date may hold one
    (no roadmap in force holds it to its months)."""
    kinds = [EventKind.FAMILY_HOUR] if family_hour else []
    rows = [_kind(kind, locale) for kind in [*kinds, EventKind.SEMINAR, EventKind.PARENT_CLUB]]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, b.nav_row(CANCEL, locale, back)])


def place_keyboard(
    kind: str, family_hour_month: bool, locale: str, back: CallbackData
) -> InlineKeyboardMarkup:
    """In a Family Hour month the kinds not chosen yet stay a tap away while the place is asked."""
    rows = [_kind(other, locale) for other in EventKind if other != kind] if family_hour_month else []
    return InlineKeyboardMarkup(inline_keyboard=[*rows, b.nav_row(CANCEL, locale, back)])


def _org(act: OrgAct, code: str) -> OrgCb:
    return EventOrgCb(act=act, code=code)


def organisations_keyboard(
    level: Level, page: Page[Organisation], locale: str, back: CallbackData = BACK
) -> InlineKeyboardMarkup:
    """Inside an area Back goes up the tree; at the top, to `back` (the place, or the menu of Change)."""
    if level.back_to is not None:
        nav = [back_button(_org, level.back_to, locale), *b.nav_row(CANCEL, locale)]
    else:
        nav = b.nav_row(CANCEL, locale, back)
    head = everyone_button(_org, level.area, locale) if level.area is not None else None
    return tree_keyboard(_org, lambda n: EventPageCb(page=n), page, locale, nav, head)


def grades_keyboard_of(
    grades: tuple[str, ...], chosen: set[str], locale: str, back: CallbackData = BACK
) -> InlineKeyboardMarkup:
    return grades_keyboard(EventGradeCb, grades, chosen, locale, b.nav_row(CANCEL, locale, back))


def capacity_keyboard(locale: str, back: CallbackData = BACK) -> InlineKeyboardMarkup:
    no_limit = b.button(_("No limit", locale=locale), EventDraftCb(act=EventAct.no_limit))
    return InlineKeyboardMarkup(inline_keyboard=[[no_limit], b.nav_row(CANCEL, locale, back)])


def confirm_keyboard(locale: str) -> InlineKeyboardMarkup:
    """✅ Confirm and ✖️ Cancel, with ✏️ Change under them."""
    confirm = b.confirm_keyboard(EventDraftCb(act=EventAct.confirm), CANCEL, locale)
    return InlineKeyboardMarkup(inline_keyboard=[*confirm.inline_keyboard, change_row(EventReviseCb, locale)])
