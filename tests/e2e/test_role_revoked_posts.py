"""An admin takes a role away in /staff: the person's posts waiting for approval that the roles they keep no
longer cover are cancelled at once, as /approvals cancels them when it next looks (status cancelled, audit
post.expired with the reason, every approver's card says why in its language and loses Approve / Reject, the
author is told in theirs, naming the post). Before, nothing happened until someone next opened /approvals,
and the author thought them on their way. Taking one of two roles away cancels only what the other does not
cover."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.clock import KZ
from db.models import AuditRecord, StaffRole
from tests.support.app import ADMIN_ID, RunningApp, unpaced_app
from tests.support.approvals import approval_cards, post_status, waiting_post
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import DISTRICT, OTHER_DISTRICT, REGION, grant
from tests.support.post_steps import t

AUTHOR, COORD = 9311, 9312  # the author, and another coordinator of the district
NOW = datetime(2027, 3, 10, 12, 0, tzinfo=KZ)
OTHER = {"kk": "ru", "ru": "kk"}
ROLE_GONE = "The author's role no longer covers this audience, so the post will not be sent."
AUTHOR_ROLE_GONE = (
    "Your post {post}, which was waiting for approval, will not be sent: your role no longer covers its "
    "audience."
)
ROLE_TAKEN = "Your staff role in the bot was removed."
TEXTS = {
    DISTRICT: {"kk": "Аудан бойынша хабарландыру.", "ru": "Объявление по району."},
    REGION: {"kk": "Облыс бойынша хабарландыру.", "ru": "Объявление по области."},
    OTHER_DISTRICT: {"kk": "Басқа ауданға хабарландыру.", "ru": "Объявление для другого района."},
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    async with unpaced_app(database_url, NOW) as running:
        yield running


async def _person(app: RunningApp, user_id: int, locale: str, name: str = "User") -> Any:
    user = app.emu.user(user_id, name, language_code=locale)
    await pick_language(user, locale)
    return user


async def _waiting(app: RunningApp, scope: str) -> int:
    return await waiting_post(app, AUTHOR, NOW, scope_code=scope, text=TEXTS[scope])


async def _role_id(app: RunningApp, scope: str) -> int:
    async with app.dp["sessionmaker"]() as session:
        found = await session.scalar(
            select(StaffRole.id).where(StaffRole.user_id == AUTHOR, StaffRole.scope_code == scope)
        )
        assert found is not None
        return found


async def _take_away(app: RunningApp, admin: Any, scope: str, locale: str) -> None:
    """The admin opens /staff, presses «✖️ Remove …» of the author's role over `scope` and confirms."""
    await admin.send("/staff")
    listing = await admin.next_message()
    data = f"stf:r:{await _role_id(app, scope)}"
    rows = listing["reply_markup"]["inline_keyboard"]
    where = next(
        (r, c) for r, row in enumerate(rows) for c, b in enumerate(row) if b.get("callback_data") == data
    )
    await admin.press(listing, where)
    asked = await admin.wait_edit(listing)
    await admin.press(asked, button_with(asked, t(app, "Yes, remove", locale)))
    assert (await admin.wait_edit(asked))["text"] == t(app, "Role removed.", locale)


def _named(app: RunningApp, locale: str, post_id: int, shown: str) -> str:
    return t(app, AUTHOR_ROLE_GONE, locale, post="\x00").replace("\x00", f"#{post_id} «{shown}»")


async def _expired(app: RunningApp) -> list[tuple[int, int | None, str | None]]:
    """(who, which post, why) of each post.expired audit line."""
    async with app.dp["sessionmaker"]() as session:
        rows = await session.execute(
            select(AuditRecord.actor_id, AuditRecord.post_id, AuditRecord.detail)
            .where(AuditRecord.action == "post.expired")
            .order_by(AuditRecord.post_id)
        )
        return [tuple(row) for row in rows]


def _shown(app: RunningApp, user_id: int, card: dict[str, Any]) -> dict[str, Any]:
    return app.emu.world.chats[user_id].messages[card["message_id"]]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_taking_the_role_away_cancels_the_posts_waiting_at_once(app: RunningApp, locale: str) -> None:
    sm = app.dp["sessionmaker"]
    for user_id in (AUTHOR, COORD):
        await grant(sm, user_id, "coordinator", DISTRICT)
    author = await _person(app, AUTHOR, locale, "Айгүл")
    coord = await _person(app, COORD, locale)
    admin = await _person(app, ADMIN_ID, OTHER[locale])
    post_id = await _waiting(app, DISTRICT)
    cards = await approval_cards(app, post_id, {COORD: locale, ADMIN_ID: OTHER[locale]})

    await _take_away(app, admin, DISTRICT, OTHER[locale])

    # Nobody has opened /approvals: the author learns it now, in their language, and which post it was.
    told = (await author.next_message())["text"]
    assert told == _named(app, locale, post_id, TEXTS[DISTRICT][locale]), told
    await app.idle()
    for user_id, card in cards.items():
        shown = _shown(app, user_id, card)
        card_locale = locale if user_id == COORD else OTHER[locale]
        assert shown["text"] == t(app, ROLE_GONE, card_locale), (user_id, shown["text"])
        assert not shown.get("reply_markup"), user_id
    assert await post_status(app, post_id) == "cancelled"
    assert await _expired(app) == [(ADMIN_ID, post_id, "author's role ended")]
    # The next look finds nothing to cancel and says nothing of it.
    await coord.send("/approvals")
    listing = await coord.next_message()
    assert listing["text"] == t(app, "Nothing is waiting for your approval now.", locale), listing["text"]
    # Then the word on the role itself (tests/e2e/test_staff_revoke_told.py), and nothing more.
    assert (await author.next_message())["text"].startswith(t(app, ROLE_TAKEN, locale))
    await author.expect_no_message(0.3)
    assert app.emu.rejections == []


async def test_taking_one_of_two_roles_away_cancels_only_what_the_other_does_not_cover(
    app: RunningApp,
) -> None:
    sm = app.dp["sessionmaker"]
    await grant(sm, AUTHOR, "coordinator", REGION)
    await grant(sm, AUTHOR, "coordinator", DISTRICT)
    author = await _person(app, AUTHOR, "kk", "Айгүл")
    admin = await _person(app, ADMIN_ID, "ru")
    region, district, other = [await _waiting(app, scope) for scope in (REGION, DISTRICT, OTHER_DISTRICT)]
    region_card = (await approval_cards(app, region, {ADMIN_ID: "ru"}))[ADMIN_ID]
    district_card = (await approval_cards(app, district, {ADMIN_ID: "ru"}))[ADMIN_ID]

    await _take_away(app, admin, REGION, "ru")

    told = [(await author.next_message())["text"] for _ in range(2)]
    assert told == [
        _named(app, "kk", p, TEXTS[scope]["kk"]) for p, scope in ((region, REGION), (other, OTHER_DISTRICT))
    ]
    assert (await author.next_message())["text"].startswith(t(app, ROLE_TAKEN, "kk"))
    await author.expect_no_message(0.3)
    assert [await post_status(app, p) for p in (region, district, other)] == [
        "cancelled",
        "awaiting_approval",
        "cancelled",
    ]
    assert await _expired(app) == [
        (ADMIN_ID, region, "author's role ended"),
        (ADMIN_ID, other, "author's role ended"),
    ]
    await app.idle()
    assert _shown(app, ADMIN_ID, region_card)["text"] == t(app, ROLE_GONE, "ru")
    # The district post waits on, Approve and Reject still on its card.
    assert _shown(app, ADMIN_ID, district_card).get("reply_markup")
    assert app.emu.rejections == []
