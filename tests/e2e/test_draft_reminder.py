"""A command that only shows something, typed in the middle of a staff draft, is answered as always and then
followed by one reminder that the draft is still open (its step, Continue and the draft's Cancel). Not after
/cancel, not after a wizard's command (its note says it), not outside a draft, and not to someone who holds no
staff role any more. Through the emulator, in Kazakh and Russian."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import update

from bot.emulator import Emulator
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from db.models import StaffRole
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.org_tree import SCHOOL, add_tree, grant

PSY = 8981
HEADER = re.compile(r"(\d+)/(\d+)-қадам|шаг (\d+) из (\d+)")
KK_TEXT = "Ертең ата-аналар жиналысы болады."
STILL_OPEN = (
    "📝 Your /{command} draft is still open: step {step} of {steps}. Answer the question above, or /cancel."
)
NOT_FINISHED = (
    "✋ Your /{command} draft is not finished: step {step} of {steps}. Continue it, or cancel it and send "
    "/{typed} again."
)
GO_ON = "▶️ Go on with the draft: answer the question above."
CANCELLED = "Cancelled. Nothing was sent."
Message = dict[str, Any]


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    async with running_app(database_url, Overrides(), emulator=emu, limiter=limiter) as running:
        await add_tree(running.dp["sessionmaker"])
        await grant(running.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
        yield running


def t(app: RunningApp, msgid: str, locale: str, **values: Any) -> str:
    text = re.sub(r"<[^>]+>", "", str(app.dp["i18n"].gettext(msgid, locale=locale)))
    return text.format(**values) if values else text


def header(message: Message) -> tuple[int, int]:
    found = HEADER.search(str(message["text"]))
    assert found, f"no step number in {message['text']!r}"
    number, total = (int(g) for g in found.groups() if g is not None)
    return number, total


async def _at_post_text(app: RunningApp, locale: str) -> tuple[Any, Message]:
    """The psychologist in `locale`, at /post's Kazakh text step; returns them and the question."""
    user = app.emu.user(PSY)
    await pick_language(user, locale)
    await user.send("/post")
    return user, await user.next_message()


def _reminder_of(app: RunningApp, message: Message, at: tuple[int, int], locale: str) -> None:
    expected = t(app, STILL_OPEN, locale, command="post", step=at[0], steps=at[1])
    assert message["text"] == expected, (message["text"], expected)
    assert button_texts(message) == ["▶️ " + t(app, "Continue", locale), "✖️ " + t(app, "Cancel", locale)]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_showing_command_is_followed_by_one_reminder(app: RunningApp, locale: str) -> None:
    """/helplines and /stats at /post's text step: each answer as always, then one reminder naming the step;
    its Continue brings the question back, and the text typed next is the post's."""
    user, question = await _at_post_text(app, locale)
    at = header(question)
    await user.send("/helplines")
    helplines = await user.next_message()
    assert "111" in helplines["text"] and "112" in helplines["text"]
    reminder = await user.next_message()
    _reminder_of(app, reminder, at, locale)
    await user.send("/stats")
    stats = await user.next_message()
    assert "111" not in stats["text"] and not stats["text"].startswith("📝")
    _reminder_of(app, await user.next_message(), at, locale)
    await user.expect_no_message(0.3)  # once per answer
    await user.press(reminder, button_with(reminder, t(app, "Continue", locale)))
    assert not (await user.wait_edit(reminder)).get("reply_markup")
    again = await user.next_message()
    assert again["text"] == t(app, GO_ON, locale)
    assert (again.get("reply_to_message") or {}).get("message_id") == question["message_id"]
    await user.send(KK_TEXT)
    assert header(await user.next_message())[0] == at[0] + 1
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_reminders_cancel_ends_the_draft(app: RunningApp, locale: str) -> None:
    user, _question = await _at_post_text(app, locale)
    await user.send("/help")
    await user.next_message()
    reminder = await user.next_message()
    assert reminder["text"].startswith("📝")
    await user.press(reminder, button_with(reminder, t(app, "Cancel", locale)))
    assert (await user.wait_edit(reminder))["text"] == t(app, CANCELLED, locale)
    await user.send("/helplines")  # no draft any more: no reminder
    assert "111" in (await user.next_message())["text"]
    await user.expect_no_message(0.5)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_no_reminder_after_commands_that_end_or_guard_the_draft(app: RunningApp, locale: str) -> None:
    """After /helplines the reminder comes; /event says the draft is not finished (its note is enough);
    /cancel ends the draft; outside a draft /helplines is only answered."""
    user, question = await _at_post_text(app, locale)
    await user.send("/helplines")
    await user.next_message()
    _reminder_of(app, await user.next_message(), header(question), locale)
    await user.send("/event")
    note = await user.next_message()
    values = {"command": "post", "typed": "event", "step": header(question)[0], "steps": header(question)[1]}
    assert note["text"] == t(app, NOT_FINISHED, locale, **values)
    await user.expect_no_message(0.5)
    await user.send("/cancel")
    assert (await user.next_message())["text"] == t(app, CANCELLED, locale)
    await user.expect_no_message(0.5)
    await user.send("/helplines")
    await user.next_message()
    await user.expect_no_message(0.5)
    assert app.emu.rejections == []


async def test_no_reminder_for_someone_no_longer_staff(app: RunningApp) -> None:
    """A role ended behind the draft's back (no /staff, so the draft was not ended): /helplines is answered,
    and nobody is told of a draft they may no longer finish."""
    user, question = await _at_post_text(app, "ru")
    await user.send("/helplines")
    await user.next_message()
    _reminder_of(app, await user.next_message(), header(question), "ru")
    async with app.dp["sessionmaker"]() as session:
        await session.execute(
            update(StaffRole).where(StaffRole.user_id == PSY).values(revoked_at=StaffRole.granted_at)
        )
        await session.commit()
    await user.send("/helplines")
    assert "111" in (await user.next_message())["text"]
    await user.expect_no_message(0.5)
    assert app.emu.rejections == []
