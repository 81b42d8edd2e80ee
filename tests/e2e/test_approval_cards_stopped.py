"""A post waiting for approval stopped by something other than an approver or the author's «Stop sending»:
withdrawing its public update from /myupdates, or cancelling the event it announces. Every approver's card
says so at once, in the card's own language, and loses Approve / Reject (before, the cards learnt it only
when pressed)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest

from bot.clock import KZ
from db.models import MeasureUpdate
from tests.support.app import ADMIN_ID, RunningApp, unpaced_app
from tests.support.approvals import approval_cards, district_coordinators, post_status, waiting_post
from tests.support.chat import button_with, next_with, pick_language
from tests.support.events import add_event
from tests.support.org_tree import DISTRICT
from tests.support.post_steps import TEXTS, t
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
    async with unpaced_app(
        database_url, MONDAY, small_catalogue(), district_coordinators(COORD, COORD_2)
    ) as running:
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


async def _waiting_announcement(app: RunningApp) -> int:
    """A district-wide event of the author: its announcement waits for approval. Returns the post."""
    event_id = await add_event(
        app.dp["sessionmaker"],
        organiser_id=COORD,
        scope_code=DISTRICT,
        place="Аудан әкімдігі",
        starts_at=SATURDAY_18,
        created_at=MONDAY,
    )
    return await waiting_post(app, COORD, MONDAY, event_id=event_id)


async def _cancel_from_event_list(app: RunningApp, user: Any, locale: str) -> None:
    """`user` opens /event list, the first event, «Cancel event» and confirms."""
    await user.send("/event list")
    listing = await user.next_message()
    await user.press(listing, button_with(listing, "1. ")).wait()
    card = await user.wait_edit(listing)
    await user.press(card, button_with(card, t(app, "Cancel event", locale))).wait()
    confirm = await user.wait_edit(card)
    await user.press(confirm, button_with(confirm, t(app, "Yes, cancel it", locale))).wait()


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


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_withdrawing_an_update_from_myupdates_tells_the_cards_of_its_notice(
    app: RunningApp, locale: str
) -> None:
    coord, languages = await _people(app, locale)
    sm = app.dp["sessionmaker"]
    # A district-wide public update: its notice to parents waits for approval.
    post_id = await waiting_post(app, COORD, MONDAY)
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
    cards = await approval_cards(app, post_id, languages)

    await coord.send("/myupdates")
    mine = await coord.next_message()
    await coord.press(mine, button_with(mine, t(app, "Withdraw #{id}", locale, id=update_id))).wait()
    # Withdrawing asks first (handlers/my_updates.py on_ask_withdraw).
    question = await coord.next_message()
    await coord.press(question, button_with(question, t(app, "Yes, withdraw", locale))).wait()
    note = await coord.next_message()
    assert t(app, "Its notice to parents had not gone out yet and will not be sent.", locale) in note["text"]
    await _check_told(app, cards, languages, WITHDRAWN)
    assert await post_status(app, post_id) == "cancelled"
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_cancelling_an_event_tells_the_cards_of_its_announcement(app: RunningApp, locale: str) -> None:
    coord, languages = await _people(app, locale)
    post_id = await _waiting_announcement(app)
    cards = await approval_cards(app, post_id, languages, head=_event_card_head)

    await _cancel_from_event_list(app, coord, locale)
    saved = t(app, "The event is cancelled. Parents who answered ({n}) will be told.", locale, n=0)
    assert (await next_with(coord, saved))["text"] == saved
    await _check_told(app, cards, languages, EVENT_OVER)
    assert await post_status(app, post_id) == "cancelled"
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_event_called_off_by_someone_else_tells_its_announcements_author(
    app: RunningApp, locale: str
) -> None:
    author, languages = await _people(app, locale)
    post_id = await _waiting_announcement(app)
    await approval_cards(app, post_id, languages, head=_event_card_head)
    # The admin (an approver, in the other language) calls the event off from /event list.
    await _cancel_from_event_list(app, app.emu.user(ADMIN_ID), OTHER[locale])
    # The author learns which of their posts will not go, in their own language.
    told = await next_with(author, f"#{post_id} «")
    label = TEXTS[0] if locale == "kk" else TEXTS[1]
    assert label.split()[0] in told["text"]
    assert told["text"].startswith(t(app, AUTHOR_EVENT_OVER, locale).split("{post}")[0])
    assert await post_status(app, post_id) == "cancelled"
    assert app.emu.rejections == []
