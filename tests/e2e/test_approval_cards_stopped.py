"""A post waiting for approval stopped by something other than an approver or the author's «Stop sending»:
withdrawing its public update from /myupdates, or cancelling the event it announces. Every approver's card
says so at once, in the card's own language, and loses Approve / Reject (before, the cards learnt it only
when pressed)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest

from bot.clock import KZ, FrozenClock
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.flows.publish import ask_approvers
from bot.outgoing import OutgoingLimiter
from db.models import MeasureUpdate, Post
from db.repositories import Repositories
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_with, next_with, pick_language
from tests.support.events import add_event
from tests.support.org_tree import DISTRICT, add_tree, grant
from tests.support.post_steps import TEXTS, card_head, t
from tests.support.posts import add_post
from tests.support.small_plan import PLAN_CODE, small_catalogue

COORD, COORD_2 = 8951, 8952  # the author, and the other coordinator of the district
MONDAY = datetime(2026, 12, 7, 12, 0, tzinfo=KZ)
SATURDAY_18 = datetime(2026, 12, 12, 18, 0, tzinfo=KZ)
OTHER = {"kk": "ru", "ru": "kk"}
WITHDRAWN = "The author has withdrawn this post; it will not be sent."
EVENT_OVER = "The event of this announcement has already begun or was cancelled: it will not be sent."
AUTHOR_EVENT_OVER = (
    "Your announcement {post}, which was waiting for approval, will not be sent: its event has already begun "
    "or was cancelled."
)
EVENT_CARD = (
    "<b>An event announcement needs your approval</b>\nFrom: {author}\nTo: {audience} ({n})\n"
    "Sending: {when}\nMode: {mode}\nThe announcement itself is above; parents will answer with its buttons."
)


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    # The author's conversation would wait out Telegram's per-chat pace (1/s); pacing has tests of its own.
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    overrides = Overrides(clock=FrozenClock(MONDAY), catalogue=small_catalogue())
    async with running_app(database_url, overrides, emulator=emu, limiter=limiter) as running:
        sm = running.dp["sessionmaker"]
        await add_tree(sm)
        await grant(sm, COORD, "coordinator", DISTRICT)
        await grant(sm, COORD_2, "coordinator", DISTRICT)
        yield running


async def _people(app: RunningApp, locale: str) -> tuple[Any, dict[int, str]]:
    """The author in `locale`; the approvers: the other coordinator in `locale`, the admin in the other
    language. Returns the author and each approver's language."""
    languages = {COORD_2: locale, ADMIN_ID: OTHER[locale]}
    for user_id, language in ((COORD, locale), *languages.items()):
        await pick_language(app.emu.user(user_id, language_code=language), language)
    return app.emu.user(COORD), languages


def _event_card_head(app: RunningApp, locale: str) -> str:
    """The first line of the approval card of an event's announcement."""
    return t(app, EVENT_CARD, locale).split("\n")[0]


async def _ask(
    app: RunningApp, post_id: int, languages: dict[int, str], *, event: bool = False
) -> dict[int, dict[str, Any]]:
    """The approval request goes out as /post, /update and /event send it; each approver's card, by
    approver (`event`: the card of an event's announcement)."""
    async with app.dp["sessionmaker"]() as session:
        with app.dp["i18n"].context():
            asked = await ask_approvers(post_id, Repositories(session), app.bot, frozenset({ADMIN_ID}))
        await session.commit()
    assert asked == len(languages)
    return {
        user_id: await next_with(
            app.emu.user(user_id), _event_card_head(app, language) if event else card_head(app, language)
        )
        for user_id, language in languages.items()
    }


async def _check_told(
    app: RunningApp, cards: dict[int, dict[str, Any]], languages: dict[int, str], msgid: str
) -> None:
    """Once the author's press is handled, with no more waiting: every card says `msgid` in its language
    and has no buttons."""
    await app.idle()
    for user_id, card in cards.items():
        shown = app.emu.world.chats[user_id].messages[card["message_id"]]
        assert shown["text"] == t(app, msgid, languages[user_id]), (user_id, shown["text"])
        assert not shown.get("reply_markup"), user_id


