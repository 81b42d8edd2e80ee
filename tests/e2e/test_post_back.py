"""Every /post question after the first has ⬅️ Back and ✖️ Cancel: the Russian text, the attachment, the
grades, the mode, «now or at a set time», and the date and time typed after «At a set time». Back goes to
the step before on this author's path, its answer kept: a text or an attachment come back to is shown as it
is, with «Keep as it is». Through the emulator, in Kazakh and Russian."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from db.models import Post
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.org_tree import SCHOOL, add_tree, grant

PSY = 8961
KK = "Ертең ата-аналар жиналысы болады."
RU = "Завтра родительское собрание."
RU_NEW = "Завтра родительское собрание в актовом зале."
WORDS = {
    "kk": {
        "back": "⬅️ Артқа",
        "cancel": "✖️ Болдырмау",
        "keep": "Осы күйінде қалдыру",
        "no_media": "Тіркемесіз",
        "all": "Барлық сыныптар",
        "normal": "Кәдімгі",
        "now": "Қазір",
        "later": "Белгіленген уақытта",
        "cancelled": "Тоқтатылды",
        "summary": "тексеріңіз",
        "confirm": "Растау",
        "confirmed": "Расталды",
        "kazakh": "қазақ тілінде",
        "russian": "орыс тілінде",
        "media": "фото немесе құжат",
        "grades": "Қай сыныптарға",
        "urgency": "Қалай жіберілсін",
        "when": "қашан жібереміз",
        "time": "Күні мен уақытын",
        "step": "{}/6-қадам",
    },
    "ru": {
        "back": "⬅️ Назад",
        "cancel": "✖️ Отмена",
        "keep": "Оставить как есть",
        "no_media": "Без вложения",
        "all": "Все классы",
        "normal": "Обычный",
        "now": "Сейчас",
        "later": "В назначенное время",
        "cancelled": "Отменено",
        "summary": "Проверьте",
        "confirm": "Подтвердить",
        "confirmed": "Подтверждено",
        "kazakh": "на казахском",
        "russian": "на русском",
        "media": "фото или документ",
        "grades": "Каким классам",
        "urgency": "Как отправить",
        "when": "Когда отправить",
        "time": "Отправьте дату и время",
        "step": "шаг {} из 6",
    },
}
Message = dict[str, Any]


async def _author(app: RunningApp, locale: str) -> Any:
    await add_tree(app.dp["sessionmaker"])
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, locale)
    return psy


def _nav(message: Message, locale: str, *, back: bool = True) -> None:
    """The question's last row: ⬅️ Back (unless it is the first question) and ✖️ Cancel."""
    w = WORDS[locale]
    last = [b["text"] for b in message["reply_markup"]["inline_keyboard"][-1]]
    assert last == ([w["back"]] if back else []) + [w["cancel"]], (message["text"], last)


def _asks(message: Message, locale: str, what: str, step: int) -> None:
    w = WORDS[locale]
    assert w[what] in message["text"] and w["step"].format(step) in message["text"], message["text"]


async def _to_time(psy: Any, locale: str) -> dict[str, Message]:
    """/post to the way to the typed time, each question checked for Back and Cancel; the questions."""
    w, seen = WORDS[locale], {}
    await psy.send("/post")
    seen["text_kk"] = await psy.next_message()
    _asks(seen["text_kk"], locale, "kazakh", 1)
    _nav(seen["text_kk"], locale, back=False)  # the first question: nothing before it
    await psy.send(KK)
    seen["text_ru"] = await psy.next_message()
    _asks(seen["text_ru"], locale, "russian", 2)
    _nav(seen["text_ru"], locale)
    await psy.send(RU)
    seen["media"] = await psy.next_message()
    _asks(seen["media"], locale, "media", 3)
    _nav(seen["media"], locale)
    assert w["keep"] not in button_texts(seen["media"])  # nothing chosen yet
    await psy.press(seen["media"], button_with(seen["media"], w["no_media"]))
    seen["grades"] = await psy.next_message()
    _nav(seen["grades"], locale)
    await psy.press(seen["grades"], button_with(seen["grades"], w["all"]))
    seen["urgency"] = await psy.wait_edit(seen["grades"])
    _asks(seen["urgency"], locale, "urgency", 5)
    _nav(seen["urgency"], locale)
    await psy.press(seen["urgency"], button_with(seen["urgency"], w["normal"]))
    seen["when"] = await psy.wait_edit(seen["urgency"])
    _asks(seen["when"], locale, "when", 6)
    _nav(seen["when"], locale)
    await psy.press(seen["when"], button_with(seen["when"], w["later"]))
    seen["time"] = await psy.wait_edit(seen["when"])
    _asks(seen["time"], locale, "time", 6)
    _nav(seen["time"], locale)
    return seen


async def _back(psy: Any, message: Message, locale: str) -> Message:
    await psy.press(message, button_with(message, WORDS[locale]["back"]))
    return await psy.wait_edit(message)


