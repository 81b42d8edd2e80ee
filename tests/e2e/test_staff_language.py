"""What the bot sends staff outside their own update speaks the language its replies to them do: the delivery
report of a post, the approval request and its result. Who never pressed a language button is answered in
the language of their Telegram, so that is the language of these messages too; a saved choice wins over it;
/forget takes the remembered language away with the rest."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import pytest
from sqlalchemy import select

from db.models import User
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_with, next_with, pick_language
from tests.support.language import has_kazakh_letters
from tests.support.org_tree import DISTRICT, SCHOOL, SCHOOL_2, add_parent, add_tree, grant
from tests.support.post_wizard import write_post

PSY, COORD, COORD_2, PARENT = 8601, 8602, 8603, 8604
TEXTS = ("Ертең ата-аналар жиналысы болады.", "Завтра родительское собрание.")
OTHER = {"kk": "ru", "ru": "kk"}
NOT_APPROVED = {"kk": "мақұлданбады", "ru": "не одобрено"}
ASKED = {"kk": "Хабарландыру сіздің мақұлдауыңызды күтуде", "ru": "Объявление ждёт вашего одобрения"}


def t(app: RunningApp, msgid: str, locale: str) -> str:
    """The translation as the chat shows it: Telegram HTML's tags become entities, not text."""
    return re.sub(r"<[^>]+>", "", str(app.dp["i18n"].gettext(msgid, locale=locale)))


async def _parent(app: RunningApp, org: str) -> None:
    parent = app.emu.user(PARENT)
    await pick_language(parent, "ru")  # Telegram only lets a bot write to people who started it
    await add_parent(app.dp["sessionmaker"], PARENT, "ru", (org, "5"))
    # The one copy is sent a second later: a post to one parent can otherwise be done before the author's
    # "confirmed" message is attached to it, and then nobody turns that message into the report.
    app.dp["broadcaster"].retry_base = 1.0
    app.emu.inject_fault("sendMessage", 502, chat_id=PARENT)


async def _report(app: RunningApp, author: int, progress: dict[str, Any], locale: str) -> str:
    """The author's progress message once the sender has turned it into the final report."""
    head = t(app, "<b>Post #{id} has been sent.</b>", locale).split("{id}")[-1]
    shown = app.emu.world.chats[author].messages
    for _ in range(300):
        if head in shown[progress["message_id"]]["text"]:
            break
        await asyncio.sleep(0.05)
    return str(shown[progress["message_id"]]["text"])


async def _school_post(app: RunningApp, psy: Any, locale: str) -> dict[str, Any]:
    """/post to grade 5 of the school, now; returns the confirmed message the sender reports on."""
    await write_post(psy, *TEXTS)
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, t(app, "grade {n}", locale).format(n=5)))
    grades = await psy.wait_edit(grades)
    await psy.press(grades, button_with(grades, t(app, "Done", locale)))
    urgency = await psy.wait_edit(grades)
    await psy.press(urgency, button_with(urgency, t(app, "Silent", locale)))  # no waiting for the morning
    when = await psy.wait_edit(urgency)
    await psy.press(when, button_with(when, t(app, "Now", locale)))
    summary = await next_with(psy, t(app, "<b>Check before sending</b>", locale)[:12])
    await psy.press(summary, button_with(summary, t(app, "Confirm", locale)))
    return await next_with(psy, "✅")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_delivery_report_speaks_the_authors_telegram_language(database_url: str, locale: str) -> None:
    # The bot's default is the other language: only Telegram's can make the report speak this one.
    async with running_app(database_url, default_locale=OTHER[locale]) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        await grant(sm, PSY, "psychologist", SCHOOL)
        await _parent(app, SCHOOL)
        psy = app.emu.user(PSY, language_code=locale)  # never presses a language button
        progress = await _school_post(app, psy, locale)
        report = await _report(app, PSY, progress, locale)
        assert t(app, "<b>Post #{id} has been sent.</b>", locale).format(id=1) in report
        assert t(app, "Delivered: {sent} of {total}.", locale).format(sent=1, total=1) in report


async def test_a_saved_choice_wins_over_telegrams_language(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, PSY, "psychologist", SCHOOL)
    await _parent(app, SCHOOL)
    psy = app.emu.user(PSY, language_code="ru")
    await pick_language(psy, "kk")
    progress = await _school_post(app, psy, "kk")
    report = await _report(app, PSY, progress, "kk")
    assert "№ 1 хабарландыру жіберілді" in report
    async with sm() as session:
        user = await session.get(User, PSY)
        assert user is not None and (user.language, user.telegram_language) == ("kk", None)


