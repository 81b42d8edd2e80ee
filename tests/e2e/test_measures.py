"""/measures and /measure N: what parents and staff see, status marks per scope, unknown and forged ids."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from db.models import MeasureUpdate
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.org_tree import grant

PLAN = "krg-2023-2025"
KAR_SCHOOL, TEM_SCHOOL = "krg-kar-s001", "krg-tem-s002"  # in Karaganda city and in Temirtau
PARENT, CITY_COORD = 9301, 9302
TODAY = datetime(2024, 5, 10, 12, 0, tzinfo=KZ)


@pytest.fixture
async def measures_app(database_url: str) -> AsyncIterator[RunningApp]:
    async with running_app(database_url, Overrides(clock=FrozenClock(TODAY))) as running:
        await _add_updates(running)
        yield running


def _update(measure_no: int, org: str, done_on: date, status: str, public: bool, **kw: Any) -> MeasureUpdate:
    return MeasureUpdate(
        plan=PLAN,
        measure_no=measure_no,
        org_code=org,
        author_id=CITY_COORD,
        text_kk=kw.get("text_kk"),
        text_ru=kw.get("text_ru"),
        figures=kw.get("figures", {}),
        done_on=done_on,
        status=status,
        public=public,
        created_at=datetime(2024, 5, 1, tzinfo=UTC),
        withdrawn_at=kw.get("withdrawn_at"),
    )


async def _add_updates(app: RunningApp) -> None:
    async with app.dp["sessionmaker"]() as session:
        session.add_all(
            [
                # 15, quarterly, parent-facing: done this quarter, public, in Russian only, with a figure.
                _update(
                    15,
                    KAR_SCHOOL,
                    date(2024, 4, 20),
                    "done",
                    True,
                    text_ru="Провели единый урок",
                    figures={"lessons": 12},
                ),
                # 10, once (December 2023), parent-facing: done, but only internally.
                _update(10, KAR_SCHOOL, date(2023, 12, 5), "done", False, text_kk="Чат ашылды, ішкі жазба"),
                # 50, quarterly raids: last quarter done, this quarter started.
                _update(50, KAR_SCHOOL, date(2024, 3, 10), "done", True, text_kk="Рейд өтті"),
                _update(50, KAR_SCHOOL, date(2024, 4, 15), "in_progress", True, text_kk="Рейд басталды"),
                # 5, once, staff only: done in Temirtau, outside the Karaganda city coordinator's scope.
                _update(5, TEM_SCHOOL, date(2023, 11, 1), "done", False, text_ru="Приказ издан"),
                # 29, once: a withdrawn 'done' counts for nothing.
                _update(
                    29,
                    KAR_SCHOOL,
                    date(2024, 2, 1),
                    "done",
                    True,
                    text_ru="Отозвано",
                    withdrawn_at=datetime(2024, 2, 2, tzinfo=UTC),
                ),
            ]
        )
        await session.commit()


def _mark(message: dict, number: int) -> str:
    """The status mark on a measure's button in a section list, or '' when the measure is not listed."""
    for text in button_texts(message):
        found = re.match(rf"^(\S+) {number}\. ", text)
        if found:
            return found.group(1)
    return ""


async def _open_section(user, locale: str, section: int) -> dict:
    await user.send("/measures")
    sections = await user.next_message()
    await user.press(sections, button_with(sections, f"{section}. "))
    return await user.wait_edit(sections)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_parent_sees_parent_facing_measures_and_public_updates(
    measures_app: RunningApp, locale: str
) -> None:
    parent = measures_app.emu.user(PARENT, language_code=locale)
    await pick_language(parent, locale)
    section = await _open_section(parent, locale, 1)
    assert _mark(section, 15) == "✅"
    assert _mark(section, 10) == "⚠️"  # done internally only: parents see it overdue
    assert _mark(section, 5) == ""  # not parent-facing
    assert _mark(section, 16) == "⚠️"  # due in March, nothing reported since
    section3 = await _open_section(parent, locale, 3)
    assert _mark(section3, 50) == "🔄"
    assert _mark(section3, 45) == ""

    await parent.press(section, button_with(section, "15. "))
    measure = await parent.wait_edit(section)
    text = measure["text"]
    assert {"kk": "тоқсан сайын", "ru": "ежеквартально"}[locale] in text
    next_due = re.search(r"(Келесі мерзім|Ближайший срок): (.+)", text).group(2)
    assert {"kk": "2024 жылғы 30 маусым", "ru": "30 июня 2024 г."}[locale] == next_due.replace("\u202f", " ")
    assert "Провели единый урок" in text
    if locale == "kk":
        assert "(тек орыс тілінде) Провели единый урок" in text
    assert {"kk": "Өткізілген сабақтар: 12", "ru": "Проведено уроков: 12"}[locale] in text
    assert {"kk": "Бөлім", "ru": "Раздел"}[locale] in " ".join(button_texts(measure))
    # The responsible bodies in the reader's language, each abbreviation spelled out.
    if locale == "kk":
        assert "Жауаптылар:\n• ББ — облыстық білім басқармасы\n" in text
        assert "• ББД ОӘО — білім беруді дамытудың облыстық оқу-әдістемелік орталығы" in text
        assert "• ПД — облыстық полиция департаменті (келісім бойынша)" in text
        assert not re.search(r"\b(УО|УЗ|ДП|акиматы|НПО)\b", text), text
    else:
        assert "Ответственные:\n• УО — областное управление образования\n" in text
        assert "• ДП — департамент полиции области (по согласованию)" in text
        assert "• НПО — неправительственные организации" in text

    await parent.send("/measure 10")
    ten = await parent.next_message()
    assert "ішкі жазба" not in ten["text"]  # an internal update stays internal
    assert {"kk": "Әзірге хабар жоқ", "ru": "Сообщений пока нет"}[locale] in ten["text"]

    await parent.send("/measure 5")
    hidden = await parent.next_message()
    # It exists: the parent is told it is not published for parents, not that there is no such measure.
    no_such = {"kk": "мұндай іс-шара жоқ", "ru": "мероприятия в дорожной карте нет"}[locale]
    assert no_such not in hidden["text"]
    assert {
        "kk": "Жол картасының № 5 іс-шарасын ведомстволардың өздері орындайды",
        "ru": "Мероприятие № 5 дорожной карты выполняют сами ведомства",
    }[locale] in hidden["text"]
    await parent.send("/measure 29")
    withdrawn = await parent.next_message()
    assert "Отозвано" not in withdrawn["text"]
    assert "⚠️" in withdrawn["text"]
    assert measures_app.emu.rejections == []


