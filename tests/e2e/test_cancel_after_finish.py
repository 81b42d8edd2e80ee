"""An old ✖️ Cancel, left under a question the user answered by typing (its message keeps its buttons), pressed
after the wizard finished and saved what it made: the press is a step over («this step is over»), audited,
and changes nothing. It used to edit that question into «Cancelled. Nothing was saved.» (or «... sent») when
something was. Through the emulator, /upload and /post, in Kazakh and Russian."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from bot.emulator.sample_media import PDF
from db.models import AuditRecord, Material, Post
from tests.support.app import RunningApp
from tests.support.chat import Message, button_with, next_with, pick_language, press
from tests.support.org_tree import DISTRICT, SCHOOL, add_tree, grant, staff_member
from tests.support.post_wizard import post_summary

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
    },
}


def _now(user: Any, message: Message) -> Message:
    """The message as the user sees it now."""
    return next(m for m in user.messages if m["message_id"] == message["message_id"])


async def _stale(app: RunningApp, flow: str) -> int:
    async with app.dp["sessionmaker"]() as session:
        query = select(func.count()).select_from(AuditRecord).where(AuditRecord.action == f"{flow}.stale")
        return int(await session.scalar(query) or 0)


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


# The command, its walk, what it saves and its audit name.
WALKS = {"upload": (_upload, Material, "material"), "post": (_post, Post, "post")}


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("flow", sorted(WALKS))
async def test_an_old_cancel_after_the_flow_finished_is_a_step_over(
    app: RunningApp, flow: str, locale: str
) -> None:
    w = WORDS[locale]
    walk, model, audited = WALKS[flow]
    user, old = await walk(app, locale)
    before = _now(user, old)
    assert button_with(before, w["cancel"])  # the old question still shows its Cancel
    stale_before = await _stale(app, audited)

    answer = await user.press(before, button_with(before, w["cancel"]))

    assert w["over"] in answer["text"] and answer.get("show_alert"), answer
    after = _now(user, old)
    assert after["text"] == before["text"], after["text"]  # not «Cancelled. Nothing was saved.»
    assert w["cancelled"] not in after["text"]
    assert after.get("reply_markup") == before.get("reply_markup")
    assert await _count(app, model) == 1  # what was saved stays
    assert await _stale(app, audited) == stale_before + 1
    assert app.emu.rejections == []
