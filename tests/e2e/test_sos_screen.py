"""/sos is the help screen a child in crisis may open at night: short, three numbers, words that fit a child
and an adult; the whole list is one button away and is named alike wherever a button opens it."""

from __future__ import annotations

import pytest

from bot.content import Content
from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.register import addresses

CONTENT = Content.load()
SHORT = 600
# What the screen must say of 111 and 112, besides the numbers.
FACTS = {
    "kk": ("тегін", "анонимді", "тәулік бойы", "кез келген телефоннан"),
    "ru": ("бесплатно", "анонимно", "круглосуточно", "с любого телефона"),
}
POLICE = {"kk": "ұрса", "ru": "бьёт"}
ALL = {"kk": "Барлық", "ru": "Все телефоны"}
CRISIS = {"kk": "сыныптастарым мені күнде мазақтайды", "ru": "меня травят в классе, все смеются надо мной"}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_sos_first_screen_is_short_with_111_112_102(app: RunningApp, locale: str) -> None:
    user = app.emu.user(2101 if locale == "kk" else 2102, language_code=locale)
    await user.send("/sos")  # no /start: a first message of /sos works at once
    reply = await user.next_message()
    text = reply["text"]
    assert len(text) <= SHORT, len(text)
    assert text.index("111") < text.index("112") < text.index("102")
    assert all(fact in text.casefold() for fact in FACTS[locale]), text
    assert POLICE[locale] in text
    assert addresses(text, locale) == [], "neither «ты» nor «вы»: a child and a parent read it"
    # The whole list, one press away, edits the screen in place.
    await user.press(reply, button_with(reply, ALL[locale]))
    shown = await user.wait_edit(reply)
    for helpline in CONTENT.helplines:
        assert helpline.text(locale).name in shown["text"]
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_whole_list_speaks_to_a_child_and_a_parent_alike(app: RunningApp, locale: str) -> None:
    user = app.emu.user(2103 if locale == "kk" else 2104, language_code=locale)
    await user.send("/helplines")
    text = (await user.next_message())["text"]
    assert addresses(text, locale) == []
    assert "111" in text and "112" in text and "102" in text


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_every_button_to_the_whole_list_has_one_name(app: RunningApp, locale: str) -> None:
    user = app.emu.user(2105 if locale == "kk" else 2106, language_code=locale)
    welcome = await pick_language(user, locale)
    name = button_texts(welcome)[0]  # the main menu's first button
    await user.send("/sos")
    sos = await user.next_message()
    await user.send(CRISIS[locale])
    note = await user.next_message()
    assert "111" in note["text"], "the crisis reply"
    assert name in button_texts(sos)
    assert name in button_texts(note)
    results = await user.inline("")
    assert name in [r["title"] for r in results]
    assert app.emu.rejections == []
