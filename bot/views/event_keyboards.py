"""Callback data and keyboards of /event; handlers/event_create.py consumes them.

Every button of the wizard carries the prefix `evn`, each kind of press its own typed class.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import button, pickers
from bot.flows.grades import grades_keyboard
from bot.flows.org_picker import Level, OrgAct, OrgCb, back_button, everyone_button, tree_keyboard
from bot.views.event_text import kind_label
from bot.views.paging import Page
from db.models import Organisation
from domain.enums import EventKind


class EventAct(StrEnum):
    keep = "k"
    no_limit = "nl"
    confirm = "c"
    cancel = "x"


class EventDraftCb(CallbackData, prefix="evn"):
    act: EventAct


class EventKindCb(CallbackData, prefix="evn"):
    act: Literal["kd"] = "kd"
    kind: EventKind


EventOrgCb, EventPageCb, EventGradeCb = pickers("evn")


def _act(text: str, act: EventAct) -> InlineKeyboardButton:
    return button(text, EventDraftCb(act=act))


def _kind(kind: EventKind, locale: str) -> list[InlineKeyboardButton]:
    return [button(kind_label(kind, locale), EventKindCb(kind=kind))]


def cancel_row(locale: str) -> list[InlineKeyboardButton]:
    return [_act("✖️ " + _("Cancel", locale=locale), EventAct.cancel)]


def cancel_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[cancel_row(locale)])


def keep_keyboard(locale: str) -> InlineKeyboardMarkup:
    keep = _act(_("Keep as it is", locale=locale), EventAct.keep)
    return InlineKeyboardMarkup(inline_keyboard=[[keep], cancel_row(locale)])


def kind_keyboard(locale: str) -> InlineKeyboardMarkup:
    """Outside the Family Hour months: the two other kinds."""
    rows = [_kind(EventKind.SEMINAR, locale), _kind(EventKind.PARENT_CLUB, locale)]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, cancel_row(locale)])


def place_keyboard(kind: str, family_hour_month: bool, locale: str) -> InlineKeyboardMarkup:
    """In a Family Hour month the kinds not chosen yet stay a tap away while the place is asked."""
    rows = [_kind(other, locale) for other in EventKind if other != kind] if family_hour_month else []
    return InlineKeyboardMarkup(inline_keyboard=[*rows, cancel_row(locale)])


def _org(act: OrgAct, code: str) -> OrgCb:
    return EventOrgCb(act=act, code=code)


def organisations_keyboard(level: Level, page: Page[Organisation], locale: str) -> InlineKeyboardMarkup:
    nav = cancel_row(locale)
    if level.back_to is not None:
        nav = [back_button(_org, level.back_to, locale), *nav]
    head = everyone_button(_org, level.area, locale) if level.area is not None else None
    return tree_keyboard(_org, lambda n: EventPageCb(page=n), page, locale, nav, head)


def grades_keyboard_of(grades: tuple[str, ...], chosen: set[str], locale: str) -> InlineKeyboardMarkup:
    return grades_keyboard(EventGradeCb, grades, chosen, locale, cancel_row(locale))


def capacity_keyboard(locale: str) -> InlineKeyboardMarkup:
    no_limit = _act(_("No limit", locale=locale), EventAct.no_limit)
    return InlineKeyboardMarkup(inline_keyboard=[[no_limit], cancel_row(locale)])


def confirm_keyboard(locale: str) -> InlineKeyboardMarkup:
    confirm = _act("✅ " + _("Confirm", locale=locale), EventAct.confirm)
    return InlineKeyboardMarkup(inline_keyboard=[[confirm, *cancel_row(locale)]])
