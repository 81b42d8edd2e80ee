"""An old ✖️ Cancel, left under a question the user answered by typing (its message keeps its buttons), pressed
after the wizard finished and saved what it made: the press is a step over («this step is over»), audited,
and changes nothing. It used to edit that question into «Cancelled. Nothing was saved.» (or «... sent») when
something was. Through the emulator, /upload, /post, /event and /update, in Kazakh and Russian; every Cancel
still on screen after the end is pressed, one by one."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.clock import KZ, FrozenClock
from bot.digest import iso_week
from bot.emulator import Emulator
from bot.emulator.sample_media import PDF
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from bot.outgoing import OutgoingLimiter
from db.models import DigestRun, Event, Material, MeasureUpdate, Post
from tests.support.app import RunningApp, running_app
from tests.support.audits import audit_count
from tests.support.chat import Message, button_texts, button_with, next_with, pick_language, press
from tests.support.event_wizard import event_summary
from tests.support.org_tree import DISTRICT, SCHOOL, add_tree, grant, staff_member
from tests.support.post_wizard import post_summary
from tests.support.restarts import NOW
from tests.support.small_plan import small_catalogue

STAFF = 8991
TITLE = "Буллинг туралы жадынама"
WORDS = {
    "kk": {
        "cancel": "Болдырмау",
        "over": "Бұл қадам аяқталды",
        "cancelled": "Тоқтатылды",
        "one": "Қазақша",
        "summary": "тексеріңіз",
        "upload_summary": "Материалды тексеріңіз",
        "confirm": "Растау",
        "saved": "Сақталды",
        "confirmed": "Расталды",
        "all": "Барлық сыныптар",
        "normal": "Кәдімгі",
        "now": "Қазір",
        "russian": "орыс тілінде",
        "event_summary": "Жарияламас бұрын тексеріңіз",
        "announced": "жарияланды",
        "ask_when": "Қашан басталады?",
        "update_summary": "Есепті тексеріңіз",
        "skip": "Өткізіп жіберу",
        "today": "Бүгін",
        "no_evidence": "Фото мен құжат жоқ",
        "in_progress": "орындалуда",
        "internal": "Ішкі",
    },
    "ru": {
        "cancel": "Отмена",
        "over": "Этот шаг уже завершён",
        "cancelled": "Отменено",
        "one": "Русский",
        "summary": "Проверьте",
        "upload_summary": "Проверьте материал",
        "confirm": "Подтвердить",
        "saved": "Сохранено",
        "confirmed": "Подтверждено",
        "all": "Все классы",
        "normal": "Обычный",
        "now": "Сейчас",
        "russian": "на русском",
        "event_summary": "Проверьте перед публикацией",
        "announced": "Встреча объявлена",
        "ask_when": "Когда начало?",
        "update_summary": "Проверьте отчёт",
        "skip": "Пропустить",
        "today": "Сегодня",
        "no_evidence": "Нет фото и документов",
        "in_progress": "в работе",
        "internal": "Внутренний",
    },
}

START = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)  # /update's clock: a Wednesday afternoon, no quiet hours


def _bot(flow: str) -> dict[str, Any]:
    """running_app's arguments for `flow`. /event and /update take some thirty messages and presses in a few
    seconds, which flood control would take for a flood; /update needs a roadmap in force."""
    if flow == "event":
        overrides = Overrides(clock=FrozenClock(NOW), flood=FloodControl(limit=1000))
        limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
        return {"overrides": overrides, "emulator": Emulator(chat_rate=None), "limiter": limiter}
    if flow == "update":
        flood = FloodControl(limit=1000)
        return {"overrides": Overrides(clock=FrozenClock(START), catalogue=small_catalogue(), flood=flood)}
    return {}


@pytest.fixture
async def app(database_url: str, flow: str) -> AsyncIterator[RunningApp]:
    async with running_app(database_url, **_bot(flow)) as running:
        yield running


def _now(user: Any, message: Message) -> Message:
    """The message as the user sees it now."""
    return next(m for m in user.messages if m["message_id"] == message["message_id"])


async def _count(app: RunningApp, model: type[Any]) -> int:
    async with app.dp["sessionmaker"]() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _upload(app: RunningApp, locale: str) -> tuple[Any, Message]:
    """/upload to a lesson topic, a PDF, one language, a title, Confirm: saved. Returns the uploader and the
    file's question, which keeps its ⬅️ Back and ✖️ Cancel (the file was sent, not pressed)."""
    w, content = WORDS[locale], app.dp["content"]
    await add_tree(app.dp["sessionmaker"])
    staff = await staff_member(app, STAFF, "coordinator", DISTRICT, locale)
    await staff.send("/upload")
    start = await staff.next_message()
    groups = await press(staff, start, "📚")
    topics = await press(staff, groups, content.age_group("grades_5_9").get(locale).title)
    file_question = await press(staff, topics, content.topic("bullying")[1].get(locale).title)
    await staff.send_document(file_name="Буллинг 5-9.pdf", data=PDF, mime_type="application/pdf")
    language = await staff.next_message()
    await press(staff, language, w["one"])
    await staff.send(TITLE)
    summary = await next_with(staff, w["upload_summary"])
    await staff.press(summary, button_with(summary, w["confirm"]))
    await next_with(staff, w["saved"])
    assert await _count(app, Material) == 1
    return staff, file_question