async def test_staff_see_every_measure_in_their_scope(measures_app: RunningApp) -> None:
    await grant(measures_app.dp["sessionmaker"], CITY_COORD, "coordinator", "krg-kar")
    coord = measures_app.emu.user(CITY_COORD, language_code="ru")
    await pick_language(coord, "ru")
    section = await _open_section(coord, "ru", 1)
    assert _mark(section, 10) == "✅"  # internal updates count for staff
    assert _mark(section, 5) == "⚠️"  # done in Temirtau, outside this scope
    assert _mark(section, 15) == "✅"
    await coord.send("/measure 5")
    five = await coord.next_message()
    assert "Приказ издан" not in five["text"]
    assert "Ответственные: УО — областное управление образования" in five["text"]

    admin = measures_app.emu.user(ADMIN_ID, language_code="ru")
    await pick_language(admin, "ru")
    section = await _open_section(admin, "ru", 1)
    assert _mark(section, 5) == "✅"  # the whole region
    await admin.send("/measure 5")
    five = await admin.next_message()
    assert "Приказ издан" in five["text"]
    assert "Общеобразовательная школа № 2" in five["text"]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_unknown_measure_and_forged_buttons(measures_app: RunningApp, locale: str) -> None:
    user = measures_app.emu.user(9303, language_code=locale)
    await pick_language(user, locale)
    await user.send("/measure 999")
    reply = await user.next_message()
    assert {"kk": "мұндай іс-шара жоқ", "ru": "мероприятия в дорожной карте нет"}[locale] in reply["text"]
    await user.send("/measure abc")
    reply = await user.next_message()
    assert {"kk": "мұндай іс-шара жоқ", "ru": "мероприятия в дорожной карте нет"}[locale] in reply["text"]
    await user.send("/measure")
    usage = await user.next_message()
    assert "/measure 15" in usage["text"]
    await user.send("/measures")
    sections = await user.next_message()
    stale = {"kk": "ескірген", "ru": "устарела"}[locale]
    forged_data = (
        f"ms:m:999:{PLAN}",
        f"ms:m:5:{PLAN}",  # not parent-facing
        f"ms:c:9:{PLAN}",
        f"ms:x:1:{PLAN}",
        f"ms:m:-1:{PLAN}",
        "ms:s:0:nope",  # no such plan
        "ms:m:15:",  # no plan at all
        "ms:m:15",  # an old button, before buttons named their plan
    )
    for forged in forged_data:
        answer = await user.press_data(sections, forged)
        assert stale in (answer.get("text") or "").lower(), forged
    await user.expect_no_message()
    assert measures_app.emu.rejections == []


async def test_main_menu_opens_the_progress(measures_app: RunningApp) -> None:
    user = measures_app.emu.user(9304, language_code="kk")
    await pick_language(user, "kk")
    await user.send("/menu")
    menu = await user.next_message()
    await user.press(menu, button_with(menu, "Жол картасының орындалуы"))
    sections = await user.wait_edit(menu)
    assert "Қарағанды облысындағы" in sections["text"]


