"""Small pieces every wizard's keyboards are built from: a typed button, the pickers' callback data under the
wizard's own prefix, and the Approve / Reject row of an approval."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows.grades import GradeCb
from bot.flows.org_picker import OrgCb, PageCb
from bot.views.rows import button


def pickers(prefix: str) -> tuple[type[OrgCb], type[PageCb], type[GradeCb]]:
    """The organisation, page and grade callback data under a wizard's prefix, so its stale-step guard and
    the refusal router (which match on the prefix) see the pickers' presses as the wizard's own."""
    made = (
        type(f"{base.__name__}_{prefix}", (base,), {"__module__": __name__}, prefix=prefix)
        for base in (OrgCb, PageCb, GradeCb)
    )
    return tuple(made)  # type: ignore[return-value]


def nav_row(
    cancel: CallbackData, locale: str, back: CallbackData | None = None
) -> list[InlineKeyboardButton]:
    """A step's last row: ⬅️ Back (to the step before, when there is one) and ✖️ Cancel."""
    row = [button(_("⬅️ Back", locale=locale), back)] if back is not None else []
    return [*row, button("✖️ " + _("Cancel", locale=locale), cancel)]


def one_choice(text: str, data: CallbackData, cancel: CallbackData, locale: str) -> InlineKeyboardMarkup:
    """One button (Keep as it is, No attachment, No limit) over the Cancel row."""
    return InlineKeyboardMarkup(inline_keyboard=[[button(text, data)], nav_row(cancel, locale)])


def confirm_keyboard(confirm: CallbackData, cancel: CallbackData, locale: str) -> InlineKeyboardMarkup:
    """A summary's ✅ Confirm beside ✖️ Cancel."""
    row = [button("✅ " + _("Confirm", locale=locale), confirm), *nav_row(cancel, locale)]
    return InlineKeyboardMarkup(inline_keyboard=[row])


class Decision(StrEnum):
    approve = "a"
    reject = "r"


def decision_row(data: Callable[[Decision], CallbackData], locale: str) -> list[InlineKeyboardButton]:
    """✅ Approve and ✖️ Reject; `data` makes each one's callback data."""
    return [
        button("✅ " + _("Approve", locale=locale), data(Decision.approve)),
        button("✖️ " + _("Reject", locale=locale), data(Decision.reject)),
    ]