async def _post(app: RunningApp, locale: str) -> tuple[Any, Message]:
    """/post with both texts, no attachment, all grades, now, Confirm: sent for approval or sent. Returns the
    author and the Russian text's question, which keeps its ⬅️ Back and ✖️ Cancel (the text was typed)."""
    w = WORDS[locale]
    await add_tree(app.dp["sessionmaker"])
    await grant(app.dp["sessionmaker"], STAFF, "psychologist", SCHOOL)
    author = app.emu.user(STAFF)
    await pick_language(author, locale)
    texts = ("Ертең ата-аналар жиналысы болады.", "Завтра родительское собрание.")
    summary = await post_summary(author, texts, [w["all"], w["normal"], w["now"]], w["summary"])
    await author.press(summary, button_with(summary, w["confirm"]))
    await next_with(author, w["confirmed"])
    assert await _count(app, Post) == 1
    russian = next(m for m in author.messages if w["russian"] in (m.get("text") or ""))
    return author, russian


async def _event(app: RunningApp, locale: str) -> tuple[Any, Message]:
    """/event at the psychologist's school (a Family Hour month: the place is asked), all grades, 30 places,
    Confirm: announced. Returns the organiser and the date's question, which keeps its ⬅️ Back and ✖️ Cancel
    (the date was typed)."""
    w = WORDS[locale]
    await add_tree(app.dp["sessionmaker"])
    async with app.dp["sessionmaker"]() as session:
        # This week's digest counts as sent, so it cannot come between a question and its answer.
        session.add(DigestRun(user_id=STAFF, week=iso_week(NOW), claimed_at=NOW, sent_at=NOW))
        await session.commit()
    await grant(app.dp["sessionmaker"], STAFF, "psychologist", SCHOOL)
    organiser = app.emu.user(STAFF)
    await pick_language(organiser, locale)
    summary = await event_summary(organiser, [w["all"]], w["event_summary"])
    await organiser.press(summary, button_with(summary, w["confirm"]))
    await next_with(organiser, w["announced"])
    assert await _count(app, Event) == 1
    when = next(m for m in organiser.messages if w["ask_when"] in (m.get("text") or ""))
    return organiser, when


async def _update(app: RunningApp, locale: str) -> tuple[Any, Message]:
    """/update 2 for the reporter's school: both texts, 120 participants, no events, done today, no evidence,
    in progress, internal, Confirm: saved. Returns the reporter and the Russian text's question, which keeps
    its ⬅️ Back and ✖️ Cancel (the text was typed)."""
    w = WORDS[locale]
    await add_tree(app.dp["sessionmaker"])
    await grant(app.dp["sessionmaker"], STAFF, "psychologist", SCHOOL)
    reporter = app.emu.user(STAFF)
    await pick_language(reporter, locale)
    await reporter.send("/update 2")
    await reporter.next_message()
    await reporter.send("Ата-аналар жиналысы өтті.")
    russian = await reporter.next_message()
    await reporter.send("Прошло собрание.")
    await reporter.next_message()
    await reporter.send("120")
    for label in (w["skip"], w["today"], w["no_evidence"]):  # each answered, the next question comes anew
        question = await reporter.next_message()
        await reporter.press(question, button_with(question, label))
    status = await reporter.next_message()
    visibility = await press(reporter, status, w["in_progress"])
    await reporter.press(visibility, button_with(visibility, w["internal"]))
    summary = await next_with(reporter, w["update_summary"])
    await reporter.press(summary, button_with(summary, w["confirm"]))
    await next_with(reporter, w["saved"])
    assert await _count(app, MeasureUpdate) == 1
    return reporter, russian


# The command, its walk, what it saves and its audit name.
WALKS = {
    "upload": (_upload, Material, "material"),
    "post": (_post, Post, "post"),
    "event": (_event, Event, "event"),
    "update": (_update, MeasureUpdate, "measure_update"),
}


def _with_cancel(user: Any, locale: str) -> list[Message]:
    """The messages that show a ✖️ Cancel now."""
    return [m for m in user.messages if any(WORDS[locale]["cancel"] in b for b in button_texts(m))]


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("flow", sorted(WALKS))
async def test_an_old_cancel_after_the_flow_finished_is_a_step_over(
    app: RunningApp, flow: str, locale: str
) -> None:
    w = WORDS[locale]
    walk, model, audited = WALKS[flow]
    user, old = await walk(app, locale)
    left = _with_cancel(user, locale)
    # The walk's question still shows its Cancel; any other question left with one is pressed too.
    assert old["message_id"] in [m["message_id"] for m in left]

    for shown in left:
        # A copy: the emulator edits the message it keeps (and `user.messages` gives) in place.
        before = copy.deepcopy(shown)
        stale_before = await audit_count(app, f"{audited}.stale")

        answer = await user.press(before, button_with(before, w["cancel"]))
        await app.idle()  # an edit after the answer would come in now

        alert = answer.get("text") or ""  # no text: a plain answer, not the «step over» alert
        assert w["over"] in alert and f"/{flow}" in alert, answer
        assert answer.get("show_alert"), answer
        after = _now(user, before)
        assert after["text"] == before["text"], after["text"]  # not «Cancelled. Nothing was saved.»
        assert w["cancelled"] not in after["text"]
        assert after.get("reply_markup") == before.get("reply_markup")
        assert after.get("edits") == before.get("edits")
        assert await _count(app, model) == 1  # what was saved stays
        assert await audit_count(app, f"{audited}.stale") == stale_before + 1
    assert app.emu.rejections == []
