"""The reminder after a command answered in the middle of a draft: «your /<command> draft is still open».

A command that only shows something (/helplines, /help, /stats, /language, an unknown one ...) is answered
by its own handler, in the middle of a draft as anywhere, and leaves the draft where it was (wizard.py).
Its answer then stands below the step's question, and nothing said the draft still waits: this middleware,
around every message handler of the dispatcher, adds one short note after such an answer, with the step the
draft is at, Continue and the draft's Cancel (draft_note.py's buttons, answered by the draft's wizard).

Only for staff (the drafts are theirs), only at a step of a draft `Wizard.start` guards (the dispatcher's
`drafts`), only when the command left the draft as it was: /cancel ends it, a command that starts a flow
moves the state on, and a wizard's own command already answers with the note «draft is not finished» (its
handler carries `GUARDS`). Not after an update flood control swallows, nor in a group.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.enums import ChatType
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject
from aiogram.utils.i18n import gettext as _

from bot.flows.draft_note import GUARDS, Drafts, unfinished_keyboard
from bot.flows.wizard import draft_step
from bot.middlewares.throttling import THROTTLED
from bot.settings import Settings
from db.repositories import Repositories

Next = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


def still_open_text(command: str, at: tuple[int, int] | None, locale: str) -> str:
    """The /`command` draft is still open, at step `at` (its number and how many steps its header counts;
    None when the step has no number)."""
    if at is None:
        text = _(
            "📝 Your /{command} draft is still open. Answer the question above, or /cancel.", locale=locale
        )
        return text.format(command=command)
    text = _(
        "📝 Your /{command} draft is still open: step {step} of {steps}. Answer the question above, or "
        "/cancel.",
        locale=locale,
    )
    return text.format(command=command, step=at[0], steps=at[1])


class DraftReminder(BaseMiddleware):
    """Inner middleware on the dispatcher's messages (bot/factory.py): it runs around whichever handler
    answers, after that handler's filters."""

    async def __call__(self, handler: Next, event: TelegramObject, data: dict[str, Any]) -> Any:
        state: FSMContext | None = data.get("state")
        drafts: Drafts | None = data.get("drafts")
        # The state as the update's turn read it (bot/turns.py): no read of its own outside a draft.
        before: str | None = data.get("raw_state")
        owner = drafts.owner(before) if drafts is not None else None
        if owner is None or state is None or not isinstance(event, Message) or not _a_command(event):
            return await handler(event, data)
        answered = await handler(event, data)
        answered_by: HandlerObject | None = data.get("handler")
        if answered_by is not None and GUARDS in answered_by.flags:
            return answered
        if data.get(THROTTLED) or await state.get_state() != before or not await _staff(event, data):
            return answered
        flow, command = owner
        locale = str(data.get("locale") or "")
        await event.answer(
            still_open_text(command, await draft_step(state), locale),
            reply_markup=unfinished_keyboard(flow, locale),
        )
        return answered


def _a_command(message: Message) -> bool:
    """A command typed in a private chat (a draft is a private conversation)."""
    text = message.text
    return message.chat.type == ChatType.PRIVATE and text is not None and text.startswith("/")


async def _staff(message: Message, data: dict[str, Any]) -> bool:
    """The sender holds a staff role now: the staff router has said so (`access`), or the database does."""
    if data.get("access") is not None:
        return True
    user = message.from_user
    repo: Repositories | None = data.get("repo")
    settings: Settings | None = data.get("settings")
    if user is None or repo is None:
        return False
    if settings is not None and user.id in settings.admin_ids:
        return True
    return await repo.staff.is_staff(user.id)
