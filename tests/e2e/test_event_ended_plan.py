"""/event and its reschedule against the shipped Karaganda roadmap 2023–2025, while it is in force (January
2025) and a year after its end with no new one adopted (December 2026): the same rule for a new Family Hour
and a moved one, and the confirm card names the roadmap and, once it has ended, says so."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from bot.clock import KZ, FrozenClock
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from db.models import AuditRecord, Event
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.events import add_school_event
from tests.support.org_tree import SCHOOL, add_tree, grant

PSY = 8801
CLOCK = {
    "in-force": datetime(2025, 1, 6, 10, 0, tzinfo=KZ),
    "ended": datetime(2026, 12, 6, 10, 0, tzinfo=KZ),
}
# A date in January, a month the roadmap gives no Family Hour, and a Family Hour month for the event moved.
JANUARY = {"in-force": "20.01.2025 18:00", "ended": "15.01.2027 17:00"}
FAMILY_HOUR_DAY = {
    "in-force": datetime(2025, 3, 12, 18, 0, tzinfo=KZ),
    "ended": datetime(2026, 12, 20, 18, 0, tzinfo=KZ),
}

WORDS = {
    "kk": {
        "schedule in-force": "Қолданыстағы жол картасы (2023–2025) бойынша «Отбасы сағаты» қыркүйек, "
        "желтоқсан, наурыз және маусым айларында өткізіледі.",
        "schedule ended": "Соңғы жол картасы (2023–2025) «Отбасы сағаты» кездесулерін қыркүйек, желтоқсан, "
        "наурыз және маусым айларында өткізуді көздеді.",
        "not one": "Қаңтар — «Отбасы сағатының» айы емес.",
        "any month": "Бұл күнге қолданыстағы жол картасы жоқ, сондықтан бұл айлар тек бағдар үшін: "
        "«Отбасы сағатын» кез келген айда өткізуге болады.",
        "another date": "«Отбасы сағатын» өткізу үшін басқа күн жіберіңіз.",
        "kinds": ["«Отбасы сағаты»", "Ата-аналарға арналған семинар", "Ата-аналар клубының кездесуі"],
        "all grades": "Барлық сыныптар",
        "no limit": "Шектеусіз",
        "preview": "Алдын ала қарау",
        "check": "тексеріңіз",
        "card in-force": "(2023–2025 жылдардағы жол картасының № 32 іс-шарасы)",
        "card ended": "(2023–2025 жылдардағы жол картасының № 55 іс-шарасы, мерзімі аяқталған)",
        "change time": "🕒",
        "moved again": "Осы «Отбасы сағатына» басқа күн мен уақыт жіберіңіз немесе уақытын өзгертпеу үшін "
        "/cancel басыңыз.",
        "saved": "Сақталды",
    },
    "ru": {
        "schedule in-force": "По действующей дорожной карте (2023–2025) «Отбасы сағаты» проводится "
        "в следующие месяцы: сентябрь, декабрь, март и июнь.",
        "schedule ended": "Последняя дорожная карта (2023–2025) предусматривала встречи «Отбасы сағаты» "
        "в следующие месяцы: сентябрь, декабрь, март и июнь.",
        "not one": "Январь — не месяц «Отбасы сағаты».",
        "any month": "На эту дату действующей дорожной карты нет, поэтому эти месяцы — лишь ориентир: "
        "«Отбасы сағаты» можно провести в любом месяце.",
        "another date": "Чтобы провести «Отбасы сағаты», отправьте другую дату.",
        "kinds": ["«Отбасы сағаты»", "Семинар для родителей", "Встреча родительского клуба"],
        "all grades": "Все классы",
        "no limit": "Без ограничения",
        "preview": "Предпросмотр",
        "check": "Проверьте",
        "card in-force": "(мероприятие № 32 дорожной карты 2023–2025)",
        "card ended": "(мероприятие № 55 дорожной карты 2023–2025, срок которой истёк)",
        "change time": "🕒",
        "moved again": "Отправьте другую дату и время для этого «Отбасы сағаты» или /cancel, чтобы оставить "
        "прежнее время.",
        "saved": "Сохранено",
    },
}


async def _next_with(user, fragment: str, limit: int = 8) -> dict:
    for _ in range(limit):
        message = await user.next_message()
        if fragment in (message.get("text") or message.get("caption") or ""):
            return message
    raise AssertionError(f"no message with {fragment!r}")


async def _forged(app: RunningApp) -> int:
    async with app.dp["sessionmaker"]() as session:
        stmt = select(func.count()).select_from(AuditRecord).where(AuditRecord.action == "event.forged")
        return int(await session.scalar(stmt) or 0)


async def _create_in_january(app: RunningApp, psy, w: dict, state: str) -> None:
    """/event with a January date: while the roadmap is in force only the other two kinds (a forged Family
    Hour press is refused) and a seminar is announced; after its end a Family Hour may be chosen."""
    await psy.send("/event")
    await psy.next_message()
    await psy.send("Баланың интернеттегі қауіпсіздігі")
    await psy.next_message()
    await psy.send("Безопасность ребёнка в интернете")
    when = await psy.next_message()
    assert w[f"schedule {state}"] in when["text"], when["text"]
    await psy.send(JANUARY[state])
    kind = await psy.next_message()
    text = kind["text"]
    if state == "in-force":
        assert f"{w['not one']} {w['schedule in-force']}" in text, text
        assert w["another date"] in text
        assert button_texts(kind)[:2] == w["kinds"][1:] and w["kinds"][0] not in button_texts(kind)
        await psy.press_data(kind, "evn:kd:family_hour")  # not offered in January: refused, recorded
        assert await _forged(app) == 1
        await psy.press(kind, button_with(kind, w["kinds"][1]))
    else:
        assert f"{w['schedule ended']} {w['any month']}" in text, text
        assert w["another date"] not in text and w["not one"] not in text
        assert button_texts(kind)[:3] == w["kinds"]
        await psy.press(kind, w["kinds"][0])
    place = await psy.next_message()
    assert (w["kinds"][1] if state == "in-force" else w["kinds"][0]) in place["text"]
    await psy.send("Актовый зал")
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, w["all grades"]))
    capacity = await psy.wait_edit(grades)
    await psy.press(capacity, button_with(capacity, w["no limit"]))
    await _next_with(psy, w["preview"])
    await psy.next_message(), await psy.next_message()
    summary = await psy.next_message()
    assert w["check"] in summary["text"]
    assert w[f"card {state}"] in summary["text"], summary["text"]


async def _reschedule_to_january(app: RunningApp, psy, w: dict, state: str) -> None:
    """A Family Hour moved to January: refused while the roadmap is in force (and asked again), as /event
    would refuse it; saved after the roadmap's end."""
    event_id = await add_school_event(app.dp["sessionmaker"], FAMILY_HOUR_DAY[state], organiser_id=PSY)
    await psy.send("/cancel")
    await psy.next_message()
    await psy.send("/event list")
    listing = await psy.next_message()
    await psy.press(listing, button_with(listing, "1. "))
    card = await psy.wait_edit(listing)
    await psy.press(card, button_with(card, w["change time"]))
    await psy.next_message()
    await psy.send(JANUARY[state])
    reply = await psy.next_message()
    async with app.dp["sessionmaker"]() as session:
        event = await session.get(Event, event_id)
        assert event is not None
        starts_at = event.starts_at
    if state == "in-force":
        assert reply["text"] == f"{w['not one']} {w['schedule in-force']}\n{w['moved again']}"
        assert starts_at == FAMILY_HOUR_DAY[state]
        await psy.send("19.03.2025 18:00")  # still the time step: a Family Hour month is taken
        reply = await psy.next_message()
    assert w["saved"] in reply["text"], reply["text"]


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("state", ["in-force", "ended"])
async def test_a_january_family_hour_follows_the_roadmap_in_force(
    database_url: str, locale: str, state: str
) -> None:
    w = WORDS[locale]
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    overrides = Overrides(clock=FrozenClock(CLOCK[state]))
    async with running_app(
        database_url, overrides, emulator=Emulator(chat_rate=None), limiter=limiter
    ) as app:
        await add_tree(app.dp["sessionmaker"])
        await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
        psy = app.emu.user(PSY)
        await pick_language(psy, locale)
        await _create_in_january(app, psy, w, state)
        await _reschedule_to_january(app, psy, w, state)
        assert app.emu.rejections == []
