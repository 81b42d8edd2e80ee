"""The text asked twice in /event and /post: a real Russian text with Kazakh words in it is taken without a
warning, a Kazakh one in plain letters too, and a date sent for a text is refused, not kept as the text."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from sqlalchemy import func, select

from bot.clock import KZ, FrozenClock
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from db.models import Event, Post
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import SCHOOL, add_tree, grant

PSY_RU, PSY_KK = 8901, 8902
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=KZ)
TOPIC_KK = "Баланың интернеттегі қауіпсіздігі"
TOPIC_RU = "«Отбасы сағаты»: безопасность ребёнка в интернете, ведёт Әсем апай"
A_DATE = "15.01.2027 17:00"


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    # A conversation of many replies would wait out Telegram's per-chat pace (1/s); pacing has its own tests.
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    async with running_app(
        database_url, Overrides(clock=FrozenClock(NOW)), emulator=emu, limiter=limiter
    ) as running:
        await add_tree(running.dp["sessionmaker"])
        await grant(running.dp["sessionmaker"], PSY_RU, "psychologist", SCHOOL)
        await grant(running.dp["sessionmaker"], PSY_KK, "psychologist", SCHOOL)
        yield running


async def _count(app: RunningApp, model: type) -> int:
    async with app.dp["sessionmaker"]() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_event_topic_with_family_hour_in_russian_is_taken_and_a_date_is_not_a_topic(
    app: RunningApp,
) -> None:
    psy = app.emu.user(PSY_RU)
    await pick_language(psy, "ru")
    await psy.send("/event")
    await psy.next_message()
    await psy.send(TOPIC_KK)
    await psy.next_message()
    # The staff member hurries: the date goes where the Russian topic is asked.
    await psy.send(A_DATE)
    refused = await psy.next_message()
    assert "ни одного слова" in refused["text"] and "на русском" in refused["text"]
    await psy.send(TOPIC_RU)
    when = await psy.next_message()
    assert "Похоже" not in when["text"]
    assert "09.12.2026 18:00" in when["text"]  # the date question, with its example
    await psy.send("/cancel")
    await psy.next_message()
    assert await _count(app, Event) == 0
    assert app.emu.rejections == []


async def test_after_a_warning_a_date_is_refused_not_kept_as_the_russian_topic(app: RunningApp) -> None:
    psy = app.emu.user(PSY_KK)
    await pick_language(psy, "kk")
    await psy.send("/event")
    await psy.next_message()
    await psy.send(TOPIC_KK)
    await psy.next_message()
    await psy.send("Балалардың интернеттегі қауіпсіздігі туралы")  # Kazakh again, where Russian is asked
    warning = await psy.next_message()
    assert "сияқты" in warning["text"]
    await psy.send(A_DATE)  # told to resend, the staff member answers the next question instead
    refused = await psy.next_message()
    assert "бірде-бір сөз жоқ" in refused["text"] and "орыс тілінде" in refused["text"]
    await psy.send(TOPIC_RU)
    when = await psy.next_message()
    assert "09.12.2026 18:00" in when["text"]
    # It says which of the two texts is wrong.
    assert "Орысша нұсқаға жіберілген мәтін қазақша жазылған сияқты" in warning["text"]


async def test_post_in_plain_kazakh_and_russian_with_kazakh_names_is_taken(app: RunningApp) -> None:
    psy = app.emu.user(PSY_RU)
    await pick_language(psy, "ru")
    await psy.send("/post")
    await psy.next_message()
    await psy.send("Ертен сабак жок, балалар уйде калады. Сураныстар болса, Әсем апайга жазыныз.")
    await psy.next_message()
    await psy.send(
        "Завтра уроков нет, дети остаются дома. Вопросы можно задать Әсем апай, мектеп-гимназия № 5."
    )
    media = await psy.next_message()
    assert "Похоже" not in media["text"]
    assert button_with(media, "Без вложения")
    await psy.send("/cancel")
    await psy.next_message()
    assert await _count(app, Post) == 0


async def test_post_text_without_words_is_refused_at_the_kazakh_step(app: RunningApp) -> None:
    psy = app.emu.user(PSY_KK)
    await pick_language(psy, "kk")
    await psy.send("/post")
    await psy.next_message()
    await psy.send("!!! 17:00 👍")
    refused = await psy.next_message()
    assert "бірде-бір сөз жоқ" in refused["text"] and "қазақ тілінде" in refused["text"]
    await psy.send("Ертең сабақ жоқ.")
    assert "орыс тілінде" in (await psy.next_message())["text"]  # the Russian text is asked now
