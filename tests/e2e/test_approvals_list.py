"""/approvals lists what waits for the approver and opens the same card as the request; the card names the
author as /staff does and says how the post will go; the author is told who approved or rejected which post
(«#1 «its first words»»), every other card of the post says so at once and loses its buttons, and /stats
calls a rejected post rejected."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from bot.views.approvals import ApprovalOpenCb
from bot.views.post_keyboards import ApprovalCb, Decision
from db.models import AuditRecord, Post
from tests.support.app import ADMIN_ID, RunningApp
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.org_tree import DISTRICT, OTHER_DISTRICT, SCHOOL, SCHOOL_2, add_parent, add_tree, grant
from tests.support.post_steps import TEXTS, area_post, card_head, t

COORD, COORD_2, OTHER_COORD, PSY, PARENT = 8801, 8802, 8803, 8804, 8805
AUTHOR = ("Айгүл", "Серікова")
ROLE_PLACE = {"kk": "(үйлестіруші, Сынақ ауданы)", "ru": "(координатор, Тестовый район)"}
URGENT = {
    "kk": "Режим: ⚡ шұғыл — бірден, дыбыспен, түнде де",
    "ru": "Режим: ⚡ срочный — сразу, со звуком, даже ночью",
}
SILENT = {"kk": "Режим: үнсіз — бірден, дыбыссыз", "ru": "Режим: тихий — сразу, без звука"}


def _label(locale: str) -> str:
    """How the author's message names the post: its id and its first words in the author's language."""
    return f"#1 «{TEXTS[locale == 'ru']}»"


async def _setup(app: RunningApp, locale: str) -> tuple[Any, Any]:
    """The author (a district coordinator, with a name) and a second coordinator of the district."""
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    for user_id in (COORD, COORD_2):
        await grant(sm, user_id, "coordinator", DISTRICT)
    await grant(sm, OTHER_COORD, "coordinator", OTHER_DISTRICT)
    await grant(sm, PSY, "psychologist", SCHOOL)
    parent = app.emu.user(PARENT)
    await pick_language(parent, "ru")
    await add_parent(sm, PARENT, "ru", (SCHOOL_2, "5"))
    coord = app.emu.user(COORD, AUTHOR[0], last_name=AUTHOR[1], language_code=locale)
    coord_2 = app.emu.user(COORD_2, "Дана", last_name="Омарова", language_code=locale)
    for user in (coord, coord_2):
        await pick_language(user, locale)
    return coord, coord_2


async def _status(app: RunningApp) -> str:
    async with app.dp["sessionmaker"]() as session:
        return str(await session.scalar(select(Post.status).where(Post.id == 1)))


async def _card(user: Any, app: RunningApp, locale: str) -> dict[str, Any]:
    """The approval card (after the preview in both languages)."""
    return await next_with(user, card_head(app, locale))


def _check_card(card: dict[str, Any], mode: str) -> None:
    text = card["text"]
    assert f"{AUTHOR[0]} {AUTHOR[1]} " in text, text
    assert str(COORD) not in text  # no raw Telegram id
    assert mode in text, text


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_list_opens_the_card_and_its_approval_names_the_approver(
    app: RunningApp, locale: str
) -> None:
    coord, coord_2 = await _setup(app, locale)
    await area_post(app, coord, locale, urgency="Urgent")
    request = await _card(coord_2, app, locale)
    _check_card(request, URGENT[locale])
    assert ROLE_PLACE[locale] in request["text"]

    # Scrolled past: /approvals finds it.
    await coord_2.send("/approvals")
    listing = await coord_2.next_message()
    head = "<b>Waiting for your approval: {n}</b>\nPress a post to see it with «Approve» and «Reject»."
    assert listing["text"].startswith(t(app, head, locale, n=1))
    assert f"{AUTHOR[0]} {AUTHOR[1]}" in listing["text"] and "#1" in listing["text"]
    await coord_2.press(listing, button_with(listing, "#1"))
    previews = [await coord_2.next_message(), await coord_2.next_message()]
    assert {TEXTS[0], TEXTS[1]} <= {p["text"].split("\n")[-1] for p in previews}
    card = await coord_2.next_message()
    assert card["text"] == request["text"]
    assert button_texts(card) == button_texts(request)

    answer = await coord_2.press(card, button_with(card, t(app, "Approve", locale)))
    assert not answer.get("show_alert")
    told = await next_with(coord, "✅")
    name = "Дана Омарова"
    approved = "✅ {name} approved your post {post}; sending has begun. Recipients: {n}."
    assert told["text"] == t(app, approved, locale, name=name, post=_label(locale), n=1)
    assert {
        "kk": "#1 «Ертең ата-аналар жиналысы болады.» хабарландыруыңызды Дана Омарова мақұлдады",
        "ru": "Ваше объявление #1 «Завтра родительское собрание.» одобрил(а) Дана Омарова",
    }[locale] in told["text"]
    await next_with(app.emu.user(PARENT), TEXTS[1])
    # The request's own card says who approved it at once, and has no buttons left.
    told = await coord_2.wait_edit(request)
    assert told["text"] == t(app, "✅ {name} approved this post.", locale, name=name)
    assert {
        "kk": "Бұл хабарландыруды Дана Омарова мақұлдады",
        "ru": "Это объявление одобрил(а) Дана Омарова",
    }[locale] in told["text"]
    assert not told.get("reply_markup")
    # Pressed late anyway (a press with its old buttons' data): already decided.
    late = await coord_2.press_data(told, ApprovalCb(decision=Decision.approve, post_id=1).pack())
    assert late["text"] == t(app, "Someone has already decided on this post.", locale)
    await coord_2.send("/approvals")
    assert (await coord_2.next_message())["text"] == t(
        app, "Nothing is waiting for your approval now.", locale
    )
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_admin_rejects_from_the_list_and_the_author_is_sent_to_the_admin(
    app: RunningApp, locale: str
) -> None:
    coord, coord_2 = await _setup(app, locale)
    admin = app.emu.user(ADMIN_ID, "Марат", last_name="Әбенов", language_code=locale)
    await pick_language(admin, locale)
    await area_post(app, coord, locale)
    colleague_card = await _card(coord_2, app, locale)
    request = await _card(admin, app, locale)

    await admin.send("/approvals")
    listing = await admin.next_message()
    await admin.press(listing, button_with(listing, "#1"))
    card = await _card(admin, app, locale)
    _check_card(card, SILENT[locale])
    await admin.press(card, button_with(card, t(app, "Reject", locale)))
    # Reject asks for a reason first (tests/e2e/test_post_reject_reason.py); here none is given.
    ask = await admin.next_message()
    await admin.press(ask, button_with(ask, t(app, "Reject without a reason", locale)))
    assert (await admin.wait_edit(card))["text"] == t(app, "Rejected. The author has been told.", locale)
    # The coordinator's card and the admin's first one say who rejected it, at once, with no buttons left.
    rejected = t(app, "{name} rejected this post; it will not be sent.", locale, name="Марат Әбенов")
    for user, shown in ((coord_2, colleague_card), (admin, request)):
        told = await user.wait_edit(shown)
        assert told["text"] == rejected and not told.get("reply_markup")

    # The author is a coordinator: «talk to your coordinator» would send them to themselves.
    told = await coord.next_message()
    wanted = (
        "Your post {post} was not approved: {name} rejected it. It will not be sent; talk it over together."
    )
    assert told["text"] == t(app, wanted, locale, name="Марат Әбенов", post=_label(locale))
    assert _label(locale) in told["text"]
    assert "координатор" not in told["text"] and "үйлестіруш" not in told["text"]
    assert await _status(app) == "rejected"
    await coord.send("/stats")
    stats = (await coord.next_message())["text"]
    assert {"kk": "Қабылданбады", "ru": "Отклонено"}[locale] in stats
    assert t(app, "cancelled", locale).capitalize() not in stats
    await app.emu.user(PARENT).expect_no_message(1.0)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_only_approvers_have_the_list_and_only_of_their_areas(app: RunningApp, locale: str) -> None:
    coord, coord_2 = await _setup(app, locale)
    await area_post(app, coord, locale)
    psy = app.emu.user(PSY, language_code=locale)
    other = app.emu.user(OTHER_COORD, language_code=locale)
    for user in (psy, other):
        await pick_language(user, locale)

    # In /help and the menu of those who may approve, in their language; not of a psychologist.
    line = t(app, "Posts waiting for my approval", locale)
    coord_2.drain()  # the request
    await coord_2.send("/help")
    assert f"/approvals — {line}" in (await next_with(coord_2, "/help"))["text"]
    menu = {c["command"]: c["description"] for c in app.emu.visible_commands(COORD_2, language_code=locale)}
    assert menu.get("approvals") == line
    await psy.send("/help")
    assert "/approvals" not in (await psy.next_message())["text"]
    assert "approvals" not in {c["command"] for c in app.emu.visible_commands(PSY, language_code=locale)}
    await psy.send("/approvals")
    assert (await psy.next_message())["text"] == t(app, "You cannot do this with your role.", locale)

    # Another district's coordinator: nothing waits for them, and the post's id opens nothing.
    await other.send("/approvals")
    assert (await other.next_message())["text"] == t(app, "Nothing is waiting for your approval now.", locale)
    answer = await other.press_data(other.messages[-1], ApprovalOpenCb(post_id=1).pack())
    assert answer["text"] == t(app, "You cannot do this with your role.", locale)
    async with app.dp["sessionmaker"]() as session:
        forged = select(func.count()).select_from(AuditRecord).where(AuditRecord.action == "approval.forged")
        assert await session.scalar(forged) == 1
    # The author does not see their own post to approve.
    await coord.send("/approvals")
    assert (await coord.next_message())["text"] == t(app, "Nothing is waiting for your approval now.", locale)
    assert await _status(app) == "awaiting_approval"
    assert app.emu.rejections == []
