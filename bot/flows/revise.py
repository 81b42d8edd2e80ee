"""✏️ Change on a wizard's summary: a small menu of the parts of the draft that can be changed, each asked
again on its own, after which the wizard goes straight back to a fresh summary; the rest of the draft stays.

A wizard names its parts (`Part`: an id, a label, the draft's keys the part writes) and registers a
`Revision` with three callbacks of its own: which parts this draft has, how to ask a part again (its
question saying what is there now), and how to show the summary. Each gets the `Step` of the press, which
carries what aiogram handed the handler (`step.content`, `step.catalogue`, `step.given`). Its steps ask
`done` when an answer is taken: True means the answer was a change from the summary, so the wizard shows the
summary instead of its next step. ⬅️ Back at a part's first question (`back_for` picks each question's Back)
puts back what the part was and shows the menu again. While a part is asked again, its question's header says
«✏️ Changing: <part>» instead of «step N of M» (`Step.show`, change_header.py): nothing for the wizard to do.

Every press is typed (`ReviseCb` under the wizard's own prefix, so an old or forged one meets the wizard's
«step over» guard) and counts only on the message of the latest summary, which the menu and a part's first
question are edited into: a Change of an older summary, or one pressed after Confirm, changes nothing. The
wizard says where that is with `counts_on`: the summary it shows, and a part's question sent as a new
message (a part of several questions: the Russian title after the Kazakh one), whose ⬅️ Back then counts.
`again_here` puts the part back and asks its first question on the message pressed (⬅️ Back at a later
question of the part).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from aiogram import F
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup

from bot.flows.buttons import nav_row
from bot.flows.change_header import CHANGING
from bot.flows.wizard import Step, Text, Wizard
from bot.views.phrases import __
from bot.views.rows import button

# The draft's key for the message of its latest summary (and of the menu and question edited into it).
SUMMARY = "summary_on"
B = TypeVar("B")  # a wizard's ⬅️ Back (`back_for`)
# The draft's key for the part being changed from the summary, its label and what the part was before; while
# it is set, the question's header names the part instead of a step number (change_header.py).
REVISING = CHANGING


class ReviseAct(StrEnum):
    menu = "em"  # ✏️ Change on the summary, or ⬅️ Back at a part's question: the menu of parts
    part = "ep"  # one part to change
    summary = "es"  # ⬅️ Back from the menu to the summary


class ReviseCb(CallbackData, prefix="rev"):
    act: ReviseAct
    part: str = ""  # the part's id (`Part.id`), for ReviseAct.part


def revise_data(prefix: str) -> type[ReviseCb]:
    """`ReviseCb` under a wizard's prefix, so its stale-step guard sees these presses as the wizard's own."""
    made = type(f"ReviseCb_{prefix}", (ReviseCb,), {"__module__": __name__}, prefix=prefix)
    return made  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Part:
    id: str  # short: it travels in the callback data
    label: Text
    keys: tuple[str, ...]  # what the part writes in the draft: put back by ⬅️ Back at its question


change_label = __("Change")
menu_text = __("<b>What would you like to change?</b> Everything else stays as it is.")


def change_row(data: type[ReviseCb], locale: str) -> list[InlineKeyboardButton]:
    """The summary's ✏️ Change."""
    return [button("✏️ " + change_label(locale), data(act=ReviseAct.menu))]


def back_row(data: type[ReviseCb], cancel: CallbackData, locale: str) -> list[InlineKeyboardButton]:
    """⬅️ Back (to the menu, nothing changed) and ✖️ Cancel under a part's question during a change."""
    return nav_row(cancel, locale, data(act=ReviseAct.menu))


def menu_keyboard(
    data: type[ReviseCb], parts: Sequence[Part], cancel: CallbackData, locale: str
) -> InlineKeyboardMarkup:
    """One button per part, two a row, then ⬅️ Back to the summary and ✖️ Cancel."""
    keys = [button(p.label(locale), data(act=ReviseAct.part, part=p.id)) for p in parts]
    rows = [keys[i : i + 2] for i in range(0, len(keys), 2)]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(cancel, locale, data(act=ReviseAct.summary))])


async def counts_on(step: Step, message_id: int) -> None:
    """Change (the menu, ⬅️ Back to it, a part from it) counts on message `message_id` from now on: the latest
    summary's, or a part's question sent as a new message. Presses on any other message are a step over."""
    await step.state.update_data({SUMMARY: message_id})


def elsewhere(data: dict[str, Any], message_id: int) -> bool:
    """Whether Change counts on another message than `message_id` (a newer summary or question): a press
    there is from a message the draft has left. False while no summary was shown."""
    return data.get(SUMMARY, message_id) != message_id


def _put_back(data: dict[str, Any]) -> dict[str, Any] | None:
    """The draft with the part being changed as it was on the summary (a key it did not have removed); None
    when no part is being changed."""
    changing = data.get(REVISING) or {}
    if (was := changing.get("was")) is None:
        return None
    absent = set(changing.get("absent") or [])
    return {**{key: value for key, value in data.items() if key not in absent}, **was}


