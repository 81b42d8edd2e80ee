"""The skeleton every staff wizard shares: one handler per button, guarded against stale and cancelled steps.

A wizard's buttons are typed CallbackData classes sharing one prefix. Each step handler is registered for its
own class (and action) in the states where it makes sense; whatever press of the prefix no step takes is an
old button of a step already over, answered with one alert here instead of in every handler. Handlers get
one `step: Step` (the chat's message, its FSM state, the staff member's access, the repositories, the clock
and the locale) instead of the same eight parameters each.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from magic_filter import MagicFilter

from bot.access import Access
from bot.clock import Clock
from db.repositories import Repositories

Text = Callable[[str], str]
Handler = Callable[..., Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Step:
    """What a step of a wizard works with. `message` is the user's own message, or the bot's message a
    button was pressed on."""

    flow: str  # names the audit action of a refused press: "<flow>.forged"
    message: Message
    state: FSMContext
    access: Access
    repo: Repositories
    clock: Clock
    bot: Bot
    locale: str

    async def data(self) -> dict[str, Any]:
        return await self.state.get_data()

    async def show(self, text: str, markup: InlineKeyboardMarkup | None, *, edit: bool) -> None:
        """A step's question: in place of the message a button was pressed on, or as a new message."""
        if edit:
            await self.message.edit_text(text, reply_markup=markup)
        else:
            await self.message.answer(text, reply_markup=markup)

    async def refuse(self, query: CallbackQuery) -> None:
        """A press the presser's role does not allow (forged, stale or forwarded): an alert, audited."""
        action = f"{self.flow}.forged"
        await self.repo.audit.record(
            query.from_user.id, action, self.clock.now(), detail=(query.data or "")[:64]
        )
        await query.answer(_("You cannot do this with your role.", locale=self.locale), show_alert=True)


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
    ) -> bool | dict[str, Any]:
        message = event.message if isinstance(event, CallbackQuery) else event
        if not isinstance(message, Message):
            return False
        return {"step": Step(self.flow, message, state, access, repo, clock, bot, locale)}


@dataclass(frozen=True, slots=True)
class WizardTexts:
    step_over: Text  # a button of a step already passed, or of a wizard that ended
    cancelled: Text
    already_done: Text  # a second Confirm


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

    def typed(self, handler: Handler, *states: State, extra: Filter | MagicFilter | None = None) -> None:
        """`handler` takes what the user sends while the wizard is at one of `states`."""
        filters = [StateFilter(*states), StepOf(self.flow), *([extra] if extra is not None else [])]
        self.router.message.register(handler, *filters)

    def button(self, handler: Handler, press: Filter, *states: State) -> None:
        """`handler` runs for `press` only while the wizard is at one of `states`."""
        self.router.callback_query.register(handler, press, StateFilter(*states), StepOf(self.flow))

    def cancel_button(self, press: Filter) -> None:
        self.router.callback_query.register(self._cancel, press)

    def close(self, confirm: Filter) -> None:
        """The answers to presses no step took: a late Confirm, and any other button of this wizard."""
        self.router.callback_query.register(self._late_confirm, confirm)
        self.router.callback_query.register(self._stale, F.data.startswith(f"{self.prefix}:"))

    def is_mine(self, state_name: str | None) -> bool:
        return state_name is not None and any(state_name in group for group in self.groups)

    async def _cancel(self, query: CallbackQuery, state: FSMContext, locale: str) -> None:
        # An old Cancel must not end another wizard the user has started since.
        if self.is_mine(await state.get_state()):
            await state.clear()
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_text(self.texts.cancelled(locale))

    async def _late_confirm(self, query: CallbackQuery, locale: str) -> None:
        await query.answer(self.texts.already_done(locale), show_alert=True)

    async def _stale(self, query: CallbackQuery, locale: str) -> None:
        await query.answer(self.texts.step_over(locale), show_alert=True)


def typed_html(message: Message) -> str | None:
    """What the user typed as Telegram HTML (their bold, italics and links kept, the rest escaped).

    None for media, stickers and commands.
    """
    if message.text is None or message.text.startswith("/"):
        return None
    return message.html_text


def typed_line(message: Message) -> str | None:
    """What the user typed, on one line; None for media, stickers and commands."""
    if message.text is None or message.text.startswith("/"):
        return None
    return " ".join(message.text.split())