async def _posts(app: RunningApp) -> list[Post]:
    async with app.dp["sessionmaker"]() as session:
        return list((await session.scalars(select(Post))).all())


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_typed_time_has_back_and_cancel(database_url: str, locale: str) -> None:
    """The date and time typed after «At a set time»: ⬅️ Back to «now or at a set time» (Later again and a
    time typed: the post is set for it); and its ✖️ Cancel ends the draft."""
    w = WORDS[locale]
    clock = FrozenClock(datetime(2026, 12, 2, 12, 0, tzinfo=KZ))
    async with running_app(database_url, Overrides(clock=clock, flood=FloodControl(limit=1000))) as app:
        psy = await _author(app, locale)
        seen = await _to_time(psy, locale)
        when = await _back(psy, seen["time"], locale)
        _asks(when, locale, "when", 6)
        _nav(when, locale)
        await psy.press(when, button_with(when, w["later"]))
        time = await psy.wait_edit(when)
        _asks(time, locale, "time", 6)
        await psy.send("03.12.2026 15:30")
        summary = await next_with(psy, w["summary"])
        assert "15:30" in summary["text"]
        await psy.press(summary, button_with(summary, w["confirm"]))
        await next_with(psy, w["confirmed"])
        [post] = await _posts(app)
        assert (post.text_kk, post.text_ru, post.status) == (KK, RU, "scheduled")

        seen = await _to_time(psy, locale)
        await psy.press(seen["time"], button_with(seen["time"], w["cancel"]))
        assert w["cancelled"] in (await psy.wait_edit(seen["time"]))["text"]
        await psy.send("03.12.2026 16:00")  # no draft: not taken as a time
        await psy.next_message()
        assert len(await _posts(app)) == 1
        assert app.emu.rejections == []


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    # A walk forward and all the way back is some forty updates in a few seconds: not a flood here.
    async with running_app(database_url, Overrides(flood=FloodControl(limit=1000))) as running:
        yield running


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_back_walks_to_the_first_step_and_keeps_every_answer(app: RunningApp, locale: str) -> None:
    """From the typed time, ⬅️ Back step by step to the Kazakh text; each step on the way shows what it has
    (a text as it is, the attachment chosen) with «Keep as it is»; the first has no Back. Kept forward, the
    Russian text sent anew: the post has it and the rest as it was."""
    w = WORDS[locale]
    psy = await _author(app, locale)
    seen = await _to_time(psy, locale)
    question = seen["time"]
    for what, step in (
        ("when", 6),
        ("urgency", 5),
        ("grades", 4),
        ("media", 3),
        ("russian", 2),
        ("kazakh", 1),
    ):
        question = await _back(psy, question, locale)
        _asks(question, locale, what, step)
        _nav(question, locale, back=step > 1)
        if step <= 3:
            assert w["keep"] in button_texts(question)
    assert KK in question["text"]  # the Kazakh text as it is now
    await psy.press(question, button_with(question, w["keep"]))
    russian = await psy.next_message()
    _asks(russian, locale, "russian", 2)
    assert RU in russian["text"] and w["keep"] in button_texts(russian)
    await psy.send(RU_NEW)
    media = await psy.next_message()
    _asks(media, locale, "media", 3)
    await psy.press(media, button_with(media, w["keep"]))  # still no attachment
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, w["all"]))
    urgency = await psy.wait_edit(grades)
    await psy.press(urgency, button_with(urgency, w["normal"]))
    when = await psy.wait_edit(urgency)
    await psy.press(when, button_with(when, w["now"]))
    summary = await next_with(psy, w["summary"])
    await psy.press(summary, button_with(summary, w["confirm"]))
    await next_with(psy, w["confirmed"])
    [post] = await _posts(app)
    assert (post.text_kk, post.text_ru, post.media_kind) == (KK, RU_NEW, None)
    assert app.emu.rejections == []


async def test_keep_where_nothing_is_kept_and_an_old_back_are_refused(app: RunningApp) -> None:
    """A Keep pressed (forged) at the Kazakh text or the attachment of a fresh walk keeps nothing, and the
    Back of a question already answered goes nowhere: refused, the draft stays at its step."""
    psy = await _author(app, "ru")
    await psy.send("/post")
    question = await psy.next_message()
    refused = await psy.press_data(question, "pst:k")
    assert refused["text"]
    await psy.send(KK)
    russian = await psy.next_message()
    await psy.send(RU)
    media = await psy.next_message()
    refused = await psy.press_data(media, "pst:k")
    assert refused["text"]
    # The Back of the Russian question, answered already (its message keeps its buttons): a step over.
    stale = await psy.press(russian, button_with(russian, "Назад"))
    assert "Этот шаг уже завершён" in stale["text"]
    await psy.expect_no_message(0.3)
    await psy.press(media, button_with(media, "Без вложения"))
    assert "Каким классам" in (await psy.next_message())["text"]
    assert app.emu.rejections == []
