"""The reason for a rejection: one step every review shares (a post waiting for approval,
handlers/post_approval.py; a proposed material, handlers/material_review.py).

After Reject the reviewer is asked for the reason in one message, with ✖️ Cancel (the object goes on waiting)
and, where the review allows it, a button to reject without a reason. The step keeps only ids in the FSM data
(which object, which card Reject was pressed on), never the reason: the review's own handler gets it once
typed (`ReasonStep.typed`, `ReasonStep.without`), decides, tells the author and lets it go. A reason is
staff-to-staff free text, so the step's state group must end in "Authoring": the crisis lane leaves text
typed there alone (bot/middlewares/triage.py), as it does a notice being written.

What is typed there is the reason, never a command: /helplines, /stats or /approvals go to their own handlers
and the step still waits; a typed /cancel ends the step as its Cancel does, in the review's own words (nothing
is rejected, the object still waits), never in the words of a flow that registered a /cancel of its own. The
review's router registers the step before any such /cancel.

Each review subclasses `ReasonCb` with a prefix of its own, so an old button of one review is never taken for
the other's, and the staff router's refusal sees it (handlers/access.py reads the registered filters).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum
from html import escape
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.clock import Clock
from bot.flows.buttons import nav_row
from bot.flows.wizard import A_COMMAND, Step, StepOf
from bot.views.phrases import __
from bot.views.rows import button
from db.repositories import Repositories

# A reason fits a short message: quoted with the author's notice, it stays far inside Telegram's 4,096
# characters (even as UTF-16, where an emoji counts twice).
REASON_LIMIT = 300
# The FSM data of the step: the id of what is rejected, [chat id, message id] of the card pressed, and the id
# of the message that asks for the reason.
SUBJECT = "reason_for"
CARD = "reason_card"
ASKED = "reason_asked"

Text = Callable[[str], str]
Handler = Callable[..., Awaitable[Any]]


class ReasonAct(StrEnum):
    without = "n"  # reject without a reason
    cancel = "x"  # the object goes on waiting


class ReasonCb(CallbackData, prefix="rsn"):
    """Subclassed by each review with its own prefix. Carries no id: the step's FSM data has it."""

    act: ReasonAct


@dataclass(frozen=True, slots=True)
class Reason:
    """What the reviewer answered: `text` is None for a rejection without a reason."""

    subject_id: int
    text: str | None
    card: tuple[int, int] | None  # (chat id, message id) of the card Reject was pressed on


def reason_keyboard(data: type[ReasonCb], without: Text | None, locale: str) -> InlineKeyboardMarkup:
    """`without`: the label of «reject without a reason», where the review allows it; then ✖️ Cancel."""
    rows = [[button(without(locale), data(act=ReasonAct.without))]] if without is not None else []
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(data(act=ReasonAct.cancel), locale)])


def quoted(reason: str) -> str:
    """The reason as the author reads it: escaped (it is typed text, not HTML), in a quote."""
    return f"<blockquote>{escape(reason)}</blockquote>"


@dataclass(frozen=True, slots=True)
class ReasonTexts:
    cancelled: Text  # the question after Cancel: nothing is rejected, the object still waits
    without: Text | None = None  # the button that rejects without a reason; None: a reason is required


