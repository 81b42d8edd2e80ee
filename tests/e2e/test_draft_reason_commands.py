"""A command typed at a typed step outside the wizards (the reason for a rejection, a change of an event) is
never that step's answer: it goes to its own handler and the step still waits. /cancel at the reason step
answers in the step's own words (nothing is rejected, the post or material still waits), not in /post's or
/upload's, and the question loses its buttons. Through the emulator, in Kazakh and Russian."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest

from bot.clock import KZ
from tests.support.app import RunningApp, unpaced_app
from tests.support.approvals import (
    MATERIAL_KEPT,
    POST_KEPT,
    POSTER,
    REJECTED,
    approval_cards,
    district_coordinators,
    material_for_review,
    material_status,
    post_status,
    waiting_post,
)
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.event_plan import event_catalogue
from tests.support.events import add_school_event
from tests.support.org_tree import SCHOOL
from tests.support.post_steps import t

AUTHOR, COORD, PSY = 8971, 8972, 8973
MONDAY = datetime(2026, 12, 7, 12, 0, tzinfo=KZ)
SATURDAY_18 = datetime(2026, 12, 12, 18, 0, tzinfo=KZ)
WAITING_HEAD = "<b>Waiting for your approval: {n}</b>\nPress a post to see it with «Approve» and «Reject»."


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    staff = [*district_coordinators(AUTHOR, COORD), (PSY, "psychologist", SCHOOL)]
    async with unpaced_app(database_url, MONDAY, event_catalogue(), staff) as running:
        yield running


async def _asked_for_a_reason(app: RunningApp, locale: str) -> tuple[Any, Any, int, dict[str, Any]]:
    """A district post waiting for approval; the coordinator pressed Reject and is asked why. Returns the
    author, the coordinator, the post and the question."""
    author, coord = app.emu.user(AUTHOR), app.emu.user(COORD)
    await pick_language(author, locale)
    await pick_language(coord, locale)
    post_id = await waiting_post(app, AUTHOR, MONDAY)
    card = (await approval_cards(app, post_id, {COORD: locale}, admins=frozenset()))[COORD]
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
    assert await post_status(app, post_id) == "awaiting_approval"
    await author.expect_no_message(0.3)
    await coord.send("Дата неверна")
    assert (await next_with(coord, t(app, REJECTED, locale)))["text"] == t(app, REJECTED, locale)
    assert await post_status(app, post_id) == "rejected"
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
    assert await post_status(app, post_id) == "awaiting_approval"
    await author.expect_no_message(0.3)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_cancel_typed_at_a_materials_reason(app: RunningApp, locale: str) -> None:
    """The material review shares the step: its /cancel says the material still waits (not /upload's
    words)."""
    coord = app.emu.user(COORD)
    await pick_language(coord, locale)
    material_id, _asked = await material_for_review(app, PSY, SCHOOL, MONDAY)
    card = await next_with(coord, POSTER)
    await coord.press(card, button_with(card, t(app, "Reject", locale)))
    await next_with(coord, POSTER)
    await coord.send("/cancel")
    assert (await coord.next_message())["text"] == t(app, MATERIAL_KEPT, locale)
    assert (await material_status(app, material_id))[0] == "pending"
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
