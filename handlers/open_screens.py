"""/cancel typed under a screen of buttons that has ✖️ Cancel and no typed step (/invite's role and place
pickers, /report's periods and areas): it cancels what that button cancels.

Such a screen keeps no draft, so /cancel found no state and said «nothing to cancel» beside the button. The
screen is now marked with a state of `OpenScreen` and its message id while it is open; this handler is in the
first of the staff routers (handlers/staff.py), ahead of /post's general /cancel.
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message

from bot.views.invite_picker import cancelled_text
from bot.views.phrases import cancelled_unchanged

log = logging.getLogger(__name__)

SCREEN = "open_screen"


class OpenScreen(StatesGroup):
    invite = State()
    report = State()


async def opened(state: FSMContext, which: State, message_id: int) -> None:
    """A screen shown: /cancel now ends it. Another flow's draft in progress is left as it is."""
    current = await state.get_state()
    if current is not None and current not in OpenScreen:
        return
    await state.set_state(which)
    await state.set_data({SCREEN: message_id})


async def closed(state: FSMContext, which: State) -> None:
    """The screen's own end (Cancel pressed, the invitation made, the report asked for)."""
    if await state.get_state() == which.state:
        await state.clear()


async def cancel_screen(message: Message, state: FSMContext, bot: Bot, locale: str) -> None:
    current, data = await state.get_state(), await state.get_data()
    await state.clear()
    text = cancelled_text(locale) if current == OpenScreen.invite.state else cancelled_unchanged(locale)
    if screen := data.get(SCREEN):
        # As the button does: the screen says it is cancelled and its buttons go. Telegram may refuse (the
        # screen older than 48 hours, deleted, or already saying so): the new message below says it anyway.
        try:
            await bot.edit_message_text(text, chat_id=message.chat.id, message_id=int(screen))
        except TelegramBadRequest as error:
            log.info("open screen %s not edited on /cancel: %s", screen, error.message)
    await message.answer(text)


def cancel_filter(*report_states: State) -> tuple[Command, StateFilter]:
    return Command("cancel"), StateFilter(OpenScreen.invite, OpenScreen.report, *report_states)
