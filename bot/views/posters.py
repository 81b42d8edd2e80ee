"""Texts of /qr: staff get a printable QR code that subscribes parents to their organisation."""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _


def choose_org_text(locale: str) -> str:
    return _("Which organisation is the QR code for?", locale=locale)


def no_orgs_in_scope_text(locale: str) -> str:
    return _("There are no schools, kindergartens or colleges in your scope yet.", locale=locale)


def qr_caption(org_name: str, link: str, locale: str) -> str:
    return _(
        "<b>{org}</b>\n"
        "QR code for parents. Print it on a poster or put it in the parents' chat: a parent scans it with "
        "the phone camera, opens the bot and ticks the child's grade, then receives this organisation's "
        "posts in Kazakh or Russian.\n{link}",
        locale=locale,
    ).format(org=escape(org_name, quote=False), link=escape(link, quote=False))


def not_in_scope_text(locale: str) -> str:
    return _("This organisation is outside your scope.", locale=locale)
