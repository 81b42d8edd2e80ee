"""The author stops a post before it goes out: the button (in /stats and on the message that confirmed the
post), the Yes / No question and what each outcome says. handlers/post_withdraw.py consumes them."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.views.rows import button


class WithdrawAct(StrEnum):
    ask = "a"  # the button on the post: asks Yes / No
    yes = "y"
    no = "n"


class WithdrawCb(CallbackData, prefix="wdr"):
    act: WithdrawAct
    post_id: int


def withdraw_button(post_id: int, locale: str, *, numbered: bool = False) -> InlineKeyboardButton:
    """`numbered`: one of several (in /stats), so the label names the post."""
    label = _("Stop sending", locale=locale)
    if numbered:
        label = f"#{post_id}: {label}"
    return button("✖️ " + label, WithdrawCb(act=WithdrawAct.ask, post_id=post_id))


def withdraw_keyboard(post_id: int, locale: str) -> InlineKeyboardMarkup:
    """The one button under the message that confirmed a post which does not go out at once."""
    return InlineKeyboardMarkup(inline_keyboard=[[withdraw_button(post_id, locale)]])


def question(post_id: int, text: str, locale: str) -> tuple[str, InlineKeyboardMarkup]:
    """`text`: the first words of the post, escaped."""
    asked = _("Stop post #{id} «{text}»? Parents will not get it.", locale=locale).format(
        id=post_id, text=text
    )
    yes = button("✖️ " + _("Yes, stop it", locale=locale), WithdrawCb(act=WithdrawAct.yes, post_id=post_id))
    no = button(_("No, keep it", locale=locale), WithdrawCb(act=WithdrawAct.no, post_id=post_id))
    return asked, InlineKeyboardMarkup(inline_keyboard=[[yes, no]])


def withdrawn(post_id: int, locale: str) -> str:
    return _("Post #{id} has been stopped; nobody will get it.", locale=locale).format(id=post_id)


def kept(post_id: int, locale: str) -> str:
    return _("Post #{id} stays as it was.", locale=locale).format(id=post_id)


def already_going(post_id: int, locale: str) -> str:
    return _(
        "Sorry, post #{id} has already begun to go out to parents, so it can no longer be stopped. "
        "/stats shows how it is delivered.",
        locale=locale,
    ).format(id=post_id)


def already_withdrawn(post_id: int, locale: str) -> str:
    return _("Post #{id} has already been stopped.", locale=locale).format(id=post_id)


def not_going_anyway(post_id: int, locale: str) -> str:
    return _("Post #{id} will not be sent anyway.", locale=locale).format(id=post_id)


__all__ = [
    "WithdrawAct",
    "WithdrawCb",
    "already_going",
    "already_withdrawn",
    "kept",
    "not_going_anyway",
    "question",
    "withdraw_button",
    "withdraw_keyboard",
    "withdrawn",
]
