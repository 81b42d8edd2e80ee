"""A command typed at a typed step outside the wizards (the reason for a rejection, a change of an event) is
never that step's answer: it goes to its own handler and the step still waits. /cancel at the reason step
answers in the step's own words (nothing is rejected, the post or material still waits), not in /post's or
/upload's, and the question loses its buttons. Through the emulator, in Kazakh and Russian."""

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
from db.models import Material, Post
from db.repositories import Repositories
from handlers.material_review import ask_reviewers
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.event_plan import event_catalogue
from tests.support.events import add_school_event
from tests.support.org_tree import DISTRICT, SCHOOL, add_tree, grant
from tests.support.post_steps import TEXTS, card_head, t

AUTHOR, COORD, PSY = 8971, 8972, 8973
MONDAY = datetime(2026, 12, 7, 12, 0, tzinfo=KZ)
SATURDAY_18 = datetime(2026, 12, 12, 18, 0, tzinfo=KZ)
EXPECTED = "Please write the reason as a text message (or /cancel)."
REJECTED = "Rejected. The author has been told the reason."
POST_KEPT = "The rejection is cancelled: the post still waits for approval."
MATERIAL_KEPT = "The rejection is cancelled: the material still waits for review."
WAITING_HEAD = "<b>Waiting for your approval: {n}</b>\nPress a post to see it with «Approve» and «Reject»."


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    overrides = Overrides(clock=FrozenClock(MONDAY), catalogue=event_catalogue())
    async with running_app(database_url, overrides, emulator=emu, limiter=limiter) as running:
        sm = running.dp["sessionmaker"]
        await add_tree(sm)
        await grant(sm, AUTHOR, "coordinator", DISTRICT)
        await grant(sm, COORD, "coordinator", DISTRICT)
        await grant(sm, PSY, "psychologist", SCHOOL)
        yield running


async def _status(app: RunningApp, post_id: int) -> str:
    async with app.dp["sessionmaker"]() as session:
        post = await session.get(Post, post_id)
        assert post is not None
        return post.status


async def _asked_for_a_reason(app: RunningApp, locale: str) -> tuple[Any, Any, int, dict[str, Any]]:
    """A district post waiting for approval; the coordinator pressed Reject and is asked why. Returns the
    author, the coordinator, the post and the question."""
    author, coord = app.emu.user(AUTHOR), app.emu.user(COORD)
    await pick_language(author, locale)
    await pick_language(coord, locale)
    async with app.dp["sessionmaker"]() as session:
        post = Post(
            author_id=AUTHOR,
            scope_code=DISTRICT,
            text_kk=TEXTS[0],
            text_ru=TEXTS[1],
            audience={"orgs": None, "grades": None},
            status="awaiting_approval",
            created_at=MONDAY,
            silent=True,
        )
        session.add(post)
        await session.flush()
        with app.dp["i18n"].context():
            await ask_approvers(post.id, Repositories(session), app.bot, frozenset())
        await session.commit()
        post_id = post.id
    card = await next_with(coord, card_head(app, locale))
    await coord.press(card, button_with(card, t(app, "Reject", locale)))
    question = await coord.next_message()
    assert t(app, "Cancel", locale) in " ".join(button_texts(question))
    return author, coord, post_id, question


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_commands_at_the_reason_go_to_their_own_handlers(app: RunningApp, locale: str) -> None:
    """/approvals and /helplines typed where the reason is awaited answer as always, and are no reason
    (before, the step took them: «write the reason as a text message»); the reason typed after rejects."""
    author, coord, post_id, _question = await _asked_for_a_reason(app, locale)
    await coord.send("/approvals")
    listed = await coord.next_message()
    assert listed["text"].startswith(t(app, WAITING_HEAD, locale, n=1).split("\n")[0]), listed["text"]
    await coord.send("/helplines")
    helplines = await coord.next_message()
    assert "111" in helplines["text"] and "112" in helplines["text"]
    assert await _status(app, post_id) == "awaiting_approval"
    await author.expect_no_message(0.3)
    await coord.send("Дата неверна")
    assert (await next_with(coord, t(app, REJECTED, locale)))["text"] == t(app, REJECTED, locale)
    assert await _status(app, post_id) == "rejected"
    told = await author.next_message()
    assert "Дата неверна" in told["text"]
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_cancel_typed_at_the_reason_says_the_post_still_waits(app: RunningApp, locale: str) -> None:
    """/cancel at the reason: the step's own words (not /post's «Cancelled. Nothing was sent.»), the question
    loses its buttons, and what is typed next rejects nothing."""
    author, coord, post_id, question = await _asked_for_a_reason(app, locale)
    await coord.send("/cancel")
    said = await coord.next_message()
    assert said["text"] == t(app, POST_KEPT, locale), said["text"]
    assert said["text"] != t(app, "Cancelled. Nothing was sent.", locale)
    assert not app.emu.world.chats[COORD].messages[question["message_id"]].get("reply_markup")
    await coord.send("Дата неверна")
    assert (await coord.next_message())["text"] != t(app, REJECTED, locale)
    assert await _status(app, post_id) == "awaiting_approval"
    await author.expect_no_message(0.3)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_cancel_typed_at_a_materials_reason(app: RunningApp, locale: str) -> None:
    """The material review shares the step: its /cancel says the material still waits (not /upload's
    words)."""
    coord = app.emu.user(COORD)
    await pick_language(coord, locale)
    sm = app.dp["sessionmaker"]
    async with sm() as session:
        material = Material(
            target="lesson",
            slug="water_and_ice",
            age_group="grades_1_4",
            language="ru",
            title="Плакат",
            kind="link",
            url="https://example.org/poster",
            status="pending",
            proposed_by=PSY,
            org_code=SCHOOL,
            created_at=MONDAY,
        )
        session.add(material)
        await session.flush()
        with app.dp["i18n"].context():
            await ask_reviewers(material, Repositories(session), app.bot, app.dp["content"], frozenset())
        await session.commit()
        material_id = material.id
    card = await next_with(coord, "Плакат")
    await coord.press(card, button_with(card, t(app, "Reject", locale)))
    await next_with(coord, "Плакат")
    await coord.send("/cancel")
    assert (await coord.next_message())["text"] == t(app, MATERIAL_KEPT, locale)
    async with sm() as session:
        kept = await session.get(Material, material_id)
        assert kept is not None and kept.status == "pending"
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_command_is_no_new_time_for_an_event(app: RunningApp, locale: str) -> None:
    """/event list's «change time» step: /approvals typed there is answered by its own handler (before, it was
    refused as a time), and the time typed next is still taken."""
    await add_school_event(app.dp["sessionmaker"], SATURDAY_18, organiser_id=PSY)
    psy = app.emu.user(PSY)
    await pick_language(psy, locale)
    await psy.send("/event list")
    listing = await psy.next_message()
    await psy.press(listing, 0)
    card = await psy.wait_edit(listing)
    await psy.press(card, button_with(card, "🕒")).wait()
    await psy.next_message()  # «Now: Saturday … 18:00. Send the new date and time»
    await psy.send("/approvals")
    answer = await psy.next_message()
    assert answer["text"] == t(app, "You cannot do this with your role.", locale), answer["text"]
    await psy.send("16.12.2026 18:30")
    saved = await psy.next_message()
    assert {"kk": "Сақталды", "ru": "Сохранено"}[locale] in saved["text"], saved["text"]
    assert app.emu.rejections == []
