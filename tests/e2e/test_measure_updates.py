"""Staff progress updates on roadmap measures: /update, public updates to parents, /myupdates edits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from bot.measures import Catalogue
from db.models import MeasureUpdate, Post
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.audits import audit_count
from tests.support.chat import button_with, next_with, pick_language
from tests.support.org_tree import DISTRICT, OTHER_SCHOOL, SCHOOL, SCHOOL_2, add_parent, add_tree, grant
from tests.support.small_plan import PLAN_CODE, small_catalogue

PSY, PSY_2, COORD, STRANGER = 8501, 8502, 8503, 8504
START = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)  # a Wednesday afternoon: no quiet hours


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
async def app(database_url: str, clock: FrozenClock) -> AsyncIterator[RunningApp]:
    async with running_app(database_url, Overrides(clock=clock, catalogue=small_catalogue())) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


async def _updates(app: RunningApp) -> list[MeasureUpdate]:
    async with app.dp["sessionmaker"]() as session:
        return list(await session.scalars(select(MeasureUpdate).order_by(MeasureUpdate.id)))


async def _quick_update(user, number: int, kk: str, ru: str, *, public: bool, locale: str = "ru") -> dict:
    """A measure without figures, done today, no evidence, for the reporter's own school."""
    labels = {
        "ru": ("Сегодня", "Нет фото и документов", "в работе", "Публичный", "Внутренний", "Подтвердить"),
        "kk": ("Бүгін", "Фото мен құжат жоқ", "орындалуда", "Жария", "Ішкі", "Растау"),
    }[locale]
    await user.send(f"/update {number}")
    await user.next_message()
    await user.send(kk)
    await user.next_message()
    await user.send(ru)
    when = await user.next_message()
    await user.press(when, button_with(when, labels[0]))
    evidence = await user.next_message()
    await user.press(evidence, button_with(evidence, labels[1]))
    status = await user.next_message()
    await user.press(status, button_with(status, labels[2]))
    visibility = await user.wait_edit(status)
    await user.press(visibility, button_with(visibility, labels[3] if public else labels[4]))
    summary = await user.next_message()
    await user.press(summary, button_with(summary, labels[5]))
    return await user.next_message()


async def test_school_staff_report_with_figures_and_evidence(app: RunningApp) -> None:
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, "ru")
    await psy.send("/update 2")
    assert "Что сделано" in (await psy.next_message())["text"]
    await psy.send("Ата-аналар жиналысы өтті.")
    assert "по-русски" in (await psy.next_message())["text"]
    await psy.send("Прошло родительское собрание.")
    assert "Участников — сколько?" in (await psy.next_message())["text"]
    await psy.send("много")
    assert "целое число" in (await psy.next_message())["text"]
    await psy.send("-3")
    assert "целое число" in (await psy.next_message())["text"]
    await psy.send("120")
    events = await psy.next_message()
    assert "мероприятий" in events["text"]
    await psy.press(events, button_with(events, "Пропустить"))
    await psy.next_message()  # the date
    await psy.send("10.12.2026")
    assert "ещё не наступила" in (await psy.next_message())["text"]
    await psy.send("31.02.2026")  # no such day: told why, with today as the example
    assert "В феврале 2026 года 28 дней" in (await psy.next_message())["text"]
    await psy.send("01.12.2026")
    evidence = await psy.next_message()
    await psy.send("не файл")
    assert "фото или документ" in (await psy.next_message())["text"]
    await psy.send_photo()
    status = await psy.next_message()
    # The same marks as the legend of /measures: an update in progress is never shown as done.
    assert button_with(status, "в работе") == "🔄 в работе"
    assert button_with(status, "выполнено") == "✅ выполнено"
    await psy.press(status, button_with(status, "выполнено"))
    visibility = await psy.wait_edit(status)
    await psy.press(visibility, button_with(visibility, "Внутренний"))
    summary = await psy.next_message()
    text = summary["text"]
    # The date as it was typed (the summary of a flow that asks for DD.MM.YYYY).
    assert "Школа № 1" in text and "Участников — 120" in text and "Дата: 01.12.2026" in text
    assert "Статус: ✅ выполнено" in text
    assert "приложено" in text and "мероприятий" not in text
    await psy.press(summary, button_with(summary, "Подтвердить"))
    assert "Сохранено" in (await psy.next_message())["text"]
    late = await psy.press_data(summary, "mu:c:")  # a double tap
    assert late["show_alert"] and "уже сохранён" in late["text"]

    (update,) = await _updates(app)
    assert (update.plan, update.measure_no, update.org_code) == (PLAN_CODE, 2, SCHOOL)
    assert update.figures == {"participants": 120}
    assert update.done_on == date(2026, 12, 1) and update.status == "done" and not update.public
    assert update.evidence_kind == "photo" and update.evidence_file_id
    assert update.text_ru == "Прошло родительское собрание." and update.post_id is None
    assert await audit_count(app, "measure_update.created") == 1
    assert evidence["reply_markup"]  # the "no evidence" button was offered
    assert app.emu.rejections == []