async def _area_post(app: RunningApp, coord: Any, locale: str) -> None:
    """A district-wide post, which waits for another coordinator's approval."""
    await write_post(coord, *TEXTS)
    orgs = await coord.next_message()
    await coord.press(orgs, button_with(orgs, t(app, "Everyone in {scope}", locale).split("{scope}")[0]))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, t(app, "All grades", locale)))
    urgency = await coord.wait_edit(grades)
    await coord.press(urgency, button_with(urgency, t(app, "Silent", locale)))
    when = await coord.wait_edit(urgency)
    await coord.press(when, button_with(when, t(app, "Now", locale)))
    summary = await next_with(coord, t(app, "<b>Check before sending</b>", locale)[:12])
    await coord.press(summary, button_with(summary, t(app, "Confirm", locale)))
    asked = "Sent for approval. You will get a message when another coordinator or an admin approves it."
    await next_with(coord, t(app, asked, locale))


@pytest.mark.parametrize(("locale", "decision"), [("kk", "approve"), ("ru", "approve"), ("ru", "reject")])
async def test_approval_request_and_result_speak_each_ones_telegram_language(
    database_url: str, locale: str, decision: str
) -> None:
    async with running_app(database_url, default_locale=OTHER[locale]) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        await grant(sm, COORD, "coordinator", DISTRICT)
        await grant(sm, COORD_2, "coordinator", DISTRICT)
        await _parent(app, SCHOOL_2)
        # Neither ever presses a language button; the approver wrote to the bot once, so it may write back.
        coord, coord_2 = (
            app.emu.user(COORD, language_code=locale),
            app.emu.user(COORD_2, language_code=locale),
        )
        await coord_2.send("/help")
        await coord_2.next_message()
        await _area_post(app, coord, locale)

        request = await next_with(coord_2, ASKED[locale])
        assert ASKED[OTHER[locale]] not in request["text"]
        label = t(app, "Approve" if decision == "approve" else "Reject", locale)
        await coord_2.press(request, button_with(request, label))
        if decision == "reject":  # asked for a reason first; none is given
            ask = await coord_2.next_message()
            await coord_2.press(ask, button_with(ask, t(app, "Reject without a reason", locale)))
        await coord_2.wait_edit(request)
        # The result's words are not pinned here (they name the approver), only its language.
        told = await coord.next_message()
        assert has_kazakh_letters(told["text"]) is (locale == "kk"), told["text"]
        if decision == "reject":
            assert NOT_APPROVED[locale] in told["text"]
            return
        assert told["text"].startswith("✅")
        report = await _report(app, COORD, told, locale)
        assert t(app, "<b>Post #{id} has been sent.</b>", locale).format(id=1) in report


async def test_forget_erases_the_remembered_telegram_language(app: RunningApp) -> None:
    psy = app.emu.user(PSY, language_code="ru")
    await psy.send("/help")
    await psy.next_message()
    sm = app.dp["sessionmaker"]
    async with sm() as session:
        kept = await session.scalar(select(User.telegram_language).where(User.id == PSY))
    assert kept == "ru"
    await psy.send("/forget")
    ask = await psy.next_message()
    await psy.press(ask, button_with(ask, "Да, удалить"))
    assert "бот вас забыл" in (await psy.wait_edit(ask))["text"]
    async with sm() as session:
        assert await session.scalar(select(User.telegram_language).where(User.id == PSY)) is None
        assert await session.get(User, PSY) is None


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_mydata_shows_the_remembered_telegram_language(app: RunningApp, locale: str) -> None:
    user = app.emu.user(PSY, language_code=locale)  # never presses a language button
    await user.send("/mydata")
    first, second = await user.next_message(), await user.next_message()
    document, summary = (first, second) if "document" in first else (second, first)
    stored = app.emu.files.get(document["document"]["file_id"])
    assert stored is not None
    data = json.loads(stored.data)
    assert (data["user"]["language"], data["user"]["telegram_language"]) == (None, locale)
    # The language by its name in the reader's language (bot/views/privacy.py language_name, 1ff2057).
    name = t(app, {"kk": "the Kazakh language", "ru": "the Russian language"}[locale], locale)
    line = t(app, "• the language of your Telegram: {language}", locale).format(language=name)
    assert line in summary["text"] and line.split(":")[0] != "• the language of your Telegram"
