"""A normal post or an announcement asked for the night says why it goes at 08:00 (tester's round 7, item 2).

Before, the summary showed «Отправка: 8 декабря 2026 г., 08:00» with no reason."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from bot.clock import KZ, FrozenClock
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_with, next_with
from tests.support.org_tree import SCHOOL, add_tree, staff_member
from tests.support.post_wizard import write_post

PSY = 8721
EARLY = datetime(2026, 12, 7, 6, 30, tzinfo=KZ)
NOTE = {
    "kk": "🌙 {asked} — түнгі уақыт: кәдімгі хабарландыру 08:00-де жіберіледі. Дәл осы уақытта жіберу үшін "
    "«Үнсіз» режимін таңдаңыз.",
    "ru": "🌙 {asked} — ночное время: обычное объявление уйдёт в 08:00. Чтобы отправить в {asked}, выберите "
    "«Тихий».",
}
EVENT_NOTE = {
    "kk": "🌙 {asked} — түнгі уақыт: хабарландыру 08:00-де жіберіледі.",
    "ru": "🌙 {asked} — ночное время: объявление уйдёт в 08:00.",
}
WORDS = {
    "kk": ("Барлық сыныптар", "Кәдімгі", "Үнсіз", "Қазір", "Белгіленген уақытта", "тексеріңіз"),
    "ru": ("Все классы", "Обычный", "Тихий", "Сейчас", "В назначенное время", "Проверьте"),
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    async with running_app(
        database_url, Overrides(clock=FrozenClock(EARLY)), emulator=emu, limiter=limiter
    ) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


async def _summary(app: RunningApp, locale: str, mode: str, when: str | None) -> str:
    """A school psychologist's post in `mode`, now or at `when`; the summary's text."""
    everyone, *_rest, now, later, check = WORDS[locale]
    psy = await staff_member(app, PSY, "psychologist", SCHOOL, locale)
    await write_post(psy, "Ертең жиналыс болады.", "Завтра собрание.")
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, everyone))
    urgency = await psy.wait_edit(grades)
    await psy.press(urgency, button_with(urgency, mode))
    step = await psy.wait_edit(urgency)
    if when is None:
        await psy.press(step, button_with(step, now))
    else:
        await psy.press(step, button_with(step, later))
        await psy.wait_edit(step)
        await psy.send(when)
    summary = await next_with(psy, check)
    return str(summary["text"])


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_normal_post_now_at_dawn_says_why_it_waits(app: RunningApp, locale: str) -> None:
    text = await _summary(app, locale, WORDS[locale][1], None)
    assert NOTE[locale].format(asked="06:30") in text
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_normal_post_timed_for_the_night_says_why_it_waits(app: RunningApp, locale: str) -> None:
    text = await _summary(app, locale, WORDS[locale][1], "07.12.2026 23:30")
    assert NOTE[locale].format(asked="23:30") in text
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_by_day_or_silent_there_is_no_night_note(app: RunningApp, locale: str) -> None:
    text = await _summary(app, locale, WORDS[locale][1], "07.12.2026 18:00")
    assert "🌙" not in text
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_silent_post_at_night_has_no_night_note(app: RunningApp, locale: str) -> None:
    text = await _summary(app, locale, WORDS[locale][2], "07.12.2026 23:30")
    assert "🌙" not in text
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_announcement_made_at_dawn_says_why_it_waits(app: RunningApp, locale: str) -> None:
    psy = await staff_member(app, PSY, "psychologist", SCHOOL, locale)
    await psy.send("/event")
    await psy.next_message()
    for typed in ("Қауіпсіз интернет", "Безопасный интернет", "20.12.2026 18:30", "Актовый зал"):
        await psy.send(typed)
        await psy.next_message()
    grades = psy.messages[-1]
    await psy.press(grades, button_with(grades, WORDS[locale][0]))
    await psy.wait_edit(grades)
    await psy.send("30")
    summary = await next_with(psy, WORDS[locale][5])
    assert EVENT_NOTE[locale].format(asked="06:30") in summary["text"]
    assert app.emu.rejections == []
