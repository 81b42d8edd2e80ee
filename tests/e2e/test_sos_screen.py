"""/sos is the help screen a child in crisis may open at night: short, three numbers, words that fit a child
and an adult; the whole list is one button away and is named alike wherever a button opens it. The menu's
crisis button and /sos in a group open the same short screen."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.views.navigation import MenuCb, Screen
from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, buttons, pick_language
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
# The main menu's crisis button, first of the menu.
HELP_NOW = {"kk": "🆘 Көмек дәл қазір керек", "ru": "🆘 Помощь прямо сейчас"}
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
    await pick_language(user, locale)
    await user.send("/sos")
    sos = await user.next_message()
    name = button_texts(sos)[0]  # the short screen's way on to the whole list
    assert ALL[locale] in name
    await user.send(CRISIS[locale])
    note = await user.next_message()
    assert "111" in note["text"], "the crisis reply"
    assert name in button_texts(note)
    results = await user.inline("")
    assert name in [r["title"] for r in results]
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_menus_crisis_button_opens_the_sos_screen(app: RunningApp, locale: str) -> None:
    user = app.emu.user(2107 if locale == "kk" else 2108, language_code=locale)
    welcome = await pick_language(user, locale)
    await user.send("/sos")
    sos = await user.next_message()
    label = button_texts(welcome)[0]  # the first button of the menu
    await user.press(welcome, 0)
    shown = await user.wait_edit(welcome)
    # The press itself shows the three numbers: the same screen as /sos, in place, nothing sent besides.
    assert shown["text"] == sos["text"]
    assert "111" in shown["text"] and "112" in shown["text"]
    assert len(shown["text"]) <= SHORT
    assert button_texts(shown) == button_texts(sos)
    assert len(user.messages) == 2, "the welcome (now the short screen) and /sos's own reply"
    assert label == HELP_NOW[locale], "named for what it opens"
    # The whole list stays one press further.
    await user.press(shown, button_with(shown, ALL[locale]))
    whole = await user.wait_edit(welcome)
    for helpline in CONTENT.helplines:
        assert helpline.text(locale).name in whole["text"]
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_sos_in_a_group_is_the_short_screen_for_any_member(app: RunningApp, locale: str) -> None:
    kk = locale == "kk"
    asker = app.emu.user(2109 if kk else 2110, language_code=locale)
    # Another member who has never written to the bot presses the button.
    other = app.emu.user(2111 if kk else 2112, language_code=locale)
    group = app.emu.group(-100601 if kk else -100602, title="7 Б", members=[asker, other])
    await asker.send("/sos")
    private = await asker.next_message()
    await group.send(asker, "/sos@outreach_test_bot")
    reply = await group.next_message()
    text = reply["text"]
    assert text == private["text"], "the same short screen as in a private chat"
    assert len(text) <= SHORT, len(text)
    assert text.index("111") < text.index("112")
    # Every button works in a group: a press the group router answers, or the chat picker of the share button.
    for b in buttons(reply):
        assert "callback_data" in b or "switch_inline_query" in b, b
    pressed = [b["callback_data"] for b in buttons(reply) if "callback_data" in b]
    assert pressed == [MenuCb(screen=Screen.helplines).pack()], "no private menu under a group's message"
    await other.press(reply, button_with(reply, ALL[locale]))
    whole = await group.wait_edit(reply)
    for helpline in CONTENT.helplines:
        assert helpline.text(locale).name in whole["text"]
    assert "112" in whole["text"]
    assert [b for b in buttons(whole) if "callback_data" in b] == [], "in a group: the share button only"
    assert any("switch_inline_query" in b for b in buttons(whole))
    assert other.messages == [], "nothing goes to the presser's private chat"
    assert app.emu.rejections == []
