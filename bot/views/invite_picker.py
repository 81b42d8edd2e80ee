"""The way out of /invite's pickers: Back from the top of the places to the roles, and Cancel on both."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import button
from bot.views.phrases import cancelled_unchanged


class InviteNav(StrEnum):
    roles = "b"  # back to the choice of role
    cancel = "x"


class InviteNavCb(CallbackData, prefix="inv"):
    nav: InviteNav


def cancel_button(locale: str) -> InlineKeyboardButton:
    return button("✖️ " + _("Cancel", locale=locale), InviteNavCb(nav=InviteNav.cancel))


def to_roles_button(locale: str) -> InlineKeyboardButton:
    return button(_("⬅️ Back", locale=locale), InviteNavCb(nav=InviteNav.roles))


cancelled_text = cancelled_unchanged
