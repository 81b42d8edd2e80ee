"""/approvals finds posts that may no longer be approved (their authors' roles ended): the approver, who is
waiting, gets the list first, and only then are the authors and the other approvers' cards told. Before, every
author was messaged first, at Telegram's pace, and a failure to reach one lost the list (the approver got an
apology instead)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import update

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from db.models import StaffRole
from tests.support.app import RunningApp, running_app
from tests.support.chat import pick_language
from tests.support.org_tree import DISTRICT, add_tree, grant
from tests.support.post_steps import t
from tests.support.posts import add_post

AUTHOR, AUTHOR_2, COORD = 9321, 9322, 9323
NOW = datetime(2027, 3, 10, 12, 0, tzinfo=KZ)
OTHER = {"kk": "ru", "ru": "kk"}
ROLE_GONE = "The author's role no longer covers this audience, so the post will not be sent."
AUTHOR_ROLE_GONE = (
    "Your post {post}, which was waiting for approval, will not be sent: your role no longer covers its "
    "audience."
)
NOTICES = [{"kk": f"Аудан бойынша № {i} хабарландыру", "ru": f"Объявление № {i} по району"} for i in range(3)]


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    async with running_app(database_url, Overrides(clock=FrozenClock(NOW))) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


async def _person(app: RunningApp, user_id: int, locale: str) -> Any:
    user = app.emu.user(user_id, language_code=locale)
    await pick_language(user, locale)
    return user


async def _stale_posts(app: RunningApp) -> list[int]:
    """Three posts waiting for approval, the first by AUTHOR, the others by AUTHOR_2, whose roles then end
    (taken away in the database, so that only /approvals finds them)."""
    sm = app.dp["sessionmaker"]
    posts = [
        await add_post(
            sm,
            author_id=author,
            scope_code=DISTRICT,
            status="awaiting_approval",
            created_at=NOW,
            text=text,
            silent=True,
        )
        for author, text in zip((AUTHOR, AUTHOR_2, AUTHOR_2), NOTICES, strict=True)
    ]
    async with sm() as session:
        await session.execute(
            update(StaffRole).where(StaffRole.user_id.in_((AUTHOR, AUTHOR_2))).values(revoked_at=NOW)
        )
        await session.commit()
    return posts


def _sent_to(app: RunningApp) -> list[int]:
    """The chats of every sendMessage the bot made, in order."""
    return [int(call.params["chat_id"]) for call in app.emu.calls_to("sendMessage")]


def _named(app: RunningApp, locale: str, post_id: int, text: dict[str, str]) -> str:
    return t(app, AUTHOR_ROLE_GONE, locale, post="\x00").replace("\x00", f"#{post_id} «{text[locale]}»")


async def _setup(app: RunningApp, locale: str) -> tuple[Any, Any, Any, list[int]]:
    sm = app.dp["sessionmaker"]
    for user_id in (AUTHOR, AUTHOR_2, COORD):
        await grant(sm, user_id, "coordinator", DISTRICT)
    author = await _person(app, AUTHOR, OTHER[locale])
    author_2 = await _person(app, AUTHOR_2, locale)
    coord = await _person(app, COORD, locale)
    return author, author_2, coord, await _stale_posts(app)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_approver_gets_the_list_before_the_authors_are_told(app: RunningApp, locale: str) -> None:
    author, author_2, coord, posts = await _setup(app, locale)
    app.emu.reset_records()

    await coord.send("/approvals")
    listing = (await coord.next_message())["text"]
    notes = "\n".join(f"#{p}: " + t(app, ROLE_GONE, locale) for p in posts)
    assert listing == notes + "\n\n" + t(app, "Nothing is waiting for your approval now.", locale), listing
    assert (await author.next_message())["text"] == _named(app, OTHER[locale], posts[0], NOTICES[0])
    told = [(await author_2.next_message())["text"] for _ in range(2)]
    assert told == [_named(app, locale, p, text) for p, text in zip(posts[1:], NOTICES[1:], strict=True)]
    assert _sent_to(app) == [COORD, AUTHOR, AUTHOR_2, AUTHOR_2]
    assert app.emu.rejections == []


async def test_an_author_telegram_fails_to_reach_loses_neither_the_list_nor_the_others(
    app: RunningApp,
) -> None:
    author, author_2, coord, posts = await _setup(app, "ru")
    app.emu.reset_records()
    app.emu.inject_fault("sendMessage", 500, chat_id=AUTHOR)

    await coord.send("/approvals")
    listing = (await coord.next_message())["text"]
    assert listing.startswith(f"#{posts[0]}: " + t(app, ROLE_GONE, "ru")), listing
    told = [(await author_2.next_message())["text"] for _ in range(2)]
    assert told == [_named(app, "ru", p, text) for p, text in zip(posts[1:], NOTICES[1:], strict=True)]
    # No apology follows the list: nothing went wrong for the approver.
    await coord.expect_no_message(0.5)
    await author.expect_no_message(0.1)
    assert _sent_to(app).count(AUTHOR) == 1 and not app.emu.faults.pending  # the 500 was met