async def test_public_update_reaches_the_schools_parents_in_their_language(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await grant(sm, PSY, "psychologist", SCHOOL)
    parent_kk, parent_ru, elsewhere = (app.emu.user(i) for i in (8601, 8602, 8603))
    for parent, language in ((parent_kk, "kk"), (parent_ru, "ru"), (elsewhere, "ru")):
        await pick_language(parent, language)
    await add_parent(sm, 8601, "kk", (SCHOOL, "5"))
    await add_parent(sm, 8602, "ru", (SCHOOL, "9"))
    await add_parent(sm, 8603, "ru", (SCHOOL_2, "5"))
    psy = app.emu.user(PSY)
    await pick_language(psy, "ru")
    done = await _quick_update(psy, 3, "Фойеде стенд орнатылды.", "В фойе установлен стенд.", public=True)
    assert "Сохранено" in done["text"] and "2 получателя" in done["text"]

    got_kk = await next_with(parent_kk, "стенд орнатылды")
    assert "Ақпараттық стендтер" in got_kk["text"] and "установлен" not in got_kk["text"]
    # Reported as in progress: the notice says so, with the legend's mark, not ✅.
    assert "\n🔄 Ақпараттық стендтер\n" in got_kk["text"] and "✅" not in got_kk["text"]
    assert "Жол картасының № 3 іс-шарасы: орындалуда" in got_kk["text"]
    assert "Түсінікті" in button_with(got_kk, "Түсінікті")
    got_ru = await next_with(parent_ru, "установлен стенд")
    assert "Информационные стенды" in got_ru["text"] and "Понятно" in button_with(got_ru, "Понятно")
    assert "\n🔄 Информационные стенды\n" in got_ru["text"] and "✅" not in got_ru["text"]
    assert "Мероприятие № 3 дорожной карты: в работе" in got_ru["text"]
    await elsewhere.expect_no_message(0.5)
    (update,) = await _updates(app)
    assert update.public and update.post_id is not None
    async with sm() as session:
        post = await session.get(Post, update.post_id)
        assert (
            post is not None and post.scope_code == SCHOOL and post.audience == {"orgs": None, "grades": None}
        )
    assert app.emu.rejections == []


async def test_public_update_needs_both_languages(app: RunningApp) -> None:
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, "ru")
    await psy.send("/update 3")
    ask_kk = await psy.next_message()
    await psy.press(ask_kk, button_with(ask_kk, "Пропустить"))
    ask_ru = await psy.next_message()
    assert "Пропустить" not in str(ask_ru["reply_markup"])  # one language at least
    await psy.send("Стенд обновлён.")
    when = await psy.next_message()
    await psy.press(when, button_with(when, "Сегодня"))
    evidence = await psy.next_message()
    await psy.press(evidence, button_with(evidence, "Нет фото и документов"))
    status = await psy.next_message()
    await psy.press(status, button_with(status, "в работе"))
    visibility = await psy.wait_edit(status)
    await psy.press(visibility, button_with(visibility, "Публичный"))
    assert "по-казахски" in (await psy.next_message())["text"]
    await psy.send("Стенд жаңартылды.")
    summary = await psy.next_message()
    assert "Стенд жаңартылды." in summary["text"] and "Стенд обновлён." in summary["text"]
    await psy.send("/cancel")
    assert "Отменено" in (await psy.next_message())["text"]
    assert await _updates(app) == []