async def again_here(step: Step, ask: Callable[[Step, str], Awaitable[None]]) -> bool:
    """⬅️ Back at a later question of a part being changed: the part as it was on the summary, and its first
    question (`ask`, the Revision's) in place of the message pressed, where Change counts from now on. False
    (nothing done) when no part is being changed."""
    data = await step.data()
    if (restored := _put_back(data)) is None:
        return False
    await step.state.set_data({**restored, SUMMARY: step.message.message_id})
    await ask(step, data[REVISING]["part"])
    return True


def revising(data: dict[str, Any]) -> str | None:
    """The id of the part being changed from the summary, if one is."""
    return (data.get(REVISING) or {}).get("part")


def back_for(data: dict[str, Any], part: str | None, to_menu: B, back: B, *, first: bool = True) -> B:
    """⬅️ Back under a question of `part` (None: it begins no part): `to_menu`, the wizard's way to the menu of
    ✏️ Change, while that part is changed from the summary and the question is its first (`first`); else
    `back`, the wizard's step before (None: no Back)."""
    return to_menu if first and part is not None and revising(data) == part else back


async def done(step: Step) -> bool:
    """Whether the answer just taken was a change from the summary (and the change is over): the wizard then
    shows the summary instead of its next step."""
    if revising(await step.data()) is None:
        return False
    await step.state.update_data({REVISING: None})
    return True


class Revision:
    """Registers Change on a wizard whose summary is at state `summary` and whose menu is at state `menu`."""

    def __init__(
        self,
        flow: Wizard,
        data: type[ReviseCb],
        cancel: CallbackData,
        states: tuple[State, State],
        parts: Callable[[Step], Awaitable[Sequence[Part]]],
        ask: Callable[[Step, str], Awaitable[None]],
        summary: Callable[[Step], Awaitable[None]],
    ) -> None:
        """`states`: the summary's and the menu's; `parts`: this draft's parts; `ask`: asks a part again,
        editing the menu into its question (whose ⬅️ Back is `back_row`); `summary`: edits the message it is
        given into the summary. Each gets the press's `Step` (with its `content`, `catalogue`, `given`)."""
        self.flow, self.data, self.cancel = flow, data, cancel
        self.summary_state, self.menu_state = states
        self.parts, self.ask, self.summary = parts, ask, summary

    def register(self, *asking: State) -> None:
        """The menu from the summary or from a part's question (one of the states of `asking`), a part from
        the menu, and back to the summary from it."""
        on = self.data.filter
        at_summary = (self.summary_state, *asking)
        self.flow.button(self._menu, on(F.act == ReviseAct.menu), *at_summary)
        self.flow.button(self._part, on(F.act == ReviseAct.part), self.menu_state)
        self.flow.button(self._back, on(F.act == ReviseAct.summary), self.menu_state)

    async def _latest(self, query: CallbackQuery, step: Step) -> bool:
        """A press counts only on the latest summary's message; any other is a step over."""
        if (await step.data()).get(SUMMARY) == step.message.message_id:
            return True
        await self.flow.answer_stale(query, step.repo, step.clock, step.locale)
        return False

    async def _menu(self, query: CallbackQuery, step: Step) -> None:
        if not await self._latest(query, step):
            return
        data = await step.data()
        current = await step.state.get_state()
        if current != self.summary_state.state:
            # ⬅️ Back at a part's question: the part is put back as it was, a key it did not have removed.
            if (restored := _put_back(data)) is None:
                await step.refuse(query)
                return
            await step.state.set_data({**restored, REVISING: None})
        await self._show_menu(query, step)

    async def _show_menu(self, query: CallbackQuery, step: Step) -> None:
        await query.answer()
        await step.state.set_state(self.menu_state)
        markup = menu_keyboard(self.data, await self.parts(step), self.cancel, step.locale)
        await step.show(menu_text(step.locale), markup, edit=True)

    async def _part(self, query: CallbackQuery, callback_data: ReviseCb, step: Step) -> None:
        if not await self._latest(query, step):
            return
        part = next((p for p in await self.parts(step) if p.id == callback_data.part), None)
        if part is None:
            await step.refuse(query)
            return
        data = await step.data()
        was = {key: data[key] for key in part.keys if key in data}
        absent = [key for key in part.keys if key not in data]
        label = part.label(step.locale)
        await step.state.update_data(
            {REVISING: {"part": part.id, "label": label, "was": was, "absent": absent}}
        )
        await query.answer()
        await self.ask(step, part.id)

    async def _back(self, query: CallbackQuery, step: Step) -> None:
        if not await self._latest(query, step):
            return
        await query.answer()
        await step.state.set_state(self.summary_state)
        await self.summary(step)
