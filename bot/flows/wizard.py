"""The skeleton every staff wizard shares: one handler per button, guarded against stale and cancelled steps.

A wizard's buttons are typed CallbackData classes sharing one prefix. Each step handler is registered for its
own class (and action) in the states where it makes sense; whatever press of the prefix no step takes is an
old button of a step already over, answered with one alert here instead of in every handler. Handlers get
one `step: Step` (the chat's message, its FSM state, the staff member's access, the repositories, the clock
and the locale) instead of the same eight parameters each.

A step answered only by its buttons answers anything else sent there (text, a photo, a voice message, a
sticker) with one reminder, quoting the step's question, and keeps the draft where it was. A step's header
counts the steps of the path the draft will take (`Step.counted`); a step it no longer takes stays counted as
passed when needed, so the total never shrinks and the number never goes back, however a later answer
changes the path (step_count.py). A part asked again from the summary's ✏️ Change has no number: its header
names the part.

A command is never the answer to a step: it goes to its own handler, and the draft stays where it was. /cancel
ends the draft (`cancel_command`); a command that starts a wizard (`Wizard.start`), this one or another, while
a draft is open answers that the draft is not finished, with Continue and the draft's Cancel, instead of
starting over it. The commands that only show something (/helplines, /help, /memos, /menu, /language ...)
answer as always and leave the draft as it was: a helpline must be a command away at any step.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiogram import Bot, F, Router
from aiogram.filters import Command, Filter, StateFilter, or_f
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, ReplyParameters
from aiogram.utils.i18n import gettext as _
from magic_filter import MagicFilter
from sqlalchemy.exc import SQLAlchemyError

from bot.access import Access
from bot.clock import Clock
from bot.content import Content
from bot.flows.change_header import changing_header, changing_label
from bot.flows.draft_note import (
    GUARDS,
    DraftAct,
    DraftCb,
    OpenDraft,
    go_on_text,
    unfinished_keyboard,
    unfinished_text,
)
from bot.flows.step_count import COUNTED, counted_steps, draft_step
from bot.flows.step_count import numbered as numbered  # the views number their headers with it
from bot.measures import Catalogue
from bot.views.phrases import __, not_your_role
from db.repositories import Repositories

log = logging.getLogger(__name__)

Text = Callable[[str], str]
Handler = Callable[..., Awaitable[Any]]
T = TypeVar("T")
# Where a finished wizard remembers the message whose Confirm really created something.
CONFIRMED = "confirmed_on"
# Where a draft keeps the message its latest question went out on, with the step it asked.
ASKED = "asked_on"
# A message that is a command («/post», «/helplines»): never the answer to a step.
A_COMMAND = F.text.startswith("/")


class Unsaved:
    """What `Step.save` returns when the database refused the final write."""


UNSAVED = Unsaved()


@dataclass(frozen=True, slots=True)
class Step:
    """What a step of a wizard works with. `message` is the user's own message, or the bot's message a
    button was pressed on. `given`: the rest of what aiogram hands the handler (the dispatcher's and the
    middlewares' data), so what a step calls (a summary's ✏️ Change, bot/flows/revise.py) has it too: the
    typed `content` and `catalogue`."""

    flow: str  # names the audit action of a refused press: "<flow>.forged"
    message: Message
    state: FSMContext
    access: Access
    repo: Repositories
    clock: Clock
    bot: Bot
    locale: str
    given: Mapping[str, Any] = field(default_factory=dict)

    @property
    def content(self) -> Content:
        """The content loaded at start-up (lessons, memos, age groups, helplines)."""
        return self._given("content", Content)

    @property
    def catalogue(self) -> Catalogue:
        """The roadmaps and their measures, loaded at start-up."""
        return self._given("catalogue", Catalogue)

    def _given(self, key: str, kind: type[T]) -> T:
        found = self.given.get(key)
        if not isinstance(found, kind):
            raise LookupError(f"the handler of this step was given no {key}")
        return found

    async def data(self) -> dict[str, Any]:
        return await self.state.get_data()

    async def show(self, text: str, markup: InlineKeyboardMarkup | None, *, edit: bool) -> int:
        """A step's question: in place of the message a button was pressed on, or as a new message; returns
        the message's id. The draft remembers which message asks the step it is at, for the reminder to
        quote. While a part is changed from the summary, the header names it instead of a step number."""
        current, data = await self.state.get_state(), await self.data()
        if (label := changing_label(data)) is not None:
            text = changing_header(text, label, self.locale)
        if edit:
            # Kept first, over the data just read: a message sent as the question changes already finds it.
            await self.state.set_data({**data, ASKED: {"step": current, "message": self.message.message_id}})
            await self.message.edit_text(text, reply_markup=markup)
            return self.message.message_id
        asked_on = (await self.message.answer(text, reply_markup=markup)).message_id
        await self.state.update_data({ASKED: {"step": current, "message": asked_on}})  # read after the send
        return asked_on

    async def counted(self, name: str, path: Sequence[str]) -> list[str]:
        """The steps the header of step `name` counts: `path`, the steps the draft will take as far as its
        answers tell, and the steps counted for it before that it must keep (`counted_steps`)."""
        data = await self.data()
        before = data.get(COUNTED) or []
        steps = counted_steps(before, path, name)
        if steps != before:
            await self.state.update_data({COUNTED: steps})
        return steps

    async def taken(self, query: CallbackQuery) -> None:
        """A press that moves on: the toast goes, and so do the buttons of the question it answered."""
        await query.answer()
        await self.message.edit_reply_markup(reply_markup=None)

    async def refuse(self, query: CallbackQuery, why: Text = not_your_role) -> None:
        """A press the presser's role does not allow (forged, stale or forwarded): an alert saying `why`,
        audited."""
        await self.audit_forged(query)
        await query.answer(why(self.locale), show_alert=True)

    async def audit_forged(self, query: CallbackQuery) -> None:
        """The audit line of a refused press, for handlers that answer it with their own words."""
        await self.repo.audit.record(
            query.from_user.id, f"{self.flow}.forged", self.clock.now(), detail=(query.data or "")[:64]
        )

    async def save(self, query: CallbackQuery, work: Awaitable[T]) -> T | Unsaved:
        """The final write of a Confirm. On a database error the update's transaction is rolled back, so
        the draft stays as it was, and the press is told to try again (the error handler could not answer:
        its own commit would fail on the broken transaction)."""
        try:
            return await work
        except SQLAlchemyError as exc:
            log.warning("%s: the confirmed draft was not saved: %s", self.flow, type(exc).__name__)
            await self.repo.session.rollback()
            await query.answer(save_failed_text(self.locale), show_alert=True)
            return UNSAVED

    async def finish(self) -> None:
        """The draft is saved: the conversation ends, and a second press of this Confirm will be told so."""
        await self.state.clear()
        await self.state.update_data({CONFIRMED: self.message.message_id})

    async def accept(
        self,
        text: str | None,
        limit: int,
        expected: Text,
        too_long: Callable[[int, str], str],
        measure: Callable[[str], int] = len,
    ) -> str | None:
        """A typed answer (`text`; None for media, stickers, commands) that must keep within `limit`: None
        once the user is told what was wrong (`expected`: send it as text; `too_long`: its length)."""
        if not text:
            await self.message.answer(expected(self.locale))
            return None
        if (length := measure(text)) > limit:
            await self.message.answer(too_long(length, self.locale))
            return None
        return text

    async def still_covers(self, query: CallbackQuery, codes: Sequence[str]) -> bool:
        """Re-checked at the final step: the role, read again for this press, still covers every code of
        the draft. Otherwise nothing is sent, the draft ends, the press is audited and told why."""
        if all(self.access.covers(code) for code in codes):
            return True
        now = self.clock.now()
        detail = ",".join(codes)[:64]
        await self.repo.audit.record(query.from_user.id, f"{self.flow}.scope_lost", now, detail=detail)
        await self.state.clear()
        await query.answer()
        await self.message.edit_text(scope_lost_text(self.locale))
        return False


class StepOf(Filter):
    """Hands the handler its `step`; lets a press through only on a message the bot can still edit."""

    def __init__(self, flow: str) -> None:
        self.flow = flow

    async def __call__(
        self,
        event: Message | CallbackQuery,
        state: FSMContext,
        access: Access,
        repo: Repositories,
        clock: Clock,
        bot: Bot,
        locale: str,
        **given: Any,
    ) -> bool | dict[str, Any]:
        message = event.message if isinstance(event, CallbackQuery) else event
        if not isinstance(message, Message):
            return False
        return {"step": Step(self.flow, message, state, access, repo, clock, bot, locale, given)}


@dataclass(frozen=True, slots=True)
class WizardTexts:
    step_over: Text  # a button of a step already passed, or of a wizard that ended
    cancelled: Text
    already_done: Text  # a second Confirm of what the first one really saved
    command: str = ""  # starts the wizard again; named to a Confirm whose draft is gone (else step_over)


class Wizard:
    """Registers a wizard's steps on its feature router; `close()` goes last, after every button."""

    def __init__(
        self,
        router: Router,
        flow: str,
        prefix: str,
        texts: WizardTexts,
        *groups: type[StatesGroup],
    ) -> None:
        """`groups`: the wizard's state groups; its Cancel ends a conversation in any of them."""
        self.router, self.flow, self.prefix, self.texts, self.groups = router, flow, prefix, texts, groups
        # The steps that take a press, and those that take what is sent: a step only in the first is answered
        # by its buttons alone (`close`).
        self._pressed: list[State] = []
        self._typed: set[State] = set()
        self.command = ""  # the command that starts it (`start`)

    def typed(self, handler: Handler, *states: State, extra: Filter | MagicFilter | None = None) -> None:
        """`handler` takes what the user sends while the wizard is at one of `states`; `extra` narrows what
        is typed there, never the rest. A photo, a voice message or a sticker where text is awaited reaches
        the step too, which asks again in its own words: past the wizard it would get the general answer to
        media (the helplines and the main menu) and leave the step waiting unexplained. A command never
        reaches it: it is no answer («/event» is no post text), and goes to its own handler."""
        filters: list[Filter | MagicFilter] = [StateFilter(*states), ~A_COMMAND, StepOf(self.flow)]
        if extra is not None:
            filters.append(or_f(extra, ~F.text))
        self.router.message.register(handler, *filters)
        self._typed.update(states)

    def start(
        self, handler: Handler, command: str, *filters: Filter | MagicFilter, drafts: Sequence[State] = ()
    ) -> None:
        """`handler` starts the wizard on /`command` (with `filters`). While a draft of any wizard started
        this way is open, /`command` does not start over it: it answers that the draft is not finished
        (`_unfinished`). `drafts`: the states that are a draft of this wizard (its groups' by default)."""
        self.command = command
        # Declared on the note's handler, read off the routers by the dispatcher's `Drafts` (draft_note.py).
        guarded = drafts or [state for group in self.groups for state in group.__all_states__]
        guards = {state.state: (self.flow, command) for state in guarded if state.state is not None}
        note = self._unfinished
        self.router.message.register(note, Command(command), *filters, OpenDraft(), flags={GUARDS: guards})
        self.router.message.register(handler, Command(command), *filters)
        mine = F.flow == self.flow
        self.router.callback_query.register(self._go_on, DraftCb.filter(mine & (F.act == DraftAct.go_on)))
        self.router.callback_query.register(self._cancel, DraftCb.filter(mine & (F.act == DraftAct.cancel)))

    def button(self, handler: Handler, press: Filter, *states: State) -> None:
        """`handler` runs for `press` only while the wizard is at one of `states`."""
        self.router.callback_query.register(handler, press, StateFilter(*states), StepOf(self.flow))
        self._pressed.extend(state for state in states if state not in self._pressed)

    def cancel_button(self, press: Filter) -> None:
        self.router.callback_query.register(self._cancel, press)

    def cancel_command(self) -> None:
        """/cancel typed during this wizard ends it in its own words (before `typed`, which takes text)."""
        self.router.message.register(self._cancel_typed, Command("cancel"), StateFilter(*self.groups))

    def close(self, confirm: Filter | None = None) -> None:
        """The answers to presses no step took: a late Confirm (of a wizard that has one), and any other
        button of this wizard. And the answer to whatever is sent at a step only its buttons answer (text, a
        photo, a voice message, a sticker): past the wizard it would get the general answer (the helplines
        and the main menu) and leave the step unexplained. A command is left to its own handler."""
        if confirm is not None:
            self.router.callback_query.register(self._late_confirm, confirm)
        self.router.callback_query.register(self.answer_stale, F.data.startswith(f"{self.prefix}:"))
        if buttons_only := [state for state in self._pressed if state not in self._typed]:
            self.router.message.register(_press_a_button, StateFilter(*buttons_only), ~A_COMMAND)

    def is_mine(self, state_name: str | None) -> bool:
        return state_name is not None and any(state_name in group for group in self.groups)

    async def _cancel(
        self, query: CallbackQuery, state: FSMContext, repo: Repositories, clock: Clock, locale: str
    ) -> None:
        # An old Cancel (of a draft finished, saved or cancelled since) changes nothing: no «nothing was
        # saved» over what was, and no end of another wizard the user has started since.
        if not self.is_mine(await state.get_state()):
            await self.answer_stale(query, repo, clock, locale)
            return
        await state.clear()
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_text(self.texts.cancelled(locale))

    async def _cancel_typed(self, message: Message, state: FSMContext, locale: str) -> None:
        await state.clear()
        await message.answer(self.texts.cancelled(locale))

    async def _unfinished(
        self, message: Message, state: FSMContext, open_draft: tuple[str, str], locale: str
    ) -> None:
        """/`command` of a wizard typed while a draft is open (of this wizard or another): the draft is kept,
        and the note says how far it is, with Continue and the draft's own Cancel."""
        flow, command = open_draft
        await message.answer(
            unfinished_text(command, self.command, await draft_step(state), locale),
            reply_markup=unfinished_keyboard(flow, locale),
        )

    async def _go_on(
        self, query: CallbackQuery, state: FSMContext, repo: Repositories, clock: Clock, locale: str
    ) -> None:
        """Continue: the note's buttons go, and the question of the step the draft is at is shown again, as
        the reply to it when the draft knows which message asks it. A draft no longer open: the step is
        over."""
        if not self.is_mine(await state.get_state()):
            await self.answer_stale(query, repo, clock, locale)
            return
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=None)
            await query.message.answer(go_on_text(locale), reply_parameters=await _asked_now(state))

    async def _late_confirm(
        self, query: CallbackQuery, state: FSMContext, repo: Repositories, clock: Clock, locale: str
    ) -> None:
        # Only a Confirm on the very message whose first press saved the draft was "already confirmed";
        # after Cancel, a restart that lost the draft, or on an old summary, the draft is simply gone.
        saved_on = (await state.get_data()).get(CONFIRMED)
        if (
            await state.get_state() is None
            and isinstance(query.message, Message)
            and (saved_on == query.message.message_id)
        ):
            await query.answer(self.texts.already_done(locale), show_alert=True)
            return
        await self._audit_stale(query, repo, clock)
        gone = draft_gone_text(self.texts.command, locale) if self.texts.command else None
        await query.answer(gone or self.texts.step_over(locale), show_alert=True)

    async def answer_stale(self, query: CallbackQuery, repo: Repositories, clock: Clock, locale: str) -> None:
        """A press outside its step: recorded, and answered «this step is over, start again»."""
        await self._audit_stale(query, repo, clock)
        await query.answer(self.texts.step_over(locale), show_alert=True)

    async def _audit_stale(self, query: CallbackQuery, repo: Repositories, clock: Clock) -> None:
        # A press outside its step is refused before any id in it is read: it may be an old button or a
        # forged one naming someone else's object, so it is recorded, with the prefix only (never text).
        await repo.audit.record(query.from_user.id, f"{self.flow}.stale", clock.now(), detail=self.prefix)


