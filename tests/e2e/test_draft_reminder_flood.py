"""The «draft still open» reminder (bot/flows/draft_reminder.py) and flood control (handlers/flood.py): a
command over the limit, typed in the middle of a draft, gets the one «too many messages» notice and nothing
else, no reminder on top of it; the updates after it get nothing at all; once the window is past, a command
is answered and reminded of again, and the draft is where it was. Through the emulator, in Kazakh and
Russian, with a flood window whose time the test moves."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.emulator import Emulator
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from bot.outgoing import OutgoingLimiter
from tests.support.app import RunningApp, running_app
from tests.support.chat import pick_language
from tests.support.org_tree import SCHOOL, add_tree, grant

PSY = 8991
LIMIT = 3
KK_TEXT = "Ертең ата-аналар жиналысы болады."
SLOW_DOWN = "Too many messages at once. Please wait a few seconds and try again."
STILL_OPEN = (
    "📝 Your /{command} draft is still open: step {step} of {steps}. Answer the question above, or /cancel."
)


class SteppedFlood(FloodControl):
    """The in-memory flood window, its time moved by the test instead of the wall clock."""

    def __init__(self) -> None:
        super().__init__(limit=LIMIT, window=10.0)
        self.now = 0.0

    async def verdict(self, user_id: int) -> str:
        return self.check(user_id, now=self.now)


@pytest.fixture
async def flood() -> SteppedFlood:
    return SteppedFlood()


@pytest.fixture
async def app(database_url: str, flood: SteppedFlood) -> AsyncIterator[RunningApp]:
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    async with running_app(database_url, Overrides(flood=flood), emulator=emu, limiter=limiter) as running:
        await add_tree(running.dp["sessionmaker"])
        await grant(running.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
        yield running


def t(app: RunningApp, msgid: str, locale: str, **values: Any) -> str:
    text = re.sub(r"<[^>]+>", "", str(app.dp["i18n"].gettext(msgid, locale=locale)))
    return text.format(**values) if values else text


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("command", ["/helplines", "/help", "/post", "/event"])
async def test_a_flooded_command_mid_draft_gets_the_notice_alone(
    app: RunningApp, flood: SteppedFlood, locale: str, command: str
) -> None:
    user = app.emu.user(PSY)
    await pick_language(user, locale)
    await user.send("/post")
    question = await user.next_message()
    flood.now = 100.0  # a fresh window: the updates of the set-up are past it
    reminder = t(app, STILL_OPEN, locale, command="post", step=1, steps=6)
    for _ in range(LIMIT):
        await user.send("/helplines")
        assert "111" in (await user.next_message())["text"]
        assert (await user.next_message())["text"] == reminder
    await user.send(command)  # over the limit: told once to slow down, and nothing else
    assert (await user.next_message())["text"] == t(app, SLOW_DOWN, locale)
    await user.expect_no_message(0.5)
    for later in ("/helplines", "/stats", command):  # absorbed without a word
        await user.send(later)
    await user.expect_no_message(0.5)

    flood.now = 200.0  # the window is past: answered and reminded of as before, the draft where it was
    await user.send("/helplines")
    assert "111" in (await user.next_message())["text"]
    assert (await user.next_message())["text"] == reminder
    await user.expect_no_message(0.3)
    await user.send(KK_TEXT)
    following = await user.next_message()
    assert following["text"] != question["text"] and (
        "2/6" in following["text"] or "2 из 6" in following["text"]
    )
    assert app.emu.rejections == []
