"""A post waiting for approval that may no longer be approved: its event has begun, or its author's role
ended. Approve refuses it with an alert in the approver's language, cancels it, every approver's card says
why in its own language and the author is told in theirs, naming the post; /approvals offers it no more (it
is cancelled there the same way, and the list says so once), and an author who blocked the bot is passed over.
An author with several posts waiting is told which one each word is about: «#id «first words…»»."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from db.models import AuditRecord, Post, StaffRole
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_with, pick_language
from tests.support.events import add_event
from tests.support.org_tree import DISTRICT, SCHOOL_2, add_parent, add_tree, grant
from tests.support.post_steps import t
from tests.support.posts import DISTRICT_NOTICE, SHOWN, add_post

AUTHOR, AUTHOR_2, COORD, PARENT = 8481, 8482, 8483, 8484
NOW = datetime(2027, 3, 10, 12, 0, tzinfo=KZ)
OTHER = {"kk": "ru", "ru": "kk"}
EVENT_OVER = "The event of this announcement has already begun or was cancelled: it will not be sent."
AUTHOR_EVENT_OVER = (
    "Your announcement {post}, which was waiting for approval, will not be sent: its event has already begun "
    "or was cancelled."
)
ROLE_GONE = "The author's role no longer covers this audience, so the post will not be sent."
AUTHOR_ROLE_GONE = (
    "Your post {post}, which was waiting for approval, will not be sent: your role no longer covers its "
    "audience."
)
REJECTED = (
    "Your post {post} was not approved: {name} rejected it. It will not be sent; talk it over together."
)
APPROVED = "✅ {name} approved your post {post}; sending has begun. Recipients: {n}."
# A text past 60 characters, stored as /post stores it (escaped), and its first words as the author sees them.
LONG = {
    "kk": "Ертең сағат 18:00-де мектептің акт залында &lt;барлық сыныптар&gt; ата-аналарының жалпы "
    "жиналысы өтеді",
    "ru": "Завтра в 18:00 в актовом зале школы &lt;все классы&gt; пройдёт общее собрание родителей и "
    "учителей",
}
LONG_SHOWN = {
    "kk": "Ертең сағат 18:00-де мектептің акт залында <барлық сыныптар>…",
    "ru": "Завтра в 18:00 в актовом зале школы <все классы> пройдёт…",
}
LIST_HEAD = "<b>Waiting for your approval: {n}</b>\nPress a post to see it with «Approve» and «Reject»."


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    async with running_app(database_url, Overrides(clock=FrozenClock(NOW))) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


async def _announcement(app: RunningApp, author: int, starts_in: timedelta) -> int:
    """A district seminar by `author` and its announcement, waiting for approval; returns the post's id."""
    sm = app.dp["sessionmaker"]
    event_id = await add_event(
        sm,
        organiser_id=author,
        scope_code=DISTRICT,
        place="Дом культуры",
        starts_at=NOW + starts_in,
        created_at=NOW,
        kind="seminar",
    )
    return await _waiting_post(app, author, event_id=event_id)


async def _waiting_post(app: RunningApp, author: int, **columns: Any) -> int:
    return await add_post(
        app.dp["sessionmaker"],
        author_id=author,
        scope_code=DISTRICT,
        status="awaiting_approval",
        created_at=NOW,
        silent=True,
        **columns,
    )


async def _person(app: RunningApp, user_id: int, locale: str) -> Any:
    user = app.emu.user(user_id, language_code=locale)
    await pick_language(user, locale)
    return user


async def _card(app: RunningApp, user: Any, post_id: int, locale: str) -> dict[str, Any]:
    """The approval card of the post, opened from /approvals (after the preview)."""
    await user.send("/approvals")
    listing = await user.next_message()
    await user.press(listing, button_with(listing, f"#{post_id}"))
    approve = t(app, "Approve", locale)
    for _ in range(4):
        message = await user.next_message()
        if any(
            approve in b["text"]
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row
        ):
            return message
    raise AssertionError("no approval card")


def _named(app: RunningApp, msgid: str, locale: str, post_id: int, shown: str, **values: Any) -> str:
    """A word to the author as the chat shows it, naming the post by its id and `shown`, its first words."""
    return t(app, msgid, locale, post="\x00", **values).replace("\x00", f"#{post_id} «{shown}»")


async def _status(app: RunningApp, post_id: int) -> str:
    async with app.dp["sessionmaker"]() as session:
        return str(await session.scalar(select(Post.status).where(Post.id == post_id)))