class ReasonStep:
    """The step of one review: `flow` names its audit actions, `data` its buttons, `state` its state (of a
    group whose name ends in "Authoring")."""

    def __init__(self, flow: str, data: type[ReasonCb], state: State, texts: ReasonTexts) -> None:
        self.flow, self.data, self.state, self.texts = flow, data, state, texts

    def keyboard(self, locale: str) -> InlineKeyboardMarkup:
        return reason_keyboard(self.data, self.texts.without, locale)

    async def ask(
        self, query: CallbackQuery, state: FSMContext, bot: Bot, subject_id: int, question: str, locale: str
    ) -> None:
        """After Reject on a card: the question goes to the reviewer; the step remembers what it is for."""
        card = query.message if isinstance(query.message, Message) else None
        await state.set_state(self.state)
        await state.update_data(
            {SUBJECT: subject_id, CARD: [card.chat.id, card.message_id] if card is not None else None}
        )
        await query.answer()
        asked = await bot.send_message(query.from_user.id, question, reply_markup=self.keyboard(locale))
        await state.update_data({ASKED: asked.message_id})

    async def typed(self, message: Message, step: Step) -> Reason | None:
        """The reason typed; None (the step still waits) once the reviewer is told it must be text (not a
        photo, a sticker) of at most REASON_LIMIT characters. A command never reaches it (`register`)."""
        text = message.text.strip() if message.text and not message.text.startswith("/") else None
        said = await step.accept(text or None, REASON_LIMIT, reason_expected, reason_too_long)
        return None if said is None else await self._taken(step, said)

    async def without(self, query: CallbackQuery, step: Step) -> Reason:
        """«Reject without a reason»: the question loses its buttons."""
        await step.taken(query)
        return await self._taken(step, None)

    async def _taken(self, step: Step, text: str | None) -> Reason:
        data = await step.data()
        await step.state.clear()
        card = data.get(CARD)
        return Reason(int(data.get(SUBJECT) or 0), text, (card[0], card[1]) if card else None)

    def register(self, router: Router, typed: Handler, without: Handler | None = None) -> None:
        """`typed` takes what is sent at the step (`ReasonStep.typed` reads it), `without` the press of
        «reject without a reason» (`ReasonStep.without`). Cancel, a typed /cancel and old buttons are answered
        here. Registered before any other /cancel of the router, so the step's own is the one that answers."""
        router.message.register(self._cancel_typed, Command("cancel"), StateFilter(self.state))
        router.message.register(typed, StateFilter(self.state), ~A_COMMAND, StepOf(self.flow))
        if without is not None:
            press = self.data.filter(F.act == ReasonAct.without)
            router.callback_query.register(without, press, StateFilter(self.state), StepOf(self.flow))
        cancel = self.data.filter(F.act == ReasonAct.cancel)
        router.callback_query.register(self._cancel, cancel, StateFilter(self.state))
        router.callback_query.register(self._over, self.data.filter())

    async def _cancel(self, query: CallbackQuery, state: FSMContext, locale: str) -> None:
        await state.clear()
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_text(self.texts.cancelled(locale))

    async def _cancel_typed(self, message: Message, state: FSMContext, bot: Bot, locale: str) -> None:
        """/cancel typed at the step: as with Cancel, the question loses its buttons, nothing is rejected."""
        asked = (await state.get_data()).get(ASKED)
        await state.clear()
        if isinstance(asked, int):
            # Deleted, or too old to edit: its buttons are then answered as over (`_over`).
            with suppress(TelegramAPIError):
                await bot.edit_message_reply_markup(
                    chat_id=message.chat.id, message_id=asked, reply_markup=None
                )
        await message.answer(self.texts.cancelled(locale))

    async def _over(self, query: CallbackQuery, repo: Repositories, clock: Clock, locale: str) -> None:
        """A button of a question already answered or cancelled (or of another conversation since):
        nothing changes, and the press is recorded (never an id: the buttons carry none)."""
        detail = self.data.__prefix__
        await repo.audit.record(query.from_user.id, f"{self.flow}.stale", clock.now(), detail=detail)
        await query.answer(reason_over(locale), show_alert=True)


reason_too_long = __(
    "The reason is {length} character long, and the limit is {limit}. Please shorten it.",
    "The reason is {length} characters long, and the limit is {limit}. Please shorten it.",
).bind(number_as="length", limit=REASON_LIMIT)
reason_expected = __("Please write the reason as a text message (or /cancel).")
reason_over = __("This question is closed. To reject, press Reject again.")
