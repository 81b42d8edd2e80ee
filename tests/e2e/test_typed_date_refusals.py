"""/report's other dates, kk and ru: a day that does not exist is told why («В феврале 2027 года 28 дней»,
«2027 жылғы ақпанда 28 күн бар»), and every example is counted from the bot's today (the first of this month
for a first day, today for a last one), never a date written into the text."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import REGION, add_tree, grant
from tests.support.small_plan import small_catalogue

COORD = 8841
START = datetime(2027, 3, 17, 12, 0, tzinfo=KZ)
WORDS = {
    "kk": {
        "other": "Басқа күндер…",
        "ask": "Кезеңнің бірінші күнін КК.АА.ЖЖЖЖ түрінде жіберіңіз, мысалы: 01.03.2027. "
        "Тоқтату үшін /cancel.",
        "feb": "2027 жылғы ақпанда 28 күн бар: 30.02.2027 деген күн жоқ. "
        "Қайта жіберіңіз, мысалы: 01.03.2027.",
        "apr": "Сәуірде 30 күн бар: 31.04.2026 деген күн жоқ. Қайта жіберіңіз, мысалы: 17.03.2027.",
        "month": "Жылда 12 ай бар: 01.13.2026 деген күн жоқ. Қайта жіберіңіз, мысалы: 17.03.2027.",
        "unread": "Бұл күнді түсіне алмадым. КК.АА.ЖЖЖЖ түрінде жіберіңіз, мысалы: 17.03.2027.",
        "last": "соңғы күні",
    },
    "ru": {
        "other": "Другие даты…",
        "ask": "Пришлите первый день периода в виде ДД.ММ.ГГГГ, например 01.03.2027. /cancel — отменить.",
        "feb": "В феврале 2027 года 28 дней: даты 30.02.2027 нет. Отправьте ещё раз, например: 01.03.2027.",
        "apr": "В апреле 30 дней: даты 31.04.2026 нет. Отправьте ещё раз, например: 17.03.2027.",
        "month": "В году 12 месяцев: даты 01.13.2026 нет. Отправьте ещё раз, например: 17.03.2027.",
        "unread": "Не получилось прочитать дату. Пришлите её в виде ДД.ММ.ГГГГ, например 17.03.2027.",
        "last": "последний день",
    },
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    overrides = Overrides(clock=FrozenClock(START), catalogue=small_catalogue())
    async with running_app(database_url, overrides) as running:
        await add_tree(running.dp["sessionmaker"])
        await grant(running.dp["sessionmaker"], COORD, "coordinator", REGION)
        yield running


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_report_days_that_do_not_exist_are_told_why(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    coord = app.emu.user(COORD)
    await pick_language(coord, locale)
    await coord.send("/report")
    periods = await coord.next_message()
    await coord.press(periods, button_with(periods, w["other"]))
    assert (await coord.wait_edit(periods))["text"] == w["ask"]
    await coord.send("30/02/2027")  # the first day: the example is the first of this month
    assert (await coord.next_message())["text"] == w["feb"]
    await coord.send("01.12.2026")
    assert w["last"] in (await coord.next_message())["text"]
    # The last day: the example is today, never a day after it (refused by this step).
    for typed, key in [("31.04.2026", "apr"), ("01.13.2026", "month"), ("мартта", "unread")]:
        await coord.send(typed)
        assert (await coord.next_message())["text"] == w[key]
    assert app.emu.rejections == []
