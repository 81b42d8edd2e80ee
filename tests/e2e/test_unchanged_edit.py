"""A button pressed again while its screen is already showing: no error, no request Telegram would refuse."""

from __future__ import annotations

import logging

import pytest

from tests.support.app import RunningApp
from tests.support.chat import pick_language


@pytest.mark.parametrize("language", ["kk", "ru"])
async def test_pressing_the_shown_screen_again_changes_nothing_and_fails_nothing(
    app: RunningApp, caplog: pytest.LogCaptureFixture, language: str
) -> None:
    user = app.emu.user(6401 if language == "kk" else 6402, language_code=language)
    welcome = await pick_language(user, language)
    caplog.set_level(logging.INFO)
    before = len(app.emu.rejections)
    edits_before = len(app.emu.calls_to("editMessageText"))

    # Found by the fuzzer: the language a user already has, pressed on the screen that shows it (the same
    # screen again), edited the message to what it already was; Telegram refuses that.
    answer = await user.press_data(welcome, f"lang:{language}")
    await app.idle()
    assert answer is not None
    assert app.emu.rejections[before:] == []
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert len(app.emu.calls_to("editMessageText")) == edits_before

    # A press that does change the screen still edits it.
    other = "ru" if language == "kk" else "kk"
    await user.press_data(welcome, f"lang:{other}")
    await app.idle()
    assert len(app.emu.calls_to("editMessageText")) == edits_before + 1
    assert app.emu.rejections[before:] == []