async def test_long_update_lists_are_cut_to_fit_one_message(measures_app: RunningApp) -> None:
    async with measures_app.dp["sessionmaker"]() as session:
        session.add_all(
            _update(46, KAR_SCHOOL, date(2023, 10, day), "done", True, text_ru="Стенд установлен. " * 120)
            for day in range(1, 13)
        )
        await session.commit()
    admin = measures_app.emu.user(ADMIN_ID, language_code="ru")
    await pick_language(admin, "ru")
    await admin.send("/measure 46")
    reply = await admin.next_message()
    assert len(reply["text"]) <= 4096
    assert reply["text"].count("Стенд установлен.") >= 5
    assert "Более ранние сообщения не показаны" in reply["text"]
    assert measures_app.emu.rejections == []


# The day of the content issue: the Karaganda plan ended on 31.12.2025 and no new plan is loaded yet.
AFTER_THE_PLAN = datetime(2026, 12, 6, 12, 0, tzinfo=KZ)


@pytest.fixture
async def ended_app(database_url: str) -> AsyncIterator[RunningApp]:
    async with running_app(database_url, Overrides(clock=FrozenClock(AFTER_THE_PLAN))) as running:
        await _add_updates(running)
        yield running


def _all_marks(message: dict) -> set[str]:
    return {text.split(" ", 1)[0] for text in button_texts(message) if re.match(r"^\S+ \d+\. ", text)}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_ended_plan_shows_final_results_and_nothing_overdue(
    ended_app: RunningApp, locale: str
) -> None:
    overdue = {"kk": "мерзімі өтті", "ru": "просрочено"}[locale]
    ended = {"kk": "Бұл жол картасы аяқталды", "ru": "Эта дорожная карта завершилась"}[locale]
    parent = ended_app.emu.user(PARENT, language_code=locale)
    await pick_language(parent, locale)
    await parent.send("/measures")
    landing = await parent.next_message()
    # No current plan: said kindly, with the last one's end and the way to the archive.
    assert {"kk": "2025 жылғы 31 желтоқсан", "ru": "31 декабря 2025\u202fг."}[locale] in landing["text"]
    assert {
        "kk": "Облыс жаңа жол картасын әлі қабылдаған жоқ",
        "ru": "Область ещё не приняла новую дорожную карту",
    }[locale] in landing["text"]
    await parent.press(landing, button_with(landing, "2023–2025"))
    sections = await parent.wait_edit(landing)
    assert ended in sections["text"] and "⚠️" not in sections["text"] and overdue not in sections["text"]

    await parent.press(sections, button_with(sections, "1. "))
    section = await parent.wait_edit(sections)
    assert _mark(section, 15) == "🔄"  # done in one quarter of twelve: reported, not completed
    assert _mark(section, 10) == "➖"  # done only internally: nothing was reported to parents
    assert _mark(section, 16) == "➖"
    assert _mark(section, 5) == ""  # not parent-facing
    assert "⚠️" not in _all_marks(section) and overdue not in section["text"]

    await parent.press(section, button_with(section, "15. "))
    fifteen = await parent.wait_edit(section)
    assert {"kk": "Қорытынды:", "ru": "Итог:"}[locale] in fifteen["text"]
    assert {"kk": "12 есептік кезеңнің 1 кезеңінде", "ru": "в 1 из 12 отчётных"}[locale] in fifteen["text"]
    assert {"kk": "Келесі мерзім", "ru": "Ближайший срок"}[locale] not in fifteen["text"]
    assert "Провели единый урок" in fifteen["text"]  # its updates stay readable

    # /measure N between two plans: the last plan's measure, with its final result.
    await parent.send("/measure 29")
    withdrawn = await parent.next_message()
    assert ended in withdrawn["text"] and "➖" in withdrawn["text"] and "⚠️" not in withdrawn["text"]
    await parent.send("/measure 5")
    assert {"kk": "ата-аналарға жарияланбаған", "ru": "для родителей его не публиковали"}[locale] in (
        await parent.next_message()
    )["text"]

    # From the plan's sections back to the archive.
    await parent.send("/measures")
    landing = await parent.next_message()
    await parent.press(landing, button_with(landing, "2023–2025"))
    sections = await parent.wait_edit(landing)
    await parent.press(sections, button_with(sections, "🗄"))
    archive = await parent.wait_edit(sections)
    assert {"kk": "Бұрынғы жол картасы", "ru": "Прежняя дорожная карта"}[locale] in archive["text"]
    assert ended_app.emu.rejections == []


async def test_staff_see_the_final_result_of_their_scope(ended_app: RunningApp) -> None:
    admin = ended_app.emu.user(ADMIN_ID, language_code="ru")
    await pick_language(admin, "ru")
    await admin.send("/measure 10")
    ten = await admin.next_message()
    assert "Итог: ✅ выполнено" in ten["text"]  # the internal 'done' counts for staff
    await admin.send("/measure 50")
    fifty = await admin.next_message()
    assert "Итог: 🔄 о работе сообщалось, не выполнено" in fifty["text"]
    assert "Выполнено в 1 из 12 отчётных периодов." in fifty["text"]
    assert ended_app.emu.rejections == []
