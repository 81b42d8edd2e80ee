"""/stats names a page that holds one post as that one post («Показано 21-е объявление из 21»), never as a
range of one («Показаны 21–21 из 21»); with one post in all, no «shown» line at all."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.support.app import RunningApp
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import SCHOOL, add_tree, grant
from tests.support.post_steps import t
from tests.support.posts import new_post

PSY, PSY_2 = 8471, 8472
MADE = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
ONE_OF_21 = {"kk": "Көрсетілгені: 21-хабарландыру, барлығы: 21", "ru": "Показано 21-е объявление из 21"}


async def _posts(app: RunningApp, count: int) -> None:
    async with app.dp["sessionmaker"]() as session:
        for _ in range(count):
            session.add(
                new_post(author_id=PSY_2, scope_code=SCHOOL, status="done", created_at=MADE, started_at=MADE)
            )
        await session.commit()


async def _psychologist(app: RunningApp, locale: str) -> Any:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY, language_code=locale)
    await pick_language(psy, locale)
    return psy


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_last_page_with_one_post_names_that_post(app: RunningApp, locale: str) -> None:
    psy = await _psychologist(app, locale)
    await _posts(app, 21)
    older = t(app, "Older", locale)
    await psy.send("/stats")
    page = await psy.next_message()
    assert t(app, "Shown: {first}–{last} of {n}", locale, first=1, last=10, n=21) in page["text"]
    for _ in range(2):
        await psy.press(page, button_with(page, older))
        page = await psy.wait_edit(page)
    assert page["text"].startswith(t(app, "<b>Earlier posts</b>", locale) + "\n" + ONE_OF_21[locale])
    assert "21–21" not in page["text"]
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_single_post_has_no_shown_line(app: RunningApp, locale: str) -> None:
    psy = await _psychologist(app, locale)
    await _posts(app, 1)
    await psy.send("/stats")
    stats = await psy.next_message()
    head, first = stats["text"].split("\n")[:2]
    assert head == t(app, "<b>Latest posts</b>", locale)
    assert first.startswith("#1 ")  # the post itself, straight under the heading
    assert "1–1" not in stats["text"]
    assert app.emu.rejections == []
