"""A normal post or an announcement asked for the night says why it goes at 08:00 (tester's round 7, item 2).

Before, the summary showed «Отправка: 8 декабря 2026 г., 08:00» with no reason."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from bot.clock import KZ
from tests.support.app import RunningApp, unpaced_app
from tests.support.event_wizard import event_summary
from tests.support.org_tree import SCHOOL, staff_member
from tests.support.post_wizard import post_summary

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
    async with unpaced_app(database_url, EARLY) as running:
        yield running


async def _summary(app: RunningApp, locale: str, mode: str, when: str | None) -> str:
    """A school psychologist's post in `mode`, now or at `when`; the summary's text."""
    everyone, *_rest, now, later, check = WORDS[locale]
    psy = await staff_member(app, PSY, "psychologist", SCHOOL, locale)
    presses = (everyone, mode, now if when is None else later)
    summary = await post_summary(psy, ("Ертең жиналыс болады.", "Завтра собрание."), presses, check, when)
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
    summary = await event_summary(psy, [WORDS[locale][0]], WORDS[locale][5])
    assert EVENT_NOTE[locale].format(asked="06:30") in summary["text"]
    assert app.emu.rejections == []
