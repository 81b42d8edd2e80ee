"""/stats shows ten posts a page: Older / Newer turn the page (their data holds a post id, never text), the
author's own posts that may still be stopped have their button on whichever page they are, and a page press
that finds nothing (stale, or made up) is answered with a polite alert and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.views.stats import StatsPageCb, Way
from db.models import Post
from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.org_tree import OTHER_SCHOOL, SCHOOL, add_tree, grant
from tests.support.post_steps import t
from tests.support.posts import new_post

PSY, PSY_2 = 8451, 8452
MADE = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
OURS = 23  # posts in the school; the author's own scheduled one is #5
OWN = 5


async def _add_posts(app: RunningApp) -> None:
    async with app.dp["sessionmaker"]() as session:
        for number in range(1, OURS + 1):
            if number == OWN:
                post = new_post(
                    author_id=PSY,
                    scope_code=SCHOOL,
                    status="scheduled",
                    created_at=MADE,
                    send_at=MADE + timedelta(days=60),
                    silent=True,
                )
            else:
                post = new_post(
                    author_id=PSY_2, scope_code=SCHOOL, status="done", created_at=MADE, started_at=MADE
                )
            session.add(post)
            await session.flush()  # ids in this order
        # Two more of another district's school, which the psychologist never sees: #24 and #25.
        for _ in range(2):
            session.add(new_post(author_id=PSY_2, scope_code=OTHER_SCHOOL, status="done", created_at=MADE))
        await session.commit()


def _ids(message: dict[str, Any]) -> list[int]:
    """The posts the page lists, in its order."""
    return [int(line[1:].split(" ")[0]) for line in message["text"].split("\n") if line[:1] == "#"]


def _page(app: RunningApp, locale: str, first: int, last: int) -> str:
    return t(app, "Shown: {first}–{last} of {n}", locale, first=first, last=last, n=OURS)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_stats_pages_through_the_posts_and_stops_one_on_a_later_page(
    app: RunningApp, locale: str
) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, PSY, "psychologist", SCHOOL)
    await _add_posts(app)
    psy = app.emu.user(PSY, language_code=locale)
    await pick_language(psy, locale)
    older, newer = t(app, "Older", locale), t(app, "Newer", locale)
    stop = t(app, "Stop sending", locale)

    await psy.send("/stats")
    stats = await psy.next_message()
    assert stats["text"].startswith(t(app, "<b>Latest posts</b>", locale) + "\n" + _page(app, locale, 1, 10))
    assert _ids(stats) == list(range(23, 13, -1))
    assert button_texts(stats) == [f"{older} ▶️"]

    await psy.press(stats, button_with(stats, older))
    second = await psy.wait_edit(stats)
    assert second["text"].startswith(
        t(app, "<b>Earlier posts</b>", locale) + "\n" + _page(app, locale, 11, 20)
    )
    assert _ids(second) == list(range(13, 3, -1))
    assert button_texts(second) == [f"✖️ #{OWN}: {stop}", f"◀️ {newer}", f"{older} ▶️"]
    # The subscribers are on every page.
    assert t(app, "<b>Subscribers</b>", locale) in second["text"]

    # The author's own post, found on the second page, is stopped from there.
    await psy.press(second, button_with(second, f"#{OWN}"))
    question = await psy.next_message()
    await psy.press(question, button_with(question, t(app, "Yes, stop it", locale)))
    stopped = await psy.wait_edit(question)
    assert stopped["text"] == t(app, "Post #{id} has been stopped; nobody will get it.", locale, id=OWN)
    async with sm() as session:
        assert await session.scalar(select(Post.status).where(Post.id == OWN)) == "withdrawn"

    await psy.press(second, button_with(second, older))
    third = await psy.wait_edit(second)
    assert _page(app, locale, 21, 23) in third["text"]
    assert _ids(third) == [3, 2, 1]
    assert button_texts(third) == [f"◀️ {newer}"]

    await psy.press(third, button_with(third, newer))
    back = await psy.wait_edit(third)
    assert _ids(back) == list(range(13, 3, -1))
    assert button_texts(back) == [f"◀️ {newer}", f"{older} ▶️"]  # #5 is stopped: nothing left to stop
    assert t(app, "withdrawn by the author", locale).capitalize() in back["text"]
    await psy.press(back, button_with(back, newer))
    latest = await psy.wait_edit(back)
    assert _ids(latest) == list(range(23, 13, -1))
    assert button_texts(latest) == [f"{older} ▶️"]

    # Pages that hold nothing for this viewer: before the first post, after the last of their school (#24
    # and #25 are another district's), and ids that name no post at all.
    sorry = t(app, "That page of posts is no longer there. Send /stats to see the latest ones.", locale)
    for way, edge in ((Way.older, 1), (Way.newer, OURS), (Way.newer, 10**9), (Way.older, -5)):
        answer = await psy.press_data(latest, StatsPageCb(way=way, edge=edge).pack())
        assert answer["text"] == sorry and answer["show_alert"], (way, edge)
    assert psy.messages[-2]["text"] == latest["text"]  # the page shown stays as it was
    assert app.emu.rejections == []
