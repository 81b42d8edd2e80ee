"""The way out of /invite's pickers: Back from the top of the places to the roles, and Cancel on both."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import button


class InviteNav(StrEnum):
    roles = "b"  # back to the choice of role
    cancel = "x"


class InviteNavCb(CallbackData, prefix="inv"):
    nav: InviteNav


def cancel_button(locale: str) -> InlineKeyboardButton:
    return button("✖️ " + _("Cancel", locale=locale), InviteNavCb(nav=InviteNav.cancel))


def to_roles_button(locale: str) -> InlineKeyboardButton:
    return button(_("⬅️ Back", locale=locale), InviteNavCb(nav=InviteNav.roles))


def cancelled_text(locale: str) -> str:
    return _("Cancelled. Nothing was changed.", locale=locale)
