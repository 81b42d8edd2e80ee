"""Reject on a post's approval card asks for the reason first (bot/flows/reason.py, the step material reviews
share): the author gets it quoted and escaped, in the author's language; «Reject without a reason» keeps the
old notice; Cancel leaves the post waiting. The rights are read again when the reason comes, and a post
decided or withdrawn meanwhile is not rejected twice. Before this step, Reject rejected at once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.clock import KZ
from bot.crisis import load_detector
from bot.views.post_names import post_label
from db.models import AuditRecord, Post, StaffRole
from tests.support.app import ADMIN_ID, RunningApp, unpaced_app
from tests.support.approvals import (
    MATERIAL_KEPT,
    NO_REASON,
    POST_KEPT,
    POSTER,
    REJECTED,
    approval_cards,
    district_coordinators,
    material_for_review,
    material_status,
    post_status,
    stored_post,
    waiting_post,
)
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.org_tree import SCHOOL, grant
from tests.support.post_steps import t

AUTHOR, COORD = 8961, 8962  # the post's author, and the coordinator who rejects it (both of the district)
MONDAY = datetime(2026, 12, 7, 12, 0, tzinfo=KZ)
OTHER = {"kk": "ru", "ru": "kk"}
ASK = (
    "Why is post {post} rejected? Write the reason in one message, up to {limit} characters: the author gets "
    "it. To reject it without a reason, press the button below."
)
WITH_REASON = (
    "Your post {post} was not approved: {name} rejected it, giving this reason:\n{reason}\n"
    "It will not be sent; talk it over together."
)
WITHOUT_REASON = (
    "Your post {post} was not approved: {name} rejected it. It will not be sent; talk it over together."
)
WITHOUT = "Reject without a reason"
# Typed by a coordinator: markup that must reach the author as the characters typed.
REASON = "Дата <b>неверна</b> & зал <занят>; перенесите на среду"


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    # The coordinator stays staff when the coordinator role goes.
    staff = [*district_coordinators(AUTHOR, COORD), (COORD, "psychologist", SCHOOL)]
    async with unpaced_app(database_url, MONDAY, staff=staff) as running:
        yield running


async def _waiting(app: RunningApp, author_locale: str, coord_locale: str) -> tuple[Any, Any, Any, int, dict]:
    """The author and the coordinator in their languages, the admin in the coordinator's; a post waiting
    for approval, its cards sent. Returns the author, the coordinator, the admin, the post and the cards."""
    author, coord = app.emu.user(AUTHOR), app.emu.user(COORD)
    admin = app.emu.user(ADMIN_ID, "Марат", language_code=coord_locale)
    for user, locale in ((author, author_locale), (coord, coord_locale), (admin, coord_locale)):
        await pick_language(user, locale)
    post_id = await waiting_post(app, AUTHOR, MONDAY)
    cards = await approval_cards(app, post_id, {COORD: coord_locale, ADMIN_ID: coord_locale})
    return author, coord, admin, post_id, cards


async def _label(app: RunningApp, post_id: int, locale: str) -> str:
    return post_label(await stored_post(app, post_id), locale)


async def _audits(app: RunningApp, action: str) -> list[str | None]:
    async with app.dp["sessionmaker"]() as session:
        rows = await session.scalars(select(AuditRecord).where(AuditRecord.action == action))
        return [r.detail for r in rows]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_author_gets_the_reason_escaped_in_their_language(app: RunningApp, locale: str) -> None:
    author, coord, admin, post_id, cards = await _waiting(app, locale, OTHER[locale])
    other = OTHER[locale]
    await coord.press(cards[COORD], button_with(cards[COORD], t(app, "Reject", other)))
    ask = await coord.next_message()
    label = await _label(app, post_id, other)
    assert ask["text"] == t(app, ASK, other, post=label, limit=300)
    assert button_texts(ask) == [t(app, WITHOUT, other), "✖️ " + t(app, "Cancel", other)]
    # Nothing is decided yet: the cards keep Approve / Reject, the author is told nothing.
    assert await post_status(app, post_id) == "awaiting_approval"
    assert t(app, "Approve", other) in " ".join(
        button_texts(app.emu.world.chats[ADMIN_ID].messages[cards[ADMIN_ID]["message_id"]])
    )

    await coord.send(REASON)
    done = await coord.next_message()
    assert done["text"] == t(app, REJECTED, other)
    pressed = await coord.wait_edit(cards[COORD])
    assert pressed["text"] == done["text"] and not pressed.get("reply_markup")
    told_admin = await admin.wait_edit(cards[ADMIN_ID])
    assert told_admin["text"] == t(app, "{name} rejected this post; it will not be sent.", other, name="User")
    assert not told_admin.get("reply_markup")

    told = await author.next_message()
    shown = await _label(app, post_id, locale)
    wanted = t(app, WITH_REASON, locale, post=shown, name="User", reason="\x00").replace("\x00", REASON)
    assert told["text"] == wanted, told["text"]
    # Quoted: the reason is one blockquote entity, exactly the characters typed.
    [quote] = [e for e in told.get("entities", []) if e["type"] == "blockquote"]
    utf16 = told["text"].encode("utf-16-le")
    assert utf16[quote["offset"] * 2 : (quote["offset"] + quote["length"]) * 2].decode("utf-16-le") == REASON
    assert {"kk": "мақұлданбады", "ru": "не одобрено"}[locale] in told["text"]

    post = await stored_post(app, post_id)
    assert post.status == "rejected"
    # The reason is not kept: neither on the post's row nor in the audit.
    assert await _audits(app, "post.rejected") == ["with a reason"]
    assert "занят" not in " ".join(str(v) for v in (post.text_kk, post.text_ru, post.audience))
    assert app.emu.rejections == []


async def test_rejecting_without_a_reason_sends_the_plain_notice(app: RunningApp) -> None:
    author, coord, _admin, post_id, cards = await _waiting(app, "kk", "ru")
    await coord.press(cards[COORD], button_with(cards[COORD], "Отклонить"))
    ask = await coord.next_message()
    await coord.press(ask, button_with(ask, "Отклонить без причины"))
    assert not (await coord.wait_edit(ask)).get("reply_markup")
    assert (await coord.next_message())["text"] == t(app, "Rejected. The author has been told.", "ru")
    told = await author.next_message()
    label = await _label(app, post_id, "kk")
    assert told["text"] == t(app, WITHOUT_REASON, "kk", post=label, name="User")
    assert await post_status(app, post_id) == "rejected"
    assert await _audits(app, "post.rejected") == ["without a reason"]
    # The question's button, pressed again, changes nothing.
    await coord.press_data(ask, "aprn:n")
    assert await post_status(app, post_id) == "rejected"
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_cancel_at_the_reason_leaves_the_post_waiting(app: RunningApp, locale: str) -> None:
    author, coord, admin, post_id, cards = await _waiting(app, locale, locale)
    await coord.press(cards[COORD], button_with(cards[COORD], t(app, "Reject", locale)))
    ask = await coord.next_message()
    await coord.press(ask, button_with(ask, t(app, "Cancel", locale)))
    cancelled = await coord.wait_edit(ask)
    assert cancelled["text"] == t(app, POST_KEPT, locale) and not cancelled.get("reply_markup")
    assert await post_status(app, post_id) == "awaiting_approval"
    # What is typed next is no reason: nothing is rejected.
    await coord.send("Дата неверна")
    await coord.next_message()
    assert await post_status(app, post_id) == "awaiting_approval"
    await author.expect_no_message(0.3)
    # The post still waits: the admin approves it from their card.
    await admin.press(cards[ADMIN_ID], button_with(cards[ADMIN_ID], t(app, "Approve", locale)))
    assert (await author.next_message())["text"].startswith("✅")
    assert await post_status(app, post_id) != "rejected"
    assert await _audits(app, "post.rejected") == []
    assert app.emu.rejections == []


async def test_a_photo_and_an_overlong_reason_are_asked_again(app: RunningApp) -> None:
    author, coord, _admin, post_id, cards = await _waiting(app, "ru", "kk")
    await coord.press(cards[COORD], button_with(cards[COORD], "Қабылдамау"))
    await coord.next_message()
    await coord.send_photo()
    assert (await coord.next_message())["text"] == t(app, NO_REASON, "kk")
    await coord.send("я" * 301)
    assert "Себебі 301 таңбадан тұрады, ал шегі — 300." in (await coord.next_message())["text"]
    assert await post_status(app, post_id) == "awaiting_approval"
    await author.expect_no_message(0.3)
    # A reason that quotes words of crisis is the coordinator's text, not a crisis: the crisis lane leaves it.
    quoted_words = "В тексте «хочу умереть» — так писать родителям нельзя"
    assert load_detector().detect(quoted_words) is not None
    await coord.send(quoted_words)
    assert (await coord.next_message())["text"] == t(app, REJECTED, "kk")
    told = await author.next_message()
    assert quoted_words in told["text"] and "не одобрено" in told["text"]
    assert await post_status(app, post_id) == "rejected"
    assert app.emu.rejections == []


async def test_a_role_revoked_while_typing_rejects_nothing(app: RunningApp) -> None:
    author, coord, _admin, post_id, cards = await _waiting(app, "kk", "ru")
    await coord.press(cards[COORD], button_with(cards[COORD], "Отклонить"))
    await coord.next_message()
    async with app.dp["sessionmaker"]() as session:
        await session.execute(
            update(StaffRole)
            .where(StaffRole.user_id == COORD, StaffRole.role == "coordinator")
            .values(revoked_at=MONDAY)
        )
        await session.commit()
    await coord.send("Дата неверна")
    assert (await coord.next_message())["text"] == t(app, "You cannot do this with your role.", "ru")
    assert await post_status(app, post_id) == "awaiting_approval"
    assert await _audits(app, "approval.scope_lost") == [f"post {post_id}"]
    await author.expect_no_message(0.3)
    assert app.emu.rejections == []


@pytest.mark.parametrize("meanwhile", ["approved", "withdrawn"])
async def test_a_post_decided_or_withdrawn_while_typing_is_not_rejected(
    app: RunningApp, meanwhile: str
) -> None:
    author, coord, admin, post_id, cards = await _waiting(app, "ru", "ru")
    await coord.press(cards[COORD], button_with(cards[COORD], "Отклонить"))
    await coord.next_message()
    if meanwhile == "approved":
        await admin.press(cards[ADMIN_ID], button_with(cards[ADMIN_ID], "Одобрить"))
        assert (await author.next_message())["text"].startswith("✅")
        said = "Someone has already decided on this post."
    else:
        async with app.dp["sessionmaker"]() as session:
            await session.execute(update(Post).where(Post.id == post_id).values(status="withdrawn"))
            await session.commit()
        said = "The author has withdrawn this post; it will not be sent."
    await coord.send("Дата неверна")
    assert (await coord.next_message())["text"] == t(app, said, "ru")
    assert await post_status(app, post_id) != "rejected"
    assert await _audits(app, "post.rejected") == []
    await author.expect_no_message(0.3)
    assert app.emu.rejections == []


PSY = 8963  # proposes a material from the school


async def test_a_material_rejection_shares_the_step_and_its_cancel(app: RunningApp) -> None:
    """The material review uses the same reason step: Cancel leaves the material waiting, an old button of the
    question changes nothing, and the reason reaches the proposer escaped (a material keeps it on its row)."""
    sm = app.dp["sessionmaker"]
    await grant(sm, PSY, "psychologist", SCHOOL)
    psy, coord = app.emu.user(PSY), app.emu.user(COORD)
    await pick_language(psy, "kk")
    await pick_language(coord, "ru")
    material_id, asked = await material_for_review(app, PSY, SCHOOL, MONDAY)
    assert asked >= 1
    card = await next_with(coord, POSTER)
    await coord.press(card, button_with(card, "Отклонить"))
    ask = await next_with(coord, "Почему материал «Плакат» отклонён")
    assert button_texts(ask) == ["✖️ Отмена"]  # a material always needs a reason
    await coord.press(ask, button_with(ask, "Отмена"))
    assert (await coord.wait_edit(ask))["text"] == t(app, MATERIAL_KEPT, "ru")
    assert (await material_status(app, material_id))[0] == "pending"
    answer = await coord.press_data(ask, "mrvn:x")  # the old Cancel, pressed again
    assert answer["text"] == t(app, "This question is closed. To reject, press Reject again.", "ru")

    await coord.press(card, button_with(card, "Отклонить"))
    await next_with(coord, "Почему материал «Плакат» отклонён")
    await coord.send("Ссылка <b>не</b> открывается & устарела")
    assert "Автору отправлена причина" in (await coord.next_message())["text"]
    told = await next_with(psy, "мақұлданбады")
    assert "Ссылка <b>не</b> открывается & устарела" in told["text"]
    assert await material_status(app, material_id) == ("rejected", "Ссылка <b>не</b> открывается & устарела")
    assert app.emu.rejections == []
