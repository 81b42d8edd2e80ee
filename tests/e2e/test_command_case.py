"""A command typed in capitals (/Help, /FORGET, /START, a phone's capital first letter) is the command: the
same answer as in small letters, never «Такой команды я не знаю»; what follows the command keeps its case."""

from __future__ import annotations

import pytest

from tests.support.app import RunningApp
from tests.support.chat import pick_language
from tests.support.org_tree import SCHOOL, add_tree

UNKNOWN = {"kk": "Мұндай команданы білмеймін", "ru": "Такой команды я не знаю"}
TYPED = ["/Help", "/HELP", "/FORGET", "/Helplines", "/MyData", "/Measures", "/SOS", "/Menu"]


async def answer_to(user, text: str) -> str:
    await user.send(text)
    message = await user.next_message()
    if "document" in message:  # /mydata: the file, then its summary
        message = await user.next_message()
    return message["text"]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_commands_in_capitals_are_the_commands(app: RunningApp, locale: str) -> None:
    base = 7301 if locale == "kk" else 7331
    for n, typed in enumerate(TYPED):
        small, capital = app.emu.user(base + 2 * n), app.emu.user(base + 2 * n + 1)
        await pick_language(small, locale)
        await pick_language(capital, locale)
        expected = await answer_to(small, typed.lower())
        got = await answer_to(capital, typed)
        assert UNKNOWN[locale] not in got, typed
        assert got == expected, typed
    assert app.emu.rejections == []


async def test_start_in_capitals_with_a_schools_link(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    first, second = app.emu.user(7361, language_code="ru"), app.emu.user(7362, language_code="ru")
    assert await answer_to(first, "/START") == await answer_to(second, "/start")
    # The school's code after it is read as it was typed.
    linked = await answer_to(app.emu.user(7363, language_code="ru"), f"/Start school_{SCHOOL}")
    assert linked == await answer_to(app.emu.user(7364, language_code="ru"), f"/start school_{SCHOOL}")
    assert UNKNOWN["ru"] not in linked and "Школа № 1" in linked, linked
    assert app.emu.rejections == []
