"""Nobody to approve a district post or announcement yet: the author is told who can approve it and where it
waits, not to /invite a colleague /invite cannot make (tester's round 7, item 4)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from bot.clock import KZ
from tests.support.app import RunningApp, unpaced_app
from tests.support.chat import button_with, next_with
from tests.support.event_wizard import event_summary
from tests.support.org_tree import DISTRICT, staff_member
from tests.support.post_wizard import post_summary

COORD = 8741
MIDDAY = datetime(2026, 12, 7, 11, 0, tzinfo=KZ)
NOTE = {
    "kk": "Мақұлдау әзірге ешкімнен сұралмады: аумағыңыздың не облысыңыздың басқа үйлестірушілері және бот "
    "әкімшілері ботты әлі пайдаланбайды. Олардың кез келгені ботты ашқан соң /approvals арқылы мақұлдай "
    "алады (жаңа үйлестірушілерді облыс үйлестірушісі не әкімші тағайындайды). Оған дейін хабарландыру "
    "күтеді; оны /stats көрсетеді.",
    "ru": "Одобрение пока ни у кого не запрошено: другие координаторы вашей территории или области и "
    "администраторы бота им пока не пользуются. Любой из них сможет одобрить объявление через /approvals, "
    "как только откроет бота (новых координаторов назначает координатор области или администратор). До тех "
    "пор оно ждёт; его видно в /stats.",
}
WORDS = {
    "kk": ("барлығына", "Барлық сыныптар", "Үнсіз", "Қазір", "тексеріңіз", "Растау", "Мақұлдауға жіберілді"),
    "ru": ("Всем", "Все классы", "Тихий", "Сейчас", "Проверьте", "Подтвердить", "на одобрение"),
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    async with unpaced_app(database_url, MIDDAY) as running:
        yield running


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_district_post_nobody_can_approve_yet(app: RunningApp, locale: str) -> None:
    everyone, all_grades, silent, now, check, confirm, sent = WORDS[locale]
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, locale)
    texts = ("Аудандық жарыс сенбі күні өтеді.", "Районные соревнования пройдут в субботу.")
    summary = await post_summary(coord, texts, (everyone, all_grades, silent, now), check)
    await coord.press(summary, button_with(summary, confirm))
    await next_with(coord, sent)
    told = (await coord.next_message())["text"]
    assert told == NOTE[locale]
    assert "/invite" not in told
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_district_announcement_nobody_can_approve_yet(app: RunningApp, locale: str) -> None:
    everyone, all_grades, _silent, _now, check, confirm, _sent = WORDS[locale]
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, locale)
    summary = await event_summary(coord, (everyone, all_grades), check)
    await coord.press(summary, button_with(summary, confirm))
    told = await next_with(coord, "/approvals")
    assert told["text"] == NOTE[locale]
    assert app.emu.rejections == []
