"""The note a wizard's command gets while a draft is open: «your /<command> draft is not finished», with
Continue and the draft's own Cancel (bot/flows/wizard.py `Wizard.start` registers it).

Which states are a draft, and of which flow and command, is `Drafts`: one per dispatcher, read off its routers
as it is built (bot/factory.py) and kept in its workflow data as `drafts`. Each `Wizard.start` declares the
states it guards on the handler of its note (the handler flag `GUARDS`), so nothing module-level is filled as
wizards register, and two dispatchers built in one process keep their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from aiogram import Router
from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import button, nav_row
from bot.views.phrases import __

# The flag of a «draft is not finished» handler: {state name: (flow, command)} of the drafts it guards.
GUARDS = "draft_guards"


class Drafts:
    """Every state of a draft that `Wizard.start` guards, by its name: the flow and the command that started
    it. Read off the routers of one dispatcher (`of`), never changed after."""

    def __init__(self, owners: Mapping[str, tuple[str, str]]) -> None:
        self._owners = dict(owners)

    @classmethod
    def of(cls, router: Router) -> Drafts:
        """The drafts guarded by the handlers of `router` and every router under it. A state claimed by two
        flows is a mistake in the code: it fails here, at build time."""
        owners: dict[str, tuple[str, str]] = {}
        for each in router.chain_tail:
            for handler in each.message.handlers:
                for state, owner in (handler.flags.get(GUARDS) or {}).items():
                    if owners.setdefault(state, owner) != owner:
                        raise ValueError(f"{state} is a draft of both {owners[state]} and {owner}")
        return cls(owners)

    def owner(self, state: str | None) -> tuple[str, str] | None:
        """The flow and command whose draft `state` is; None outside a guarded draft."""
        return self._owners.get(state) if state is not None else None

    def __len__(self) -> int:
        return len(self._owners)


class DraftAct(StrEnum):
    go_on = "g"
    cancel = "x"


class DraftCb(CallbackData, prefix="drf"):
    """The buttons under «your /<command> draft is not finished»: the draft's wizard (`flow`) answers them."""

    act: DraftAct
    flow: str


class OpenDraft(Filter):
    """Lets a message through while the chat is at a step of a draft `Wizard.start` guards (the dispatcher's
    `drafts`); hands the handler that draft's flow and command as `open_draft`."""

    async def __call__(self, message: Message, state: FSMContext, drafts: Drafts) -> bool | dict[str, Any]:
        owner = drafts.owner(await state.get_state())
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
