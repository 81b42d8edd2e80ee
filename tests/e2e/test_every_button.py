"""Press every button reachable from /start, in both languages; the emulator must reject nothing."""

import pytest

from tests.support.app import RunningApp
from tests.support.chat import callback_buttons, settle

KAZAKH_LETTERS = set("әғқңөұүһі")


def is_kazakh(text: str) -> bool:
    return bool(KAZAKH_LETTERS & set(text.lower()))


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_press_every_button_reachable_from_start(app: RunningApp, locale: str) -> None:
    other = "ru" if locale == "kk" else "kk"
    user = app.emu.user(5001 if locale == "kk" else 5002, language_code=locale)
    await user.send("/start")
    await user.next_message()
    # Switching language or erasing the user changes everything after it: those go last.
    deferred = {f"lang:{other}", "erase:yes"}
    pressed: set[str] = set()

    async def press(message_id: int, data: str) -> bool:
        current = next(m for m in user.messages if m["message_id"] == message_id)
        button = next((b for b in callback_buttons(current) if b["callback_data"] == data), None)
        if button is None:
            return False  # an earlier press edited it away; a later round finds it again
        answer = await user.press(current, button["text"])
        assert answer is not None
        await settle(user)
        return True

    fresh_menus = 0
    for _round in range(30):
        pending = [
            (message["message_id"], button["callback_data"])
            for message in list(user.messages)
            for button in callback_buttons(message)
            if button["callback_data"] not in pressed | deferred
        ]
        if not pending:
            # A screen with no way forward (the language picker): a fresh menu reaches what is left.
            if fresh_menus == 3:
                break
            fresh_menus += 1
            await user.send("/menu")
            await settle(user)
            continue
        for message_id, data in pending:
            if data not in pressed and await press(message_id, data):
                pressed.add(data)

    for message in user.messages:
        text = message.get("text") or ""
        if "Бот тілін таңдаңыз" in text:
            continue  # the picker speaks both languages by design
        assert is_kazakh(text) == (locale == "kk"), text

    for data in sorted(deferred):
        holder = next(
            (m for m in reversed(user.messages) if data in {b["callback_data"] for b in callback_buttons(m)}),
            None,
        )
        if holder is None:
            # The erase confirmation appears after "erase:ask"; open it again if the crawl edited it away.
            continue
        if await press(holder["message_id"], data):
            pressed.add(data)

    assert {"menu:help", "menu:lang", "menu:priv", "menu:main", f"lang:{locale}", "erase:ask"} <= pressed
    assert f"lang:{other}" in pressed
    assert app.emu.rejections == []