async def _asked_now(state: FSMContext) -> ReplyParameters | None:
    """A reply to the question of the step the draft is at, when the draft knows which message asks it."""
    asked = (await state.get_data()).get(ASKED) or {}
    if asked.get("step") == await state.get_state() and isinstance(asked.get("message"), int):
        return ReplyParameters(message_id=asked["message"], allow_sending_without_reply=True)
    return None


async def _press_a_button(message: Message, state: FSMContext, locale: str) -> None:
    """The reminder of a step answered by its buttons alone, as a reply to the step's question when the draft
    knows which message asks it. The draft stays as it was."""
    await message.answer(press_a_button(locale), reply_parameters=await _asked_now(state))


def step_over(command: str) -> Text:
    """The alert of an old button of the wizard that /`command` starts: it names that command."""

    def text(locale: str) -> str:
        return _("This step is over. Start again with /{command}.", locale=locale).format(command=command)

    return text


def draft_gone_text(command: str, locale: str) -> str:
    return _("This draft no longer exists. Start again with /{command}.", locale=locale).format(
        command=command
    )


save_failed_text = __(
    "It could not be saved just now; nothing was sent and your draft is kept. "
    "Please press Confirm again in a minute."
)
scope_lost_text = __(
    "Your role no longer covers this audience, so nothing was sent. "
    "If this is a mistake, ask your coordinator."
)


press_a_button = __(
    "☝️ Here, please press one of the buttons under the question (or /cancel). Your draft is kept."
)
