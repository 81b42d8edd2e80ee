"""A button pressed again while its screen is already showing: no error, no request Telegram would refuse."""

from __future__ import annotations

import logging
import time

import pytest
from aiogram.types import InlineKeyboardMarkup

from bot.emulator.client import emulator_bot
from bot.emulator.methods import editing
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


class EditClock:
    """Stands in for the emulator's clock when it stamps `edit_date`, which counts whole seconds: the tests
    choose which of two edits is the later one, or that both fall in the same second."""

    def __init__(self) -> None:
        self.now = float(int(time.time()))

    def time(self) -> float:
        return self.now


@pytest.fixture
def edit_clock(monkeypatch: pytest.MonkeyPatch) -> EditClock:
    clock = EditClock()
    monkeypatch.setattr(editing, "time", clock)
    return clock


async def redraw_elsewhere(app: RunningApp, chat_id: int, message: dict) -> None:
    """Another instance (webhook mode: any update may go to any process) edits the message, buttons kept."""
    other = emulator_bot(app.emu)
    try:
        await other.edit_message_text(
            "drawn by another instance",
            chat_id=chat_id,
            message_id=message["message_id"],
            reply_markup=InlineKeyboardMarkup.model_validate(message["reply_markup"]),
        )
    finally:
        await other.session.close()


async def test_a_screen_another_instance_redrew_later_is_drawn_again(
    app: RunningApp, edit_clock: EditClock
) -> None:
    user = app.emu.user(6403, language_code="kk")
    welcome = await pick_language(user, "kk")  # this instance draws the kk welcome and remembers it
    await app.idle()
    drawn = welcome["text"]

    # Another instance (webhook mode: any update may go to any process) redraws the screen a moment later.
    edit_clock.now += 5
    await redraw_elsewhere(app, user.id, welcome)
    edits_before = len(app.emu.calls_to("editMessageText"))

    # The press carries that newer screen: this instance's memory of its own kk welcome is older, so the
    # welcome is drawn again rather than judged "already shown".
    await user.press_data(welcome, "lang:kk")
    await app.idle()
    assert len(app.emu.calls_to("editMessageText")) == edits_before + 1
    assert welcome["text"] == drawn
    assert app.emu.rejections == []


async def test_a_quick_second_press_is_not_sent_once_the_first_drew_its_screen(
    app: RunningApp, edit_clock: EditClock
) -> None:
    user = app.emu.user(6404, language_code="kk")
    welcome = await pick_language(user, "kk")
    await app.idle()
    edits_before = len(app.emu.calls_to("editMessageText"))

    # Two presses before either is handled both carry the kk welcome; only this instance's memory knows the
    # first one's later edit, so the second (asking for the same ru screen) is not sent at all.
    edit_clock.now += 5
    presses = [user.press_data(welcome, "lang:ru"), user.press_data(welcome, "lang:ru")]
    for press in presses:
        assert await press is not None
    await app.idle()
    assert len(app.emu.calls_to("editMessageText")) == edits_before + 1
    assert app.emu.rejections == []


async def test_a_quick_second_press_in_the_same_second_is_not_sent_either(
    app: RunningApp, caplog: pytest.LogCaptureFixture, edit_clock: EditClock
) -> None:
    user = app.emu.user(6405, language_code="kk")
    welcome = await pick_language(user, "kk")
    await app.idle()
    caplog.set_level(logging.INFO)
    edits_before = len(app.emu.calls_to("editMessageText"))

    # Both presses carry the kk welcome, which this instance drew in the same second as the first press's
    # edit: whole seconds cannot order them, but the press carries an earlier edit of this instance's own,
    # so its memory of the later one is believed and the second edit is not sent (Telegram would refuse it).
    presses = [user.press_data(welcome, "lang:ru"), user.press_data(welcome, "lang:ru")]
    for press in presses:
        assert await press is not None
    await app.idle()
    assert len(app.emu.calls_to("editMessageText")) == edits_before + 1
    assert app.emu.rejections == []
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert "Қош келдіңіз" not in welcome["text"]


async def test_another_instances_edit_in_the_same_second_is_believed(
    app: RunningApp, edit_clock: EditClock
) -> None:
    user = app.emu.user(6406, language_code="kk")
    welcome = await pick_language(user, "kk")  # this instance draws the kk welcome
    await app.idle()
    drawn = welcome["text"]

    # In the same second another instance redraws it; the press carries that screen, which this instance
    # never wrote, so its older memory is not taken for what is showing and the welcome is drawn again.
    await redraw_elsewhere(app, user.id, welcome)
    edits_before = len(app.emu.calls_to("editMessageText"))
    await user.press_data(welcome, "lang:kk")
    await app.idle()
    assert len(app.emu.calls_to("editMessageText")) == edits_before + 1
    assert welcome["text"] == drawn
    assert app.emu.rejections == []
