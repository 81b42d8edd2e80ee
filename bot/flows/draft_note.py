"""The note a wizard's command gets while a draft is open: «your /<command> draft is not finished», with
Continue and the draft's own Cancel (bot/flows/wizard.py `Wizard.start` registers it)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import button, nav_row
from bot.views.phrases import __

# Every state of a draft that `Wizard.start` guards, by its name: the flow and the command that started it.
# Filled as the wizards register, the same each time (the states and commands are the code's own).
DRAFTS: dict[str, tuple[str, str]] = {}


class DraftAct(StrEnum):
    go_on = "g"
    cancel = "x"


class DraftCb(CallbackData, prefix="drf"):
    """The buttons under «your /<command> draft is not finished»: the draft's wizard (`flow`) answers them."""

    act: DraftAct
    flow: str


class OpenDraft(Filter):
    """Lets a message through while the chat is at a step of a draft `Wizard.start` guards; hands the handler
    that draft's flow and command as `open_draft`."""

    async def __call__(self, message: Message, state: FSMContext) -> bool | dict[str, Any]:
        current = await state.get_state()
        owner = DRAFTS.get(current) if current is not None else None
        return {"open_draft": owner} if owner is not None else False


def unfinished_text(command: str, typed: str, at: tuple[int, int] | None, locale: str) -> str:
    """/`typed` while the /`command` draft is open, at step `at` (its number and how many steps its header
    counts; None when the step has no number)."""
    if at is None:
        text = _(
            "✋ Your /{command} draft is not finished. Continue it, or cancel it and send /{typed} again.",
            locale=locale,
        )
        return text.format(command=command, typed=typed)
    text = _(
        "✋ Your /{command} draft is not finished: step {step} of {steps}. Continue it, or cancel it "
        "and send /{typed} again.",
        locale=locale,
    )
    return text.format(command=command, typed=typed, step=at[0], steps=at[1])


def unfinished_keyboard(flow: str, locale: str) -> InlineKeyboardMarkup:
    """Continue the draft of `flow`, or ✖️ Cancel it (as its own Cancel does)."""
    go_on = button("▶️ " + _("Continue", locale=locale), DraftCb(act=DraftAct.go_on, flow=flow))
    return InlineKeyboardMarkup(
        inline_keyboard=[[go_on, *nav_row(DraftCb(act=DraftAct.cancel, flow=flow), locale)]]
    )


go_on_text = __("▶️ Go on with the draft: answer the question above.")
