"""The skeleton every staff wizard shares: one handler per button, guarded against stale and cancelled steps.

A wizard's buttons are typed CallbackData classes sharing one prefix. Each step handler is registered for its
own class (and action) in the states where it makes sense; whatever press of the prefix no step takes is an
old button of a step already over, answered with one alert here instead of in every handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import F, Router
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

Text = Callable[[str], str]


class OnMessage(Filter):
    """Lets through presses on a message the bot can still edit, and hands it to the handler as `message`."""

    async def __call__(self, query: CallbackQuery) -> bool | dict[str, Any]:
        return {"message": query.message} if isinstance(query.message, Message) else False


@dataclass(frozen=True, slots=True)
class WizardTexts:
    step_over: Text  # a button of a step already passed, or of a wizard that ended
    cancelled: Text
    already_done: Text  # a second Confirm


class Wizard:
    """Registers a wizard's buttons on its feature router; `close()` goes last, after every step."""

    def __init__(
        self,
        router: Router,
        states: type[StatesGroup],
        prefix: str,
        texts: WizardTexts,
        also: tuple[type[StatesGroup], ...] = (),
    ) -> None:
        """`also`: further state groups the wizard's Cancel ends (a side conversation started from it)."""
        self.router, self.prefix, self.texts = router, prefix, texts
        self.groups = (states, *also)

    def button(self, handler: Callable[..., Awaitable[Any]], press: Filter, *states: State) -> None:
        """`handler` runs for `press` only while the wizard is at one of `states`."""
        self.router.callback_query.register(handler, press, StateFilter(*states), OnMessage())

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


async def show(message: Message, text: str, markup: InlineKeyboardMarkup | None, *, edit: bool) -> None:
    """A step's question: in place of the bot's message a button was pressed on, or as a new message."""
    if edit:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


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
