"""/event: staff announce a Family Hour or parent meeting; parents get it in their language."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.clock import KZ
from db.models import AuditRecord, Event, EventAnswer, Post
from tests.support.app import RunningApp, unpaced_app
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.event_plan import event_catalogue
from tests.support.org_tree import (
    DISTRICT,
    OTHER_SCHOOL,
    REGION,
    SCHOOL,
    SCHOOL_2,
    add_parent,
    grant,
)

PSY, COORD, COORD_2, STRANGER = 8601, 8602, 8603, 8604
PARENT_KK, PARENT_RU, PARENT_GRADE_7 = 8701, 8702, 8703
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=KZ)  # a Wednesday in December: a Family Hour month
TOPIC_KK = "Баланың интернеттегі қауіпсіздігі"
TOPIC_RU = "Безопасность ребёнка в интернете"


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    async with unpaced_app(database_url, NOW) as running:
        yield running


async def _count(app: RunningApp, stmt) -> int:
    async with app.dp["sessionmaker"]() as session:
        return int(await session.scalar(stmt) or 0)


async def _up_to_the_date(staff, topic_kk: str = TOPIC_KK, topic_ru: str = TOPIC_RU) -> dict:
    """/event, both topics; returns the question for the date."""
    await staff.send("/event")
    await staff.next_message()
    await staff.send(topic_kk)
    await staff.next_message()
    await staff.send(topic_ru)
    return await staff.next_message()


async def _up_to_the_audience(staff, when: str, place: str) -> dict:
    """/event, both topics, `when` (no kind to choose), `place`; returns the question who is invited."""
    await _up_to_the_date(staff)
    await staff.send(when)
    await staff.next_message()
    await staff.send(place)
    return await staff.next_message()


async def test_family_hour_reaches_its_grade_in_each_language(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await grant(sm, PSY, "psychologist", SCHOOL)
    parent_kk, parent_ru, parent_7 = (app.emu.user(i) for i in (PARENT_KK, PARENT_RU, PARENT_GRADE_7))
    for parent, language in ((parent_kk, "kk"), (parent_ru, "ru"), (parent_7, "ru")):
        await pick_language(parent, language)  # Telegram only lets a bot write to people who started it
    await add_parent(sm, PARENT_KK, "kk", (SCHOOL, "5"))
    await add_parent(sm, PARENT_RU, "ru", (SCHOOL, "5"))
    await add_parent(sm, PARENT_GRADE_7, "ru", (SCHOOL, "7"), (SCHOOL_2, "5"))

    psy = app.emu.user(PSY)
    await pick_language(psy, "ru")
    await psy.send("/event")
    first = await psy.next_message()
    assert "шаг 1 из 6" in first["text"] and "по-казахски" in first["text"]
    await psy.send(TOPIC_KK)
    await psy.next_message()
    await psy.send(TOPIC_RU)
    when = await psy.next_message()
    assert "09.12.2026 18:00" in when["text"]  # the example: a week ahead, in the evening
    await psy.send("20.12.2026 18:30")
    place = await psy.next_message()
    assert "«Отбасы сағаты»" in place["text"]  # December: a Family Hour unless said otherwise
    assert "Семинар для родителей" in button_texts(place)
    await psy.send("Школа № 1,\nактовый зал")
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, "5 класс"))
    grades = await psy.wait_edit(grades)
    await psy.press(grades, button_with(grades, "Готово"))
    capacity = await psy.wait_edit(grades)
    assert "Без ограничения" in button_texts(capacity)
    await psy.send("40")
    await next_with(psy, "Предпросмотр")
    preview_kk, preview_ru = await psy.next_message(), await psy.next_message()
    assert TOPIC_KK in preview_kk["text"] and "Барамын" in button_texts(preview_kk)
    assert TOPIC_RU in preview_ru["text"] and "Приду" in button_texts(preview_ru)
    summary = await psy.next_message()
    assert "Проверьте" in summary["text"]
    toast = await psy.press(preview_ru, "Приду")  # the preview's buttons answer, and record nothing
    assert toast["text"] == "Это предпросмотр: родители ответят этими кнопками."
    assert await _count(app, select(func.count()).select_from(EventAnswer)) == 0
    assert "Сейчас подписаны: 2" in summary["text"] and "5 класс" in summary["text"]
    # December 2026: the roadmap the Family Hour counts under has ended, and the card says so.
    assert "(мероприятие № 55 дорожной карты 2023–2025, срок которой истёк)" in summary["text"]
    # A double tap: both presses are on their way before either is answered.
    first_tap = psy.press(summary, button_with(summary, "Подтвердить"))
    second_tap = psy.press(summary, button_with(summary, "Подтвердить"))
    toasts = [(await first_tap).get("text") or "", (await second_tap).get("text") or ""]
    assert sum("уже подтверждена" in t for t in toasts) == 1
    progress = await next_with(psy, "2 получателя")
    assert "Встреча объявлена" in progress["text"]
    assert "/event list" in (await psy.next_message())["text"]

    got_kk = await next_with(parent_kk, TOPIC_KK)
    text = got_kk["text"]
    assert "Отбасы сағаты" in text and "№ 1 мектеп" in text and "Школа № 1, актовый зал" in text
    assert "🗓 2026 жылғы 20 желтоқсан, жексенбі, 18:30" in text and "40" in text
    assert TOPIC_RU not in text
    assert button_texts(got_kk) == ["Барамын", "Бара алмаймын", "📅 Күнтізбеге қосу"]
    got_ru = await next_with(parent_ru, TOPIC_RU)
    assert (
        "«Отбасы сағаты»" in got_ru["text"]
        and "🗓 воскресенье, 20 декабря 2026\u202fг., 18:30" in got_ru["text"]
    )
    assert button_texts(got_ru) == ["Приду", "Не смогу", "📅 Добавить в календарь"]
    await parent_7.expect_no_message(0.5)
    # The delivery report speaks of answers, not of «Понятно» presses (the announcement has no such button).
    report = progress
    while "отправлено" not in report["text"]:
        report = await psy.wait_edit(progress)
    assert "Доставлено: 2 из 2." in report["text"] and "Понятно" not in report["text"]
    assert report["text"].endswith("Кто придёт, показывает /event list.")

    assert await _count(app, select(func.count()).select_from(Event)) == 1
    async with sm() as session:
        event = await session.scalar(select(Event))
        post = await session.scalar(select(Post))
    assert (event.kind, event.capacity, event.scope_code) == ("family_hour", 40, SCHOOL)
    assert event.audience == {"orgs": None, "grades": ["5"]}
    assert event.starts_at == datetime(2026, 12, 20, 18, 30, tzinfo=KZ)
    assert post.event_id == event.id and post.status in ("sending", "done")
    created = await _count(
        app,
        select(func.count())
        .select_from(AuditRecord)
        .where(AuditRecord.action == "event.created", AuditRecord.detail == f"event {event.id}"),
    )
    assert created == 1
    assert app.emu.rejections == []


async def test_dates_and_the_kind_outside_family_hour_months(app: RunningApp) -> None:
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, "kk")
    await _up_to_the_date(psy)
    await psy.send("01.12.2026 18:00")
    assert "өтіп кетті" in (await psy.next_message())["text"]
    await psy.send("01.01.2028 18:00")
    assert "бір жылдан" in (await psy.next_message())["text"]
    await psy.send("ертең кешке")
    assert "түсінбедім" in (await psy.next_message())["text"]
    await psy.send("15.01.2027 17:00")
    kind = await psy.next_message()
    # The shipped roadmap ended in December 2025: its months bind no one, so Family Hour is offered too.
    assert "бұл айлар тек бағдар үшін" in kind["text"] and "басқа күн" not in kind["text"]
    assert button_texts(kind)[:3] == [
        "«Отбасы сағаты»",
        "Ата-аналарға арналған семинар",
        "Ата-аналар клубының кездесуі",
    ]
    await psy.send("Zoom")
    assert "батырма" in (await psy.next_message())["text"]
    await psy.press(kind, button_with(kind, "клуб"))
    place = await psy.next_message()
    assert "Ата-аналар клубының кездесуі" in place["text"]
    await psy.send("https://zoom.us/j/123456")
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, "Барлық сыныптар"))
    capacity = await psy.wait_edit(grades)
    await psy.press(capacity, button_with(capacity, "Шектеусіз"))
    await next_with(psy, "Алдын ала қарау")
    preview_kk, _preview_ru = await psy.next_message(), await psy.next_message()
    assert '<a href="https://zoom.us/j/123456">' in preview_kk["text"] or any(
        e.get("type") in ("text_link", "url") for e in preview_kk.get("entities", [])
    )
    summary = await psy.next_message()
    assert "(2023–2025 жылдардағы жол картасының № 40 іс-шарасы, мерзімі аяқталған)" in summary["text"]
    await psy.press(summary, button_with(summary, "Растау"))
    await next_with(psy, "жарияланды")
    async with app.dp["sessionmaker"]() as session:
        event = await session.scalar(select(Event))
    assert (event.kind, event.capacity, event.place) == ("parent_club", None, "https://zoom.us/j/123456")
    assert app.emu.rejections == []


async def test_cancel_mid_flow_and_refusal_for_non_staff(app: RunningApp) -> None:
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, "ru")
    when = await _up_to_the_date(psy)
    await psy.send("/cancel")
    assert "Отменено" in (await psy.next_message())["text"]
    await psy.press(when, button_with(when, "Отмена"))  # a button of the abandoned flow: nothing breaks
    await psy.send("20.12.2026 18:30")  # no longer a date step: the fallback answers, no event
    await psy.next_message()
    assert await _count(app, select(func.count()).select_from(Event)) == 0

    stranger = app.emu.user(STRANGER)
    await pick_language(stranger, "ru")
    await stranger.send("/event")
    assert "для сотрудников" in (await stranger.next_message())["text"]
    assert app.emu.rejections == []


async def _district_seminar_awaiting_approval(app: RunningApp) -> tuple[Any, Any]:
    """A coordinator announces a district-wide seminar for 10.03.2027 15:00; returns the second
    coordinator (who may approve) and a parent of the district."""
    sm = app.dp["sessionmaker"]
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, COORD_2, "coordinator", DISTRICT)
    parent = app.emu.user(PARENT_RU)
    await pick_language(parent, "ru")
    await add_parent(sm, PARENT_RU, "ru", (SCHOOL_2, "9"))
    coord, coord_2 = app.emu.user(COORD), app.emu.user(COORD_2)
    await pick_language(coord, "ru")
    await pick_language(coord_2, "ru")
    await _up_to_the_date(coord, "Аудандық ата-аналар семинары", "Районный семинар для родителей")
    await coord.send("10.03.2027 15:00")
    place = await coord.next_message()
    await coord.press(place, button_with(place, "Семинар"))
    place = await coord.wait_edit(place)
    assert "Семинар для родителей" in place["text"]
    await coord.send("Дом культуры")
    orgs = await coord.next_message()
    assert "Школа № 2" in button_texts(orgs)
    await coord.press(orgs, button_with(orgs, "Всем"))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, "Все классы"))
    await coord.wait_edit(grades)
    await coord.send("200")
    summary = await next_with(coord, "Проверьте")
    assert "одобрит" in summary["text"] and "Сейчас подписаны: 1" in summary["text"]
    await coord.press(summary, button_with(summary, "Подтвердить"))
    await next_with(coord, "на одобрение")
    await parent.expect_no_message(0.5)

    return coord_2, parent


async def test_district_event_by_a_coordinator_waits_for_approval(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    coord_2, parent = await _district_seminar_awaiting_approval(app)
    request = await next_with(coord_2, "Объявление о встрече ждёт вашего одобрения")
    await coord_2.press(request, 0)  # approve
    got = await next_with(parent, "Районный семинар")
    assert button_texts(got)[:2] == ["Приду", "Не смогу"]
    async with sm() as session:
        event = await session.scalar(select(Event))
    assert (event.kind, event.scope_code, event.audience) == (
        "seminar",
        DISTRICT,
        {"orgs": None, "grades": None},
    )
    assert app.emu.rejections == []


async def test_an_announcement_approved_after_its_event_began_is_not_sent(app: RunningApp) -> None:
    coord_2, parent = await _district_seminar_awaiting_approval(app)
    request = await next_with(coord_2, "одобрени")
    app.dp["clock"].advance(datetime(2027, 3, 10, 15, 1, tzinfo=KZ) - app.dp["clock"].now())
    answer = await coord_2.press(request, 0)  # approve, too late
    over = "Встреча, указанная в этом объявлении, уже началась или отменена: объявление не будет отправлено."
    assert answer["text"] == over and answer["show_alert"]
    assert (await coord_2.wait_edit(request))["text"] == over
    app.dp["broadcaster"].wake()
    await parent.expect_no_message(0.5)
    async with app.dp["sessionmaker"]() as session:
        post = await session.scalar(select(Post))
    assert post is not None and post.status == "cancelled"
    assert app.emu.rejections == []


async def test_region_coordinator_picks_one_school_and_the_announcement_waits_for_morning(
    app: RunningApp,
) -> None:
    sm = app.dp["sessionmaker"]
    await grant(sm, COORD, "coordinator", REGION)
    await grant(sm, COORD_2, "coordinator", DISTRICT)
    coord = app.emu.user(COORD)
    await pick_language(coord, "kk")
    orgs = await _up_to_the_audience(coord, "18.12.2026 17:00", "Мектеп кітапханасы")
    assert "Кімдер шақырылады?" in orgs["text"]
    assert button_texts(orgs)[:3] == ["📣 Сынақ облысы: барлығына", "📂 Сынақ ауданы", "📂 Басқа аудан"]
    await coord.press(orgs, button_with(orgs, "Сынақ ауданы"))
    orgs = await coord.wait_edit(orgs)
    assert button_texts(orgs)[:3] == ["📣 Сынақ ауданы: барлығына", "№ 1 мектеп", "№ 2 мектеп"]
    await coord.press(orgs, button_with(orgs, "№ 2 мектеп"))
    grades = await coord.wait_edit(orgs)
    assert "№ 2 мектеп: қай сыныптардың" in grades["text"]
    await coord.press(grades, button_with(grades, "9-сынып"))
    grades = await coord.wait_edit(grades)
    await coord.press(grades, button_with(grades, "Дайын"))
    capacity = await coord.wait_edit(grades)
    await coord.send("0")
    assert "1 мен 5\xa0000 аралығындағы" in (await coord.next_message())["text"]
    app.dp["clock"].advance(timedelta(hours=13))  # 23:00: parents are not disturbed at night
    await coord.press(capacity, button_with(capacity, "Шектеусіз"))
    summary = await next_with(coord, "тексеріңіз")
    assert "№ 2 мектеп · 9-сынып" in summary["text"]
    assert "2026 жылғы 3 желтоқсан, 08:00" in summary["text"] and "мақұлда" not in summary["text"]
    await coord.press(summary, button_with(summary, "Растау"))
    assert "08:00" in (await next_with(coord, "жарияланды"))["text"]
    async with sm() as session:
        event = await session.scalar(select(Event))
        post = await session.scalar(select(Post))
    assert (event.scope_code, event.audience) == (SCHOOL_2, {"orgs": None, "grades": ["9"]})
    assert post.status == "scheduled" and post.send_at == datetime(2026, 12, 3, 8, 0, tzinfo=KZ)

    # A district coordinator's forged button for a school of another district is refused and recorded.
    district = app.emu.user(COORD_2)
    await pick_language(district, "ru")
    orgs = await _up_to_the_audience(district, "18.12.2026 17:00", "Актовый зал")
    answer = await district.press_data(orgs, f"evn:o:{OTHER_SCHOOL}")
    assert "с вашей ролью" in (answer.get("text") or "").lower()
    forged = await _count(
        app, select(func.count()).select_from(AuditRecord).where(AuditRecord.action == "event.forged")
    )
    assert forged == 1
    assert app.emu.rejections == []


# The Family Hour months as staff read them: the shipped catalogue's (Karaganda roadmap 2023–2025, measure
# 55) while it is in force and after its end with no new one adopted (what the last one provided for), and a
# roadmap (tests/support/event_plan.py, 2023–2027) that sets one month only (singular: «айында»); then what
# the kind step says of a date outside them: not a Family Hour month while a roadmap is in force, and after
# its end that the months are information only, Family Hour offered among the kinds.
SHIPPED = {
    ("kk", "in-force"): "Қолданыстағы жол картасы (2023–2025) бойынша «Отбасы сағаты» "
    "қыркүйек, желтоқсан, наурыз және маусым айларында өткізіледі.",
    ("kk", "ended"): "Соңғы жол картасы (2023–2025) «Отбасы сағаты» кездесулерін "
    "қыркүйек, желтоқсан, наурыз және маусым айларында өткізуді көздеді.",
    ("ru", "in-force"): "По действующей дорожной карте (2023–2025) «Отбасы сағаты» проводится в следующие "
    "месяцы: сентябрь, декабрь, март и июнь.",
    ("ru", "ended"): "Последняя дорожная карта (2023–2025) предусматривала встречи «Отбасы сағаты» "
    "в следующие месяцы: сентябрь, декабрь, март и июнь.",
    ("kk", "one-month"): "Қолданыстағы жол картасы (2023–2027) бойынша «Отбасы сағаты» жылына бір рет, "
    "қыркүйек айында өткізіледі.",
    ("ru", "one-month"): "По действующей дорожной карте (2023–2027) для «Отбасы сағаты» отведён один месяц "
    "в году — сентябрь.",
}
NOT_ONE = {
    ("kk", "in-force"): "Қазан — «Отбасы сағатының» айы емес.",
    ("ru", "in-force"): "Октябрь — не месяц «Отбасы сағаты».",
    ("kk", "one-month"): "Қаңтар — «Отбасы сағатының» айы емес.",
    ("ru", "one-month"): "Январь — не месяц «Отбасы сағаты».",
}
# After the roadmap's end its months are information: any month may hold a Family Hour.
ANY_MONTH = {
    "kk": "Бұл күнге қолданыстағы жол картасы жоқ, сондықтан бұл айлар тек бағдар үшін: «Отбасы сағатын» "
    "кез келген айда өткізуге болады.",
    "ru": "На эту дату действующей дорожной карты нет, поэтому эти месяцы — лишь ориентир: «Отбасы сағаты» "
    "можно провести в любом месяце.",
}
# A sentence that would tell an ended roadmap's months as today's.
PRESENT = {"kk": ("айы емес", "өткізіледі"), "ru": ("не месяц", "проводится")}

OTHER_KINDS = {
    "kk": ["Ата-аналарға арналған семинар", "Ата-аналар клубының кездесуі"],
    "ru": ["Семинар для родителей", "Встреча родительского клуба"],
}


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize(
    ("roadmap", "now", "other_month", "family_hour_date"),
    [
        ("in-force", datetime(2025, 8, 20, 10, 0, tzinfo=KZ), "20.10.2025 18:00", "10.12.2025 18:00"),
        ("ended", NOW, "15.01.2027 17:00", "10.03.2027 18:00"),
        ("one-month", NOW, "15.01.2027 17:00", "10.09.2027 18:00"),
    ],
)
async def test_family_hour_months_come_from_the_roadmap(
    database_url: str, locale: str, roadmap: str, now: datetime, other_month: str, family_hour_date: str
) -> None:
    sentence = SHIPPED[(locale, roadmap)]
    catalogue = event_catalogue(family_hour_months=(9,)) if roadmap == "one-month" else None
    async with unpaced_app(database_url, now, catalogue) as app:
        await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
        psy = app.emu.user(PSY)
        await pick_language(psy, locale)
        assert sentence in (await _up_to_the_date(psy))["text"]
        await psy.send(other_month)
        kind = await psy.next_message()
        if roadmap == "ended":
            assert f"{sentence} {ANY_MONTH[locale]}" in kind["text"], kind["text"]
            assert not any(word in kind["text"] for word in PRESENT[locale]), kind["text"]
            assert button_texts(kind)[:3] == ["«Отбасы сағаты»", *OTHER_KINDS[locale]]
        else:
            assert f"{NOT_ONE[(locale, roadmap)]} {sentence}" in kind["text"], kind["text"]
            assert button_texts(kind)[:2] == OTHER_KINDS[locale]
        await psy.send(family_hour_date)  # another date, in a Family Hour month: no kind to choose
        place = await psy.next_message()
        assert "«Отбасы сағаты». " in place["text"]  # announced as Family Hour, another kind offered
        assert app.emu.rejections == []