async def _audits(app: RunningApp, action: str) -> list[str | None]:
    async with app.dp["sessionmaker"]() as session:
        return list(await session.scalars(select(AuditRecord.detail).where(AuditRecord.action == action)))


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_approve_after_the_event_began_tells_every_card_and_the_author(
    app: RunningApp, locale: str
) -> None:
    sm = app.dp["sessionmaker"]
    for user_id in (AUTHOR, COORD):
        await grant(sm, user_id, "coordinator", DISTRICT)
    parent = await _person(app, PARENT, "ru")
    await add_parent(sm, PARENT, "ru", (SCHOOL_2, "9"))
    author = await _person(app, AUTHOR, locale)
    coord = await _person(app, COORD, locale)
    admin = await _person(app, ADMIN_ID, OTHER[locale])
    post_id = await _announcement(app, AUTHOR, timedelta(hours=2))
    card = await _card(app, coord, post_id, locale)
    admin_card = await _card(app, admin, post_id, OTHER[locale])

    app.dp["clock"].advance(timedelta(hours=2, minutes=1))  # the seminar has begun
    answer = await coord.press(card, button_with(card, t(app, "Approve", locale)))
    assert answer["text"] == t(app, EVENT_OVER, locale) and answer["show_alert"], answer
    told = await coord.wait_edit(card)
    assert told["text"] == t(app, EVENT_OVER, locale) and not told.get("reply_markup")
    # The admin's card says it too, in the admin's language, and loses Approve / Reject.
    told = await admin.wait_edit(admin_card)
    assert told["text"] == t(app, EVENT_OVER, OTHER[locale]) and not told.get("reply_markup")
    # The author learns it will not go, in their language, and which post it was.
    told = (await author.next_message())["text"]
    assert told == _named(app, AUTHOR_EVENT_OVER, locale, post_id, SHOWN[locale]), told
    assert await _status(app, post_id) == "cancelled"
    assert await _audits(app, "post.rejected") == ["event over"]
    app.dp["broadcaster"].wake()
    await parent.expect_no_message(0.5)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_approvals_no_longer_offers_a_post_that_may_not_be_approved(
    app: RunningApp, locale: str
) -> None:
    sm = app.dp["sessionmaker"]
    for user_id in (AUTHOR, AUTHOR_2, COORD):
        await grant(sm, user_id, "coordinator", DISTRICT)
    author = await _person(app, AUTHOR, locale)
    author_2 = await _person(app, AUTHOR_2, OTHER[locale])
    coord = await _person(app, COORD, locale)
    seminar = await _announcement(app, AUTHOR, timedelta(hours=1))
    revoked = await _waiting_post(app, AUTHOR_2)
    fine = await _waiting_post(app, AUTHOR)
    await coord.send("/approvals")
    before = await coord.next_message()
    assert before["text"].startswith(t(app, LIST_HEAD, locale, n=3))
    revoked_card = await _card(app, coord, revoked, locale)

    # The seminar begins; the second author's role is revoked (as /staff does) and they block the bot.
    app.dp["clock"].advance(timedelta(hours=1, minutes=1))
    async with sm() as session:
        await session.execute(update(StaffRole).where(StaffRole.user_id == AUTHOR_2).values(revoked_at=NOW))
        await session.commit()
    await author_2.block()

    # The list shown before still has the seminar's button: it opens no card, it says why.
    answer = await coord.press(before, button_with(before, f"#{seminar}"))
    assert answer["text"] == t(app, EVENT_OVER, locale) and answer["show_alert"], answer
    told = (await author.next_message())["text"]
    assert told == _named(app, AUTHOR_EVENT_OVER, locale, seminar, SHOWN[locale]), told

    await coord.send("/approvals")
    listing = await coord.next_message()
    note = f"#{revoked}: " + t(app, ROLE_GONE, locale)
    assert listing["text"].startswith(note + "\n\n" + t(app, LIST_HEAD, locale, n=1)), listing["text"]
    assert f"#{fine} " in listing["text"] and f"#{seminar} " not in listing["text"]
    told = await coord.wait_edit(revoked_card)
    assert told["text"] == t(app, ROLE_GONE, locale) and not told.get("reply_markup")
    assert [await _status(app, p) for p in (seminar, revoked, fine)] == [
        "cancelled",
        "cancelled",
        "awaiting_approval",
    ]
    assert sorted(d or "" for d in await _audits(app, "post.expired")) == [
        "author's role ended",
        "event over",
    ]
    # Told once: the next look is the plain list.
    await coord.send("/approvals")
    assert (await coord.next_message())["text"].startswith(t(app, LIST_HEAD, locale, n=1))
    await author.expect_no_message(0.3)
    async with sm() as session:
        assert await session.scalar(select(func.count()).select_from(Post)) == 3
    # The one request refused: the word to the author who blocked the bot, which changed nothing.
    assert [(r.error_code, str(r.params.get("chat_id"))) for r in app.emu.rejections] == [
        (403, str(AUTHOR_2))
    ]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_author_of_several_waiting_posts_is_told_which_one(app: RunningApp, locale: str) -> None:
    """Rejected, approved, cancelled: each word to the author names its post, «#id «first words…»», in the
    author's language whatever the approver's, escaped and cut at a word."""
    sm = app.dp["sessionmaker"]
    for user_id in (AUTHOR, COORD):
        await grant(sm, user_id, "coordinator", DISTRICT)
    author = await _person(app, AUTHOR, locale)
    coord = await _person(app, COORD, OTHER[locale])
    first = await _waiting_post(app, AUTHOR)
    long = await _waiting_post(app, AUTHOR, text=LONG)
    last = await _waiting_post(app, AUTHOR, text=DISTRICT_NOTICE)

    card = await _card(app, coord, long, OTHER[locale])
    await coord.press(card, button_with(card, t(app, "Reject", OTHER[locale])))
    ask = await coord.next_message()  # the reason is asked first; none is given
    await coord.press(ask, button_with(ask, t(app, "Reject without a reason", OTHER[locale])))
    done = await coord.next_message()
    assert done["text"] == t(app, "Rejected. The author has been told.", OTHER[locale])
    told = (await author.next_message())["text"]
    assert f"#{long} «{LONG_SHOWN[locale]}»" in told, told
    assert told == _named(app, REJECTED, locale, long, LONG_SHOWN[locale], name="User"), told

    card = await _card(app, coord, first, OTHER[locale])
    await coord.press(card, button_with(card, t(app, "Approve", OTHER[locale])))
    told = (await author.next_message())["text"]
    assert f"#{first} «{SHOWN[locale]}»" in told, told
    assert told == _named(app, APPROVED, locale, first, SHOWN[locale], name="User", n=0), told

    # The author's role is revoked (as /staff does): the list cancels the last one, and the author is told.
    async with sm() as session:
        await session.execute(update(StaffRole).where(StaffRole.user_id == AUTHOR).values(revoked_at=NOW))
        await session.commit()
    await coord.send("/approvals")
    await coord.next_message()
    told = (await author.next_message())["text"]
    assert told == _named(app, AUTHOR_ROLE_GONE, locale, last, DISTRICT_NOTICE[locale]), told
    await author.expect_no_message(0.3)
    assert [await _status(app, p) for p in (long, last)] == ["rejected", "cancelled"]
    assert app.emu.rejections == []


