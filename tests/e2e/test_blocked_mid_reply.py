"""A user who blocks the bot while their message is being answered: no error, no apology sent after."""

from __future__ import annotations

import logging

import pytest

from tests.support.app import RunningApp
from tests.support.chat import pick_language


@pytest.mark.parametrize("language", ["kk", "ru"])
async def test_a_reply_refused_with_403_is_not_an_error(
    app: RunningApp, caplog: pytest.LogCaptureFixture, language: str
) -> None:
    user = app.emu.user(6301, language_code=language)
    await pick_language(user, language)

    # Found by tests/e2e/test_fuzz_updates.py: a message, then "block" at once; the reply gets 403.
    def sends() -> int:
        return len([c for c in app.emu.calls_to("sendMessage") if str(c.params.get("chat_id")) == "6301"])

    before = sends()
    app.emu.inject_fault("sendMessage", 403, count=5, chat_id=6301)
    caplog.set_level(logging.INFO)
    await user.send("/help")
    await app.idle()
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    # One refused reply and no apology sent after it into the same closed chat.
    assert sends() - before == 1
