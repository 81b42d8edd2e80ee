"""Nobody to approve a district post or announcement yet: the author is told who can approve it and where it
waits, not to /invite a colleague /invite cannot make (tester's round 7, item 4)."""

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
from tests.support.org_tree import DISTRICT, add_tree, staff_member
from tests.support.post_wizard import write_post

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
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    async with running_app(
        database_url, Overrides(clock=FrozenClock(MIDDAY)), emulator=emu, limiter=limiter
    ) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_district_post_nobody_can_approve_yet(app: RunningApp, locale: str) -> None:
    everyone, all_grades, silent, now, check, confirm, sent = WORDS[locale]
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, locale)
    await write_post(coord, "Аудандық жарыс сенбі күні өтеді.", "Районные соревнования пройдут в субботу.")
    orgs = await coord.next_message()
    await coord.press(orgs, button_with(orgs, everyone))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, all_grades))
    urgency = await coord.wait_edit(grades)
    await coord.press(urgency, button_with(urgency, silent))
    when = await coord.wait_edit(urgency)
    await coord.press(when, button_with(when, now))
    summary = await next_with(coord, check)
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
    await coord.send("/event")
    await coord.next_message()
    for typed in ("Қауіпсіз интернет", "Безопасный интернет", "20.12.2026 18:30", "Актовый зал"):
        await coord.send(typed)
        await coord.next_message()
    orgs = coord.messages[-1]
    await coord.press(orgs, button_with(orgs, everyone))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, all_grades))
    await coord.wait_edit(grades)
    await coord.send("30")
    summary = await next_with(coord, check)
    await coord.press(summary, button_with(summary, confirm))
    told = await next_with(coord, "/approvals")
    assert told["text"] == NOTE[locale]
    assert app.emu.rejections == []
