"""The author stops a post before it goes out: a scheduled one from /stats (no copy after its time), one
waiting for approval from the message that said so (every approver's card says at once that it was withdrawn,
and loses its buttons). A post already going out is not stopped, and a press naming someone else's post is
refused and audited."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from bot.flows.approval_card import send_card
from bot.flows.publish import audience_of
from bot.views.post_keyboards import ApprovalCb, Decision
from bot.views.post_withdraw import WithdrawAct, WithdrawCb
from db.models import AuditRecord, Post
from db.repositories import Repositories
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, SCHOOL_2, add_parent, add_tree, grant
from tests.support.post_steps import TEXTS, area_post, card_head, school_post, t
from tests.support.posts import add_post

PSY, PSY_2, COORD, COORD_2, PARENT = 8701, 8702, 8703, 8704, 8705
NOON = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)
AT = "03.12.2026 10:00"  # the next morning, Kazakhstan time
AFTER = timedelta(hours=22, minutes=1)  # from NOON to just after AT


@pytest.fixture
async def clock() -> FrozenClock:
    return FrozenClock(NOON)


@pytest.fixture
async def app(database_url: str, clock: FrozenClock) -> AsyncIterator[RunningApp]:
    async with running_app(database_url, Overrides(clock=clock)) as running:
        sm = running.dp["sessionmaker"]
        await add_tree(sm)
        await grant(sm, PSY, "psychologist", SCHOOL)
        await grant(sm, PSY_2, "psychologist", SCHOOL)
        await grant(sm, COORD, "coordinator", DISTRICT)
        await grant(sm, COORD_2, "coordinator", DISTRICT)
        parent = running.emu.user(PARENT)
        await pick_language(parent, "ru")
        await add_parent(sm, PARENT, "ru", (SCHOOL, "5"), (SCHOOL_2, "5"))
        yield running


async def _staff(app: RunningApp, user_id: int, locale: str, name: str = "User") -> Any:
    user = app.emu.user(user_id, name, language_code=locale)
    await pick_language(user, locale)
    return user


async def _status(app: RunningApp, post_id: int = 1) -> str:
    async with app.dp["sessionmaker"]() as session:
        post = await session.get(Post, post_id)
        assert post is not None
        return post.status


async def _audits(app: RunningApp, action: str) -> int:
    async with app.dp["sessionmaker"]() as session:
        stmt = select(func.count()).select_from(AuditRecord).where(AuditRecord.action == action)
        return int(await session.scalar(stmt) or 0)


async def _stats(app: RunningApp, staff: Any) -> dict[str, Any]:
    await staff.send("/stats")
    return await staff.next_message()


async def _ask(app: RunningApp, staff: Any, message: dict[str, Any], locale: str) -> dict[str, Any]:
    """Presses «Stop sending» on `message`; returns the Yes / No question."""
    answer = await staff.press(message, button_with(message, t(app, "Stop sending", locale)))
    assert not answer.get("show_alert"), answer
    question = await staff.next_message()
    assert button_with(question, t(app, "Yes, stop it", locale))
    return question


def _copies(app: RunningApp) -> list[str]:
    """What the parent received of the post (its Russian text)."""
    shown = app.emu.world.chats[PARENT].messages.values()
    return [m.get("text") or "" for m in shown if TEXTS[1] in (m.get("text") or "")]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_scheduled_post_withdrawn_from_stats_is_never_sent(
    app: RunningApp, clock: FrozenClock, locale: str
) -> None:
    psy = await _staff(app, PSY, locale)
    confirmed = await school_post(app, psy, locale, at=AT)
    # The message that confirmed it offers the stop too: it does not go out at once.
    assert any(t(app, "Stop sending", locale) in label for label in button_texts(confirmed))

    stats = await _stats(app, psy)
    assert f"#1: {t(app, 'Stop sending', locale)}" in button_with(stats, "#1")
    question = await _ask(app, psy, stats, locale)
    assert TEXTS[locale == "ru"][:20] in question["text"]
    # No keeps it as it was.
    await psy.press(question, button_with(question, t(app, "No, keep it", locale)))
    kept = await psy.wait_edit(question)
    assert kept["text"] == t(app, "Post #{id} stays as it was.", locale, id=1)
    assert await _status(app) == "scheduled"

    question = await _ask(app, psy, stats, locale)
    await psy.press(question, button_with(question, t(app, "Yes, stop it", locale)))
    stopped = await psy.wait_edit(question)
    assert stopped["text"] == t(app, "Post #{id} has been stopped; nobody will get it.", locale, id=1)
    assert not stopped.get("reply_markup")
    assert await _status(app) == "withdrawn"
    assert await _audits(app, "post.withdrawn") == 1

    stats = await _stats(app, psy)
    assert t(app, "withdrawn by the author", locale).capitalize() in stats["text"]
    assert not stats.get("reply_markup")  # nothing left to stop
    # A second Yes (a double tap that arrived after the first) says so, and changes nothing.
    again = await psy.press_data(stopped, WithdrawCb(act=WithdrawAct.yes, post_id=1).pack())
    assert again["text"] == t(app, "Post #{id} has already been stopped.", locale, id=1)

    clock.advance(AFTER)
    app.dp["broadcaster"].wake()
    await app.emu.user(PARENT).expect_no_message(2.5)  # longer than the sender's tick
    assert _copies(app) == []
    assert await _status(app) == "withdrawn"
    assert app.emu.rejections == []


def _delete(app: RunningApp, message: dict[str, Any]) -> None:
    """The user deletes a message of the bot's from their chat, as Telegram lets them."""
    chat = app.emu.world.chats[message["chat"]["id"]]
    chat.messages[message["message_id"]]["deleted"] = True


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_post_waiting_for_approval_is_withdrawn_and_every_card_says_so_at_once(
    app: RunningApp, locale: str
) -> None:
    coord, coord_2 = await _staff(app, COORD, locale), await _staff(app, COORD_2, locale)
    admin = await _staff(app, ADMIN_ID, locale)
    waiting = await area_post(app, coord, locale)
    request = await next_with(coord_2, card_head(app, locale))
    admin_card = await next_with(admin, card_head(app, locale))
    # The second coordinator opens it again from /approvals: a second card in the same chat.
    await coord_2.send("/approvals")
    listing = await coord_2.next_message()
    await coord_2.press(listing, button_with(listing, "#1"))
    opened = await next_with(coord_2, card_head(app, locale))
    # Telegram will not edit the first card any more (too old), and the admin has deleted theirs.
    app.emu.inject_fault(
        "editMessageText", 400, chat_id=COORD_2, description="Bad Request: message can't be edited"
    )
    _delete(app, admin_card)

    question = await _ask(app, coord, waiting, locale)
    await coord.press(question, button_with(question, t(app, "Yes, stop it", locale)))
    stopped = await coord.wait_edit(question)
    # The cards that could not be told keep neither the post from stopping nor the other card from being told.
    assert stopped["text"] == t(app, "Post #{id} has been stopped; nobody will get it.", locale, id=1)
    assert await _status(app) == "withdrawn"
    withdrawn = t(app, "The author has withdrawn this post; it will not be sent.", locale)
    told = await coord_2.wait_edit(opened)
    assert told["text"] == withdrawn and not told.get("reply_markup")
    await app.idle()
    assert [(r.method, r.description) for r in app.emu.rejections] == [
        ("editMessageText", "Bad Request: message to edit not found")
    ]
    app.emu.rejections.clear()

    # The card Telegram would not edit then still says so when pressed.
    answer = await coord_2.press(request, button_with(request, t(app, "Approve", locale)))
    assert answer["text"] == withdrawn and answer["show_alert"]
    assert (await coord_2.wait_edit(request))["text"] == withdrawn
    # So does the told one, pressed with the data its buttons had.
    late = await coord_2.press_data(told, ApprovalCb(decision=Decision.approve, post_id=1).pack())
    assert late["text"] == withdrawn and late["show_alert"]
    assert await _status(app) == "withdrawn"
    await coord_2.send("/approvals")
    assert (await coord_2.next_message())["text"] == t(
        app, "Nothing is waiting for your approval now.", locale
    )

    stats = await _stats(app, coord)
    assert t(app, "withdrawn by the author", locale).capitalize() in stats["text"]
    await app.emu.user(PARENT).expect_no_message(1.5)
    assert _copies(app) == []
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_card_that_arrives_after_the_withdrawal_is_told_at_once(app: RunningApp, locale: str) -> None:
    """The author stops the post while the cards are still going out: the card sent after it says so."""
    coord_2 = await _staff(app, COORD_2, locale)
    post_id = await add_post(
        app.dp["sessionmaker"],
        author_id=COORD,
        scope_code=DISTRICT,
        status="withdrawn",
        created_at=NOON,
        text={"kk": TEXTS[0], "ru": TEXTS[1]},
        silent=True,
    )
    edited = len(app.emu.calls_to("editMessageText"))
    async with app.dp["sessionmaker"]() as session:
        repo = Repositories(session)
        post = await repo.drafts.get(post_id)
        assert post is not None
        with app.dp["i18n"].context():
            audience = await audience_of([DISTRICT], None, repo, locale)
            await send_card(app.bot, repo, COORD_2, post, await repo.orgs.get(DISTRICT), audience, locale)
        await session.commit()
    # The preview in both languages, then the card, already told by the time it is read here.
    *previews, card = [await coord_2.next_message() for _ in range(3)]
    assert {TEXTS[0], TEXTS[1]} <= {p["text"].split("\n")[-1] for p in previews}
    assert card["text"] == t(app, "The author has withdrawn this post; it will not be sent.", locale)
    assert not card.get("reply_markup")
    edits = app.emu.calls_to("editMessageText")[edited:]
    assert [int(c.params["message_id"]) for c in edits] == [card["message_id"]]
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_post_that_began_to_go_out_is_not_stopped(
    app: RunningApp, clock: FrozenClock, locale: str
) -> None:
    psy = await _staff(app, PSY, locale)
    await school_post(app, psy, locale, at=AT)
    stats = await _stats(app, psy)
    question = await _ask(app, psy, stats, locale)

    # The time comes while the author hesitates: the sender takes the post first.
    clock.advance(AFTER)
    app.dp["broadcaster"].wake()
    await next_with(app.emu.user(PARENT), TEXTS[1])
    answer = await psy.press(question, button_with(question, t(app, "Yes, stop it", locale)))
    sorry = t(
        app,
        "Sorry, post #{id} has already begun to go out to parents, so it can no longer be stopped. "
        "/stats shows how it is delivered.",
        locale,
        id=1,
    )
    assert answer["text"] == sorry and answer["show_alert"]
    assert (await psy.wait_edit(question))["text"] == sorry
    # The old /stats button says the same, without a question.
    answer = await psy.press(stats, button_with(stats, "#1"))
    assert answer["text"] == sorry
    assert await _status(app) in ("sending", "done")
    assert await _audits(app, "post.withdrawn") == 0
    await app.emu.user(PARENT).expect_no_message(0.5)
    assert len(_copies(app)) == 1
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_someone_elses_post_cannot_be_stopped(app: RunningApp, clock: FrozenClock, locale: str) -> None:
    post_id = await add_post(
        app.dp["sessionmaker"],
        author_id=PSY,
        scope_code=SCHOOL,
        status="scheduled",
        created_at=NOON,
        text={"kk": TEXTS[0], "ru": TEXTS[1]},
        silent=True,
        send_at=NOON + AFTER,
    )
    refused = t(app, "You cannot do this with your role.", locale)
    # A colleague of the same school, the district's coordinator: staff, but not its author.
    for user_id in (PSY_2, COORD):
        colleague = await _staff(app, user_id, locale)
        base = colleague.messages[-1]
        for act in WithdrawAct:
            answer = await colleague.press_data(base, WithdrawCb(act=act, post_id=post_id).pack())
            assert answer["text"] == refused and answer["show_alert"], (user_id, act)
        # A post that does not exist is refused alike.
        answer = await colleague.press_data(base, WithdrawCb(act=WithdrawAct.yes, post_id=999).pack())
        assert answer["text"] == refused
    assert await _audits(app, "withdrawal.forged") == 2 * (len(WithdrawAct) + 1)
    # A parent is no staff at all: the staff router turns the press away.
    parent = app.emu.user(PARENT)
    answer = await parent.press_data(
        parent.messages[-1], WithdrawCb(act=WithdrawAct.yes, post_id=post_id).pack()
    )
    assert answer["show_alert"]
    assert await _audits(app, "refused.button") == 1
    assert await _status(app, post_id) == "scheduled"

    # Still the author's: it goes out at its time.
    clock.advance(AFTER)
    app.dp["broadcaster"].wake()
    await next_with(parent, TEXTS[1])
    assert app.emu.rejections == []
