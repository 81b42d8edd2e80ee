"""Two taps on /post's Confirm sent back to back, the second while the first is still being handled: one post
is made and sent once, and the second tap is told, in the author's language, that the post is already
confirmed (a person's updates are handled one at a time, bot/turns.py; before, the second tap could get an
empty answer)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import Post
from tests.support.app import RunningApp
from tests.support.chat import button_with, next_with, pick_language
from tests.support.org_tree import SCHOOL, add_parent, add_tree, grant
from tests.support.post_steps import TEXTS, t
from tests.support.post_wizard import write_post

PSY, PARENT = 8461, 8462


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_second_confirm_sent_at_once_is_told_the_post_is_already_confirmed(
    app: RunningApp, locale: str
) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, PSY, "psychologist", SCHOOL)
    parent = app.emu.user(PARENT)
    await pick_language(parent, "ru")
    await add_parent(sm, PARENT, "ru", (SCHOOL, "5"))
    psy = app.emu.user(PSY, language_code=locale)
    await pick_language(psy, locale)
    await write_post(psy, *TEXTS)
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, t(app, "grade {n}", locale, n="5")))
    grades = await psy.wait_edit(grades)
    await psy.press(grades, button_with(grades, t(app, "Done", locale)))
    urgency = await psy.wait_edit(grades)
    await psy.press(urgency, button_with(urgency, t(app, "Silent", locale)))
    when = await psy.wait_edit(urgency)
    await psy.press(when, button_with(when, t(app, "Now", locale)))
    summary = await next_with(psy, t(app, "<b>Check before sending</b>", locale))

    confirm = button_with(summary, t(app, "Confirm", locale))
    first = psy.press(summary, confirm)
    second = psy.press(summary, confirm)  # sent before the first is answered
    answers = [await first.wait(), await second.wait()]

    already = t(app, "This post is already confirmed; it will not be sent twice.", locale)
    assert answers[0].get("text") in (None, ""), answers  # the first moves on: the summary loses Confirm
    assert answers[1].get("text") == already and answers[1].get("show_alert"), answers
    await next_with(parent, TEXTS[1])
    await parent.expect_no_message(0.5)
    async with sm() as session:
        assert await session.scalar(select(func.count()).select_from(Post)) == 1
    assert app.emu.rejections == []
