"""The author stops a post before it goes out: a scheduled one from /stats (no copy after its time), one
waiting for approval from the message that said so (the approver's card then says it was withdrawn). A post
already going out is not stopped, and a press naming someone else's post is refused and audited."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from bot.views.post_withdraw import WithdrawAct, WithdrawCb
from db.models import AuditRecord, Post
from tests.support.app import RunningApp, running_app
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


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_post_waiting_for_approval_is_withdrawn_and_the_card_says_so(
    app: RunningApp, locale: str
) -> None:
    coord, coord_2 = await _staff(app, COORD, locale), await _staff(app, COORD_2, locale)
    waiting = await area_post(app, coord, locale)
    card = await next_with(coord_2, card_head(app, locale))

    question = await _ask(app, coord, waiting, locale)
    await coord.press(question, button_with(question, t(app, "Yes, stop it", locale)))
    await coord.wait_edit(question)
    assert await _status(app) == "withdrawn"

    # The approver had scrolled past it; their card, pressed now, says what happened.
    answer = await coord_2.press(card, button_with(card, t(app, "Approve", locale)))
    withdrawn = t(app, "The author has withdrawn this post; it will not be sent.", locale)
    assert answer["text"] == withdrawn and answer["show_alert"]
    assert (await coord_2.wait_edit(card))["text"] == withdrawn
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
