"""/helplines: every helpline in one message, in the reader's language, for anyone (/sos: test_sos_screen)."""

import pytest

from bot.content import Content
from tests.support.app import RunningApp
from tests.support.chat import button_with, buttons, pick_language

CONTENT = Content.load()


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("command", ["/helplines"])
async def test_helplines_in_one_message(app: RunningApp, locale: str, command: str) -> None:
    user = app.emu.user(2001, language_code=locale)
    # No /start, no subscription: a first message of /helplines must work at once.
    await user.send(command)
    reply = await user.next_message()
    for helpline in CONTENT.helplines:
        assert helpline.text(locale).name in reply["text"]
        if helpline.phone:
            assert helpline.phone in reply["text"]
    assert "111" in reply["text"] and "112" in reply["text"]
    other = "ru" if locale == "kk" else "kk"
    assert CONTENT.helplines[0].text(other).name not in reply["text"]
    share = [b for b in buttons(reply) if "switch_inline_query" in b]
    assert share, "a share button passes the cards to a friend"
    assert len(user.messages) == 1
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_helplines_from_the_menu_button(app: RunningApp, locale: str) -> None:
    user = app.emu.user(2002, language_code=locale)
    welcome = await pick_language(user, locale)
    await user.press(welcome, 0)  # the first button of the main menu: the short /sos screen
    short = await user.wait_edit(welcome)
    assert "111" in short["text"] and "112" in short["text"]
    await user.press(short, button_with(short, "🆘"))  # and on from it, the whole list
    shown = await user.wait_edit(welcome)
    for helpline in CONTENT.helplines:
        assert helpline.text(locale).name in shown["text"]
    assert app.emu.rejections == []


async def test_helplines_in_a_group_for_everyone(app: RunningApp) -> None:
    member = app.emu.user(2003, language_code="ru")
    group = app.emu.group(-100500, title="5 А", members=[member])
    await group.send(member, "/helplines@outreach_test_bot")
    reply = await group.next_message()
    assert "111" in reply["text"]
    assert app.emu.rejections == []