async def test_coordinator_reports_for_the_district(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await grant(sm, COORD, "coordinator", DISTRICT)
    approver = app.emu.user(ADMIN_ID)
    await pick_language(approver, "kk")
    parent, outside = app.emu.user(8701), app.emu.user(8702)
    await pick_language(parent, "kk")
    await pick_language(outside, "kk")
    await add_parent(sm, 8701, "kk", (SCHOOL_2, "3"))
    await add_parent(sm, 8702, "kk", (OTHER_SCHOOL, "3"))
    coord = app.emu.user(COORD)
    await pick_language(coord, "kk")
    await coord.send("/update")
    sections = await coord.next_message()
    await coord.press(sections, button_with(sections, "Ата-аналармен"))
    measures = await coord.wait_edit(sections)
    await coord.press(measures, button_with(measures, "№2."))
    await coord.next_message()
    await coord.send("Аудан бойынша ата-аналар форумы өтті.")
    await coord.next_message()
    await coord.send("В районе прошёл форум родителей.")
    participants = await coord.next_message()
    await coord.send("1 500")
    events = await coord.next_message()
    await coord.send("4")
    when = await coord.next_message()
    await coord.press(when, button_with(when, "Бүгін"))
    evidence = await coord.next_message()
    await coord.send_document()
    status = await coord.next_message()
    await coord.press(status, button_with(status, "орындалды"))
    visibility = await coord.wait_edit(status)
    await coord.press(visibility, button_with(visibility, "Жария"))
    orgs = await coord.next_message()
    assert "📍 Бүкіл аудан" in str(orgs["reply_markup"])
    forged = await coord.press_data(orgs, f"mu:o:{OTHER_SCHOOL}")  # a school outside the district
    assert forged["show_alert"]
    assert await audit_count(app, "measure_update.forged") == 1
    await coord.press(orgs, button_with(orgs, "Бүкіл аудан"))
    summary = await coord.next_message()
    assert "Қатысушылар — 1\xa0500" in summary["text"] and "Аумақ: Сынақ ауданы" in summary["text"]
    await coord.press(summary, button_with(summary, "Растау"))
    saved = await next_with(coord, "Сақталды")
    assert "Мақұлдауға жіберілді" in saved["text"]  # district-wide: a second pair of eyes, as for /post
    await parent.expect_no_message(0.5)
    request = await next_with(approver, "мақұлдауыңызды")
    await approver.press(request, button_with(request, "Мақұлдау"))

    got = await next_with(parent, "форумы өтті")
    assert "Ата-аналар жиналысы" in got["text"]
    assert "\n✅ Ата-аналар жиналысы\n" in got["text"]
    assert "Жол картасының № 2 іс-шарасы: орындалды" in got["text"]
    await outside.expect_no_message(0.5)
    (update,) = await _updates(app)
    assert update.org_code == DISTRICT and update.figures == {"participants": 1500, "events": 4}
    assert update.evidence_kind == "document" and update.public and update.post_id
    assert participants and events and evidence
    assert app.emu.rejections == []


async def test_author_edits_and_withdraws_within_a_day_only(app: RunningApp, clock: FrozenClock) -> None:
    sm = app.dp["sessionmaker"]
    await grant(sm, PSY, "psychologist", SCHOOL)
    await grant(sm, PSY_2, "psychologist", SCHOOL)
    psy, other = app.emu.user(PSY), app.emu.user(PSY_2)
    await pick_language(psy, "ru")
    await pick_language(other, "ru")
    await _quick_update(psy, 3, "Бірінші мәтін.", "Первый текст.", public=False)
    await _quick_update(psy, 4, "Екінші мәтін.", "Второй текст.", public=False)
    first, second = await _updates(app)

    await psy.send("/myupdates")
    mine = await psy.next_message()
    assert f"#{first.id}" in mine["text"] and f"#{second.id}" in mine["text"]
    await psy.press(mine, button_with(mine, f"Изменить #{first.id}"))
    ask = await psy.next_message()
    await psy.send("Түзетілген мәтін.")
    keep = await psy.next_message()
    await psy.press(keep, button_with(keep, "Оставить как есть"))
    assert "Отчёт изменён" in (await psy.next_message())["text"]
    await psy.press(mine, button_with(mine, f"Отозвать #{second.id}"))
    sure = await psy.next_message()
    await psy.press(sure, button_with(sure, "Да, отозвать"))
    assert "Отчёт отозван" in (await psy.next_message())["text"]

    # Someone else's update, by a forged press: refused, recorded, nothing changes.
    await other.send("/myupdates")
    theirs = await other.next_message()
    for data in (f"myu:e:{first.id}", f"myu:w:{first.id}"):
        answer = await other.press_data(theirs, data)
        assert answer["show_alert"]
    assert await audit_count(app, "measure_update.forged") == 2

    clock.advance(timedelta(hours=24, minutes=1))
    late = await psy.press(mine, button_with(mine, f"Изменить #{first.id}"))
    assert late["show_alert"] and "24" in late["text"]
    late = await psy.press_data(mine, f"myu:w:{first.id}")
    assert late["show_alert"] and "24" in late["text"]
    await psy.send("/myupdates")
    assert "Изменить" not in str((await psy.next_message()).get("reply_markup"))

    first, second = await _updates(app)
    assert first.text_kk == "Түзетілген мәтін." and first.text_ru == "Первый текст." and first.edited_at
    assert first.withdrawn_at is None and second.withdrawn_at is not None
    assert await audit_count(app, "measure_update.too_late") == 2
    assert ask and app.emu.rejections == []


async def test_non_staff_cannot_report(app: RunningApp) -> None:
    stranger = app.emu.user(STRANGER)
    await pick_language(stranger, "ru")
    for command in ("/update 2", "/update", "/myupdates"):
        await stranger.send(command)
        assert "для сотрудников" in (await stranger.next_message())["text"]
    answer = await stranger.press_data(stranger.messages[-1], "myu:w:1")
    assert answer["show_alert"]
    assert await audit_count(app, "refused.command") == 3 and await audit_count(app, "refused.button") == 1
    assert await _updates(app) == []


async def test_withdrawing_a_public_update_stops_its_notice_still_waiting_for_the_morning(
    app: RunningApp, clock: FrozenClock
) -> None:
    sm = app.dp["sessionmaker"]
    await grant(sm, PSY, "psychologist", SCHOOL)
    psy, parent = app.emu.user(PSY), app.emu.user(8711)
    await pick_language(psy, "ru")
    await pick_language(parent, "ru")
    await add_parent(sm, 8711, "ru", (SCHOOL, "5"))
    clock.advance(timedelta(hours=11))  # 23:00: a public update waits for 08:00
    saved = await _quick_update(psy, 3, "Стенд орнатылды.", "Стенд установлен.", public=True)
    assert "Сохранено" in saved["text"]
    (update,) = await _updates(app)

    await psy.send("/myupdates")
    mine = await psy.next_message()
    await psy.press(mine, button_with(mine, f"Отозвать #{update.id}"))
    sure = await psy.next_message()
    await psy.press(sure, button_with(sure, "Да, отозвать"))
    note = await psy.next_message()
    assert "Отчёт отозван" in note["text"] and "не уйдёт" in note["text"]
    clock.advance(timedelta(hours=9, minutes=5))  # 08:05
    app.dp["broadcaster"].wake()
    await parent.expect_no_message(0.8)
    async with sm() as session:
        post = await session.get(Post, update.post_id)
        assert post is not None and post.status == "cancelled"
    assert await audit_count(app, "post.cancelled") == 1
    assert app.emu.rejections == []


async def test_a_plan_that_has_ended_takes_no_updates(database_url: str) -> None:
    """The region's plan ended and no new one is in force: /update says so and says where its results are,
    /report for a coordinator, /measures for school staff (whom /report refuses)."""
    (plan,) = small_catalogue().plans
    ended = Catalogue(plans=(plan.model_copy(update={"ends": date(2025, 12, 31)}),))
    async with running_app(database_url, Overrides(clock=FrozenClock(START), catalogue=ended)) as app:
        await add_tree(app.dp["sessionmaker"])
        await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
        await grant(app.dp["sessionmaker"], COORD, "coordinator", DISTRICT)
        psy, coord = app.emu.user(PSY), app.emu.user(COORD)
        await pick_language(psy, "ru")
        await pick_language(coord, "kk")
        await psy.send("/update 3")
        reply = await psy.next_message()
        assert "нет действующей дорожной карты" in reply["text"] and "/measures" in reply["text"]
        assert "/report" not in reply["text"]
        await psy.send("/report")
        assert "координаторам" in (await psy.next_message())["text"]  # where it would have sent them
        await coord.send("/update")
        reply = await coord.next_message()
        assert "қолданыстағы жол картасы жоқ" in reply["text"] and "/report" in reply["text"]
        assert await _updates(app) == []
        assert app.emu.rejections == []


@pytest.mark.parametrize("number", ["²", "٣", "1²", "-1", "99999999999"])
async def test_unicode_and_odd_numbers_get_a_polite_answer_not_an_error(app: RunningApp, number: str) -> None:
    """`str.isdigit()` took «²» and «٣»; int() then raised and the user got "something went wrong"."""
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY, language_code="ru")
    await pick_language(psy, "ru")
    for command in (f"/update {number}", f"/measure {number}"):
        await psy.send(command)
        reply = await psy.next_message()
        assert "пошло не так" not in reply["text"], (command, reply["text"])
    assert app.emu.rejections == []