async def _status(app: RunningApp, post_id: int) -> str:
    async with app.dp["sessionmaker"]() as session:
        post = await session.get(Post, post_id)
        assert post is not None
        return post.status


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_withdrawing_an_update_from_myupdates_tells_the_cards_of_its_notice(
    app: RunningApp, locale: str
) -> None:
    coord, languages = await _people(app, locale)
    sm = app.dp["sessionmaker"]
    # A district-wide public update: its notice to parents waits for approval.
    post_id = await add_post(
        sm,
        author_id=COORD,
        scope_code=DISTRICT,
        status="awaiting_approval",
        created_at=MONDAY,
        text={"kk": TEXTS[0], "ru": TEXTS[1]},
        silent=True,
    )
    async with sm() as session:
        update = MeasureUpdate(
            plan=PLAN_CODE,
            measure_no=3,
            org_code=DISTRICT,
            author_id=COORD,
            text_kk=TEXTS[0],
            text_ru=TEXTS[1],
            figures={},
            done_on=MONDAY.date(),
            status="in_progress",
            public=True,
            created_at=MONDAY,
            post_id=post_id,
        )
        session.add(update)
        await session.commit()
        update_id = update.id
    cards = await _ask(app, post_id, languages)

    await coord.send("/myupdates")
    mine = await coord.next_message()
    await coord.press(mine, button_with(mine, t(app, "Withdraw #{id}", locale, id=update_id))).wait()
    # Withdrawing asks first (handlers/my_updates.py on_ask_withdraw).
    question = await coord.next_message()
    await coord.press(question, button_with(question, t(app, "Yes, withdraw", locale))).wait()
    note = await coord.next_message()
    assert t(app, "Its notice to parents had not gone out yet and will not be sent.", locale) in note["text"]
    await _check_told(app, cards, languages, WITHDRAWN)
    assert await _status(app, post_id) == "cancelled"
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_cancelling_an_event_tells_the_cards_of_its_announcement(app: RunningApp, locale: str) -> None:
    coord, languages = await _people(app, locale)
    sm = app.dp["sessionmaker"]
    event_id = await add_event(
        sm,
        organiser_id=COORD,
        scope_code=DISTRICT,
        place="Аудан әкімдігі",
        starts_at=SATURDAY_18,
        created_at=MONDAY,
    )
    # A district-wide event: its announcement waits for approval.
    post_id = await add_post(
        sm,
        author_id=COORD,
        scope_code=DISTRICT,
        status="awaiting_approval",
        created_at=MONDAY,
        text={"kk": TEXTS[0], "ru": TEXTS[1]},
        silent=True,
        event_id=event_id,
    )
    cards = await _ask(app, post_id, languages, event=True)

    await coord.send("/event list")
    listing = await coord.next_message()
    await coord.press(listing, button_with(listing, "1. ")).wait()
    card = await coord.wait_edit(listing)
    await coord.press(card, button_with(card, t(app, "Cancel event", locale))).wait()
    confirm = await coord.wait_edit(card)
    await coord.press(confirm, button_with(confirm, t(app, "Yes, cancel it", locale))).wait()
    saved = t(app, "The event is cancelled. Parents who answered ({n}) will be told.", locale, n=0)
    assert (await next_with(coord, saved))["text"] == saved
    await _check_told(app, cards, languages, EVENT_OVER)
    assert await _status(app, post_id) == "cancelled"
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_event_called_off_by_someone_else_tells_its_announcements_author(
    app: RunningApp, locale: str
) -> None:
    author, languages = await _people(app, locale)
    sm = app.dp["sessionmaker"]
    event_id = await add_event(
        sm,
        organiser_id=COORD,
        scope_code=DISTRICT,
        place="Аудан әкімдігі",
        starts_at=SATURDAY_18,
        created_at=MONDAY,
    )
    post_id = await add_post(
        sm,
        author_id=COORD,
        scope_code=DISTRICT,
        status="awaiting_approval",
        created_at=MONDAY,
        text={"kk": TEXTS[0], "ru": TEXTS[1]},
        silent=True,
        event_id=event_id,
    )
    await _ask(app, post_id, languages, event=True)
    # The admin (an approver, in the other language) calls the event off from /event list.
    admin, admin_locale = app.emu.user(ADMIN_ID), OTHER[locale]
    await admin.send("/event list")
    listing = await admin.next_message()
    await admin.press(listing, button_with(listing, "1. ")).wait()
    card = await admin.wait_edit(listing)
    await admin.press(card, button_with(card, t(app, "Cancel event", admin_locale))).wait()
    confirm = await admin.wait_edit(card)
    await admin.press(confirm, button_with(confirm, t(app, "Yes, cancel it", admin_locale))).wait()
    # The author learns which of their posts will not go, in their own language.
    told = await next_with(author, f"#{post_id} «")
    label = TEXTS[0] if locale == "kk" else TEXTS[1]
    assert label.split()[0] in told["text"]
    assert told["text"].startswith(t(app, AUTHOR_EVENT_OVER, locale).split("{post}")[0])
    assert await _status(app, post_id) == "cancelled"
    assert app.emu.rejections == []
