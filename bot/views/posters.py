"""Texts, callback data and keyboards of /qr: staff get a printable QR code that subscribes parents to their
organisation."""

from __future__ import annotations

from enum import StrEnum
from html import escape

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows.org_picker import Level, OrgAct, back_button, tree_keyboard
from bot.views.orgs import org_name
from bot.views.paging import paginate
from bot.views.phrases import __
from domain.enums import OrgKind

choose_org_text = __("Which organisation is the QR code for?")
no_orgs_in_scope_text = __("There are no schools, kindergartens or colleges in your scope yet.")


def qr_caption(org_name: str, kind: str, link: str, locale: str) -> str:
    """What the code does for a parent: at a school they tick the child's grade; a kindergarten or a college
    has one grade, so they only confirm the subscription (handlers/subscribe.py)."""
    if kind == OrgKind.SCHOOL:
        text = _(
            "<b>{org}</b>\n"
            "QR code for parents. Print it on a poster or put it in the parents' chat: a parent scans it "
            "with the phone camera, opens the bot and ticks the child's grade, then receives this "
            "organisation's posts in Kazakh or Russian.\n{link}",
            locale=locale,
        )
    else:
        text = _(
            "<b>{org}</b>\n"
            "QR code for parents. Print it on a poster or put it in the parents' chat: a parent scans it "
            "with the phone camera, opens the bot and confirms the subscription, then receives this "
            "organisation's posts in Kazakh or Russian.\n{link}",
            locale=locale,
        )
    return text.format(org=escape(org_name, quote=False), link=escape(link, quote=False))


not_in_scope_text = __("This organisation is outside your scope.")


class QrAction(StrEnum):
    browse = "b"  # code "" = the tops of the user's scope
    make = "m"


class QrCb(CallbackData, prefix="qr"):
    action: QrAction
    code: str = ""
    page: int = 0


def _org(act: OrgAct, code: str) -> QrCb:
    return QrCb(action=QrAction.make if act is OrgAct.pick else QrAction.browse, code=code)


def choice_screen(level: Level, page: int, locale: str) -> tuple[str, InlineKeyboardMarkup]:
    """The organisations of one screen of the tree to choose from, or why there is none, with Back."""
    nav = [back_button(_org, level.back_to, locale)] if level.back_to is not None else []
    if not level.items:
        return no_orgs_in_scope_text(locale), InlineKeyboardMarkup(inline_keyboard=[nav] if nav else [])
    text = choose_org_text(locale)
    if level.area is not None:
        text += f"\n<b>{escape(org_name(level.area, locale))}</b>"
    code = level.area.code if level.area is not None else ""
    shown = paginate(level.items, page)
    return text, tree_keyboard(
        _org, lambda n: QrCb(action=QrAction.browse, code=code, page=n), shown, locale, nav, folder=""
    )