# What the line under the three notes says: how many more posts, and what became of them.
MORE = {
    ("kk", 1): "…тағы 1 хабарландыру да жіберілмейді",
    ("kk", 5): "…тағы 5 хабарландыру да жіберілмейді",
    ("ru", 1): "…и ещё 1 объявление, которое не будет отправлено",
    ("ru", 2): "…и ещё 2 объявления, которые не будут отправлены",
    ("ru", 5): "…и ещё 5 объявлений, которые не будут отправлены",
}


@pytest.mark.parametrize(("locale", "n"), sorted(MORE))
async def test_the_list_says_what_the_posts_beyond_its_notes_are(
    app: RunningApp, locale: str, n: int
) -> None:
    sm = app.dp["sessionmaker"]
    for user_id in (AUTHOR, COORD):
        await grant(sm, user_id, "coordinator", DISTRICT)
    author = await _person(app, AUTHOR, OTHER[locale])
    coord = await _person(app, COORD, locale)
    numbered = [
        {"kk": f"Аудан бойынша № {i} хабарландыру", "ru": f"Объявление № {i} по району"} for i in range(3 + n)
    ]
    posts = [await _waiting_post(app, AUTHOR, text=text) for text in numbered]
    async with sm() as session:
        await session.execute(update(StaffRole).where(StaffRole.user_id == AUTHOR).values(revoked_at=NOW))
        await session.commit()

    await coord.send("/approvals")
    # The author is told of each before the list is sent, at Telegram's pace for one chat.
    listing = (await coord.next_message(timeout=60))["text"]
    notes = [f"#{p}: " + t(app, ROLE_GONE, locale) for p in posts[:3]]
    nothing = t(app, "Nothing is waiting for your approval now.", locale)
    assert listing == "\n".join([*notes, MORE[locale, n]]) + "\n\n" + nothing, listing
    # The author is told of each, in their own language, by its number and first words.
    told = [(await author.next_message())["text"] for _ in posts]
    assert told == [
        _named(app, AUTHOR_ROLE_GONE, OTHER[locale], p, text[OTHER[locale]])
        for p, text in zip(posts, numbered, strict=True)
    ]
