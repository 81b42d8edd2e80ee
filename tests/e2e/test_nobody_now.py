"""Sent now to nobody: the summary says nobody gets it, not that later subscribers will (tester's round 7,
item 3). A post at a set time keeps the note that parents who subscribe before then will get it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from bot.clock import KZ
from tests.support.app import RunningApp, unpaced_app
from tests.support.event_wizard import event_summary
from tests.support.org_tree import SCHOOL, staff_member
from tests.support.post_wizard import post_summary

PSY = 8731
MIDDAY = datetime(2026, 12, 7, 11, 0, tzinfo=KZ)
NOW_NOTE = {
    "kk": "⚠️ Бұл жерде әзірге ешкім жазылмаған: қазір жіберсеңіз, хабарландыруды ешкім алмайды. Алдымен "
    "ата-аналарға /qr арқылы алынған QR-кодты таратыңыз немесе кейінірек уақыт таңдаңыз.",
    "ru": "⚠️ Здесь пока никто не подписан: если отправить сейчас, объявление никто не получит. Сначала "
    "раздайте родителям QR-код из /qr или выберите более позднее время.",
}
EVENT_NOTE = {
    "kk": "⚠️ Бұл жерде әзірге ешкім жазылмаған: қазір жарияласаңыз, хабарландыруды ешкім алмайды. Алдымен "
    "ата-аналарға /qr арқылы алынған QR-кодты таратыңыз.",
    "ru": "⚠️ Здесь пока никто не подписан: если опубликовать сейчас, объявление никто не получит. Сначала "
    "раздайте родителям QR-код из /qr.",
}
LATER_NOTE = {"kk": "жіберілгенге дейін жазылған", "ru": "которые подпишутся до отправки"}
WORDS = {
    "kk": ("Барлық сыныптар", "Кәдімгі", "Қазір", "Белгіленген уақытта", "тексеріңіз"),
    "ru": ("Все классы", "Обычный", "Сейчас", "В назначенное время", "Проверьте"),
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    async with unpaced_app(database_url, MIDDAY) as running:
        yield running


async def _summary(app: RunningApp, locale: str, when: str | None) -> str:
    everyone, normal, now, later, check = WORDS[locale]
    psy = await staff_member(app, PSY, "psychologist", SCHOOL, locale)
    presses = (everyone, normal, now if when is None else later)
    summary = await post_summary(psy, ("Ертең жиналыс болады.", "Завтра собрание."), presses, check, when)
    return str(summary["text"])


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_post_now_to_nobody_says_nobody_gets_it(app: RunningApp, locale: str) -> None:
    text = await _summary(app, locale, None)
    assert NOW_NOTE[locale] in text
    assert LATER_NOTE[locale] not in text
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_post_later_to_nobody_waits_for_subscribers(app: RunningApp, locale: str) -> None:
    text = await _summary(app, locale, "08.12.2026 18:00")
    assert LATER_NOTE[locale] in text
    assert NOW_NOTE[locale] not in text
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_announcement_now_to_nobody_says_nobody_gets_it(app: RunningApp, locale: str) -> None:
    psy = await staff_member(app, PSY, "psychologist", SCHOOL, locale)
    summary = await event_summary(psy, [WORDS[locale][0]], WORDS[locale][4])
    assert EVENT_NOTE[locale] in summary["text"]
    assert LATER_NOTE[locale] not in summary["text"]
    assert app.emu.rejections == []
