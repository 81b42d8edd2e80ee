"""/forget: the question tells a subscribed parent that school posts will stop; once erased, the message says
so, that /start begins again, and keeps a button to the helplines."""

from __future__ import annotations

import pytest

from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.org_tree import SCHOOL, add_parent, add_tree

POSTS_STOP = {
    "kk": "мектептердің хабарландырулары сізге енді келмейді",
    "ru": "объявления школ больше не будут вам приходить",
}
YES = {"kk": "Иә, өшіру", "ru": "Да, удалить"}
HELPLINES = {"kk": "🆘 Барлық көмек телефондары", "ru": "🆘 Все телефоны помощи"}


async def erase(user, locale: str) -> tuple[str, dict]:
    """/forget and Yes: the question's text and the message as erased."""
    await user.send("/forget")
    ask = await user.next_message()
    await user.press(ask, button_with(ask, YES[locale]))
    return ask["text"], await user.wait_edit(ask)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_parent_hears_posts_stop_and_keeps_a_way_on(app: RunningApp, locale: str) -> None:
    await add_tree(app.dp["sessionmaker"])
    user_id = 8831 if locale == "kk" else 8832
    parent = app.emu.user(user_id, language_code=locale)
    await pick_language(parent, locale)
    await add_parent(app.dp["sessionmaker"], user_id, locale, (SCHOOL, "5"))
    question, done = await erase(parent, locale)
    assert POSTS_STOP[locale] in question.casefold(), question
    assert POSTS_STOP[locale] in done["text"].casefold(), done["text"]
    assert "/start" in done["text"] and "/helplines" in done["text"]
    assert button_texts(done) == [HELPLINES[locale]]
    await parent.press(done, HELPLINES[locale])
    helplines = await parent.wait_edit(done)
    assert "111" in helplines["text"] and "112" in helplines["text"]
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_someone_not_subscribed_is_not_told_of_posts(app: RunningApp, locale: str) -> None:
    user = app.emu.user(8833 if locale == "kk" else 8834, language_code=locale)
    await pick_language(user, locale)
    question, done = await erase(user, locale)
    assert POSTS_STOP[locale] not in question.casefold()
    assert POSTS_STOP[locale] not in done["text"].casefold()
    assert "/start" in done["text"] and button_texts(done) == [HELPLINES[locale]]
    assert app.emu.rejections == []
