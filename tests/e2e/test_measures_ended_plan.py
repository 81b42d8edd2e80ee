"""/measure N and /measures with the shipped Karaganda roadmap 2023–2025, in force (June 2025) and a year
after its end with no new one adopted (6 December 2026): an ended roadmap's measure is told in the past, a
measure done in none of its periods says so, its card does not promise results «below», and one earlier
roadmap is named in the singular."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from tests.support.app import ADMIN_ID, running_app
from tests.support.chat import button_with, pick_language

IN_FORCE = datetime(2025, 6, 2, 12, 0, tzinfo=KZ)
ENDED = datetime(2026, 12, 6, 12, 0, tzinfo=KZ)
PARENT = 9401

WORDS = {
    "kk": {
        "not for parents now": "Жол картасының № 1 іс-шарасын ведомстволардың өздері орындайды, ол "
        "ата-аналар үшін жарияланбайды.",
        "not for parents ended": "Жол картасының № 1 іс-шарасын ведомстволардың өздері орындады, ол "
        "ата-аналарға жарияланбаған. Ата-аналарға арналған іс-шаралардың қорытындысын көру үшін /measures "
        "ашыңыз.",
        "no updates now": "Әзірге хабар жоқ.",
        "no updates ended": "\n\nХабар берілмеген.",
        "ended": "Бұл жол картасы аяқталды (соңғы күні: 2025 жылғы 31 желтоқсан).\n",
        "below": "Төменде оның қорытынды нәтижелері",
        "none done": "12 есептік кезеңнің бірде-бірінде орындалмаған.",
        "zero": "0 кезеңінде",
        "meanwhile": "Әзірге бұрынғы жол картасының қалай орындалғанын көре аласыз:",
        "archive button": "🗄 Бұрынғы жол картасы",
        "archive": "<b>Бұрынғы жол картасы</b>\nЖол картасын ашыңыз: әр іс-шарасының қорытындысы "
        "көрсетіледі.",
    },
    "ru": {
        "not for parents now": "Мероприятие № 1 дорожной карты выполняют сами ведомства, для родителей оно "
        "не публикуется.",
        "not for parents ended": "Мероприятие № 1 дорожной карты выполняли сами ведомства; для родителей его "
        "не публиковали. Откройте /measures, чтобы увидеть итоги мероприятий для родителей.",
        "no updates now": "Сообщений пока нет.",
        "no updates ended": "\n\nСообщений не было.",
        "ended": "Эта дорожная карта завершилась 31 декабря 2025\u202fг.\n",
        "below": "Ниже — её итоги",
        "none done": "Не выполнено ни в одном из 12 отчётных периодов.",
        "zero": "в 0 из",
        "meanwhile": "А пока вы можете посмотреть, как выполнялась прежняя дорожная карта:",
        "archive button": "🗄 Прежняя дорожная карта",
        "archive": "<b>Прежняя дорожная карта</b>\nОткройте дорожную карту — будут показаны итоги её "
        "мероприятий.",
    },
}


def _html(message: dict) -> str:
    """The text with its bold parts marked again, as the bot sent it."""
    text = message["text"]
    for entity in sorted(message.get("entities", []), key=lambda e: -e["offset"]):
        if entity["type"] == "bold":
            start, end = entity["offset"], entity["offset"] + entity["length"]
            text = text[:start] + "<b>" + text[start:end] + "</b>" + text[end:]
    return text


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_ended_roadmaps_measures_are_told_in_the_past(database_url: str, locale: str) -> None:
    w = WORDS[locale]
    clock = FrozenClock(IN_FORCE)
    async with running_app(database_url, Overrides(clock=clock)) as app:
        parent, admin = app.emu.user(PARENT), app.emu.user(ADMIN_ID)
        await pick_language(parent, locale)
        await pick_language(admin, locale)

        # In force: as it is now.
        await parent.send("/measure 1")
        assert w["not for parents now"] in (await parent.next_message())["text"]
        await admin.send("/measure 55")
        card = (await admin.next_message())["text"]
        assert w["no updates now"] in card and w["ended"] not in card

        clock.advance(ENDED - IN_FORCE)
        await parent.send("/measure 1")
        assert (await parent.next_message())["text"] == w["not for parents ended"]
        await admin.send("/measure 55")
        card = (await admin.next_message())["text"]
        assert w["ended"] in card and w["below"] not in card, card
        assert w["none done"] in card and w["zero"] not in card
        # Its result says nothing was reported: no line under it says so again (test_measure_result_once.py).
        assert w["no updates ended"].strip() not in card and w["no updates now"] not in card

        await parent.send("/measures")
        landing = await parent.next_message()
        assert w["meanwhile"] in landing["text"]
        await parent.press(landing, button_with(landing, "2023–2025"))
        sections = await parent.wait_edit(landing)
        assert w["below"] in sections["text"]  # over the sections their results do follow
        await parent.press(sections, w["archive button"])
        archive = await parent.wait_edit(sections)
        assert _html(archive) == w["archive"]
        assert app.emu.rejections == []
