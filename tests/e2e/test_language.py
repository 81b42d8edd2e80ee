"""Language: chosen at the first /start (pre-selected from Telegram's language), switched by /language."""

import asyncio

import pytest

from bot.i18n import LANGUAGE_NAMES
from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, pick_language


@pytest.mark.parametrize(
    ("telegram_lang", "preselected"), [("kk", "kk"), ("ru", "ru"), ("en", "kk"), (None, "kk")]
)
async def test_first_start_offers_both_languages_preselected(
    app: RunningApp, telegram_lang: str | None, preselected: str
) -> None:
    user = app.emu.user(1001, language_code=telegram_lang)
    await user.send("/start")
    picker = await user.next_message()
    assert "Бот тілін таңдаңыз" in picker["text"]
    assert "Выберите язык бота" in picker["text"]
    texts = button_texts(picker)
    assert f"✅ {LANGUAGE_NAMES[preselected]}" in texts
    assert len(texts) == 2
    assert app.emu.rejections == []


async def test_choice_is_kept_and_menu_follows_it(app: RunningApp) -> None:
    user = app.emu.user(1002, language_code="kk")
    welcome = await pick_language(user, "ru")
    assert "Добро пожаловать" in welcome["text"]
    assert "Помощь прямо сейчас" in " ".join(button_texts(welcome))

    # A second /start goes straight to the menu, in the chosen language.
    await user.send("/start")
    again = await user.next_message()
    assert "Добро пожаловать" in again["text"]

    # The command menu this user sees (their Telegram is in Kazakh) now follows the choice too.
    # It is published right after the reply, so give it a moment on a busy machine.
    for _ in range(60):
        visible = app.emu.visible_commands(1002, 1002, language_code="kk")
        if any(c["description"] == "Сменить язык" for c in visible):
            break
        await asyncio.sleep(0.05)
    assert any(c["description"] == "Сменить язык" for c in visible)
    assert app.emu.rejections == []


async def test_switch_language_with_command(app: RunningApp) -> None:
    user = app.emu.user(1003, language_code="ru")
    await pick_language(user, "ru")
    await user.send("/language")
    picker = await user.next_message()
    assert f"✅ {LANGUAGE_NAMES['ru']}" in button_texts(picker)
    assert "⬅️ Меню" in button_texts(picker), "a user who changes their mind can go back"
    await user.press(picker, button_with(picker, LANGUAGE_NAMES["kk"]))
    welcome = await user.wait_edit(picker)
    assert "Қош келдіңіз" in welcome["text"]
    await user.send("/helplines")
    reply = await user.next_message()
    assert "Барлық көмек телефондары" in reply["text"]
    assert app.emu.rejections == []


async def test_default_command_menus_published_at_start(app: RunningApp) -> None:
    kk = app.emu.commands({"type": "default"}, language_code="kk")
    ru = app.emu.commands({"type": "default"}, language_code="ru")
    default = app.emu.commands({"type": "default"})
    assert [c["command"] for c in kk] == [c["command"] for c in ru] == [c["command"] for c in default]
    assert "helplines" in [c["command"] for c in kk]
    assert "status" not in [c["command"] for c in kk]
    assert default == kk
    assert any("Барлық көмек телефондары" in c["description"] for c in kk)
    assert any("Все телефоны помощи" in c["description"] for c in ru)
    assert any(call.method.lower() == "deletewebhook" for call in app.emu.calls)


async def test_a_choice_is_durable_before_the_bot_confirms_it(app: RunningApp) -> None:
    # The next message may arrive the instant the button is answered; it must already see the new language.
    user = app.emu.user(1004, language_code="ru")
    await pick_language(user, "ru")
    for target, expected in [("kk", "Барлық көмек"), ("ru", "Все телефоны"), ("kk", "Барлық көмек")]:
        await user.send("/language")
        picker = await user.next_message()
        await user.press(picker, button_with(picker, LANGUAGE_NAMES[target]))
        await user.send("/helplines")
        reply = await user.next_message()
        while "Бот тілін" in reply["text"] or not reply["text"].startswith(("Барлық көмек", "Все телефоны")):
            reply = await user.next_message()
        assert expected in reply["text"]
