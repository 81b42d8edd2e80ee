"""Dates, times and counts read one way per language on every screen (bot/views/formats.py), by Babel, in
Kazakhstan time (Asia/Almaty, UTC+5).

kk: «2026 жылғы 8 желтоқсан»; ru: Babel's long «8 декабря 2026 г.». Without the year «8 желтоқсан» /
«8 декабря»; numeric «08.12.2026 17:00» only where staff type a date. Counts: «12 345» with a no-break space.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from bot.clock import KZ
from bot.i18n import compile_catalogs, create_i18n
from bot.views import formats, phrases
from bot.views.approvals import approved_text, card_text
from bot.views.digest import DigestItem, _line
from bot.views.event_manage import list_keyboard
from bot.views.event_text import event_summary
from bot.views.formats import (
    clock_time,
    date_before_stop,
    date_time,
    day_month,
    day_month_time,
    grouped,
    long_date,
    month_name,
    short_date,
    short_date_time,
    weekday_date_time,
)
from bot.views.measure_updates import my_update_line
from bot.views.measures import update_line
from bot.views.post_flow import preview_summary, queued_text, when_text
from bot.views.staff import invite_created_text
from db.repositories.measure_progress import VisibleUpdate
from domain.enums import EventKind, Role, UpdateStatus

pytestmark = pytest.mark.no_database

NB = "\u202f"  # Babel's narrow no-break space before Russian «г.»
G = "\xa0"  # Babel's no-break space between groups of digits

KK_MONTHS = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
    "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
)  # fmt: skip
RU_MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _i18n() -> Iterator[None]:
    compile_catalogs()
    with create_i18n("kk").context():
        yield


@pytest.mark.parametrize(
    ("day", "kk", "ru"),
    [
        (date(2026, 12, 8), "2026 жылғы 8 желтоқсан", f"8 декабря 2026{NB}г."),
        (date(2025, 12, 31), "2025 жылғы 31 желтоқсан", f"31 декабря 2025{NB}г."),
        (date(2026, 1, 1), "2026 жылғы 1 қаңтар", f"1 января 2026{NB}г."),
        (date(2024, 2, 29), "2024 жылғы 29 ақпан", f"29 февраля 2024{NB}г."),
        (date(2027, 9, 1), "2027 жылғы 1 қыркүйек", f"1 сентября 2027{NB}г."),
        (date(2022, 7, 14), "2022 жылғы 14 шілде", f"14 июля 2022{NB}г."),
    ],
)
def test_a_long_date(day: date, kk: str, ru: str) -> None:
    assert long_date(day, "kk") == kk
    assert long_date(day, "ru") == ru


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_in_both_languages(month: int) -> None:
    day = date(2026, month, 15)
    assert long_date(day, "kk") == f"2026 жылғы 15 {KK_MONTHS[month - 1]}"
    assert long_date(day, "ru") == f"15 {RU_MONTHS[month - 1]} 2026{NB}г."
    assert day_month(day, "kk") == f"15 {KK_MONTHS[month - 1]}"
    assert day_month(day, "ru") == f"15 {RU_MONTHS[month - 1]}"


@pytest.mark.parametrize(
    ("moment", "kk", "ru"),
    [
        # 19:00 UTC on New Year's Eve is already the new year in Kazakhstan (UTC+5).
        (
            datetime(2026, 12, 31, 19, 0, tzinfo=UTC),
            "2027 жылғы 1 қаңтар, 00:00",
            f"1 января 2027{NB}г., 00:00",
        ),
        (
            datetime(2026, 12, 31, 18, 59, tzinfo=UTC),
            "2026 жылғы 31 желтоқсан, 23:59",
            f"31 декабря 2026{NB}г., 23:59",
        ),
        # A naive moment is UTC, as Babel reads it.
        (datetime(2026, 12, 31, 19, 30), "2027 жылғы 1 қаңтар, 00:30", f"1 января 2027{NB}г., 00:30"),
        (
            datetime(2026, 12, 8, 17, 0, tzinfo=KZ),
            "2026 жылғы 8 желтоқсан, 17:00",
            f"8 декабря 2026{NB}г., 17:00",
        ),
        (datetime(2026, 3, 1, 8, 5, tzinfo=KZ), "2026 жылғы 1 наурыз, 08:05", f"1 марта 2026{NB}г., 08:05"),
    ],
)
def test_a_date_and_time_in_kazakhstan_time(moment: datetime, kk: str, ru: str) -> None:
    assert date_time(moment, "kk") == kk
    assert date_time(moment, "ru") == ru


def test_kazakhstan_is_utc_plus_five_all_year() -> None:
    for month in (1, 3, 4, 7, 10, 11):  # no daylight saving since 2024
        assert clock_time(datetime(2026, month, 10, 12, 0, tzinfo=UTC)) == "17:00"


def test_a_long_date_of_a_moment_is_its_kazakhstan_day() -> None:
    last_utc_evening = datetime(2025, 12, 31, 20, 0, tzinfo=UTC)
    assert long_date(last_utc_evening, "kk") == "2026 жылғы 1 қаңтар"
    assert day_month(last_utc_evening, "ru") == "1 января"
    assert short_date(last_utc_evening) == "01.01.2026"


def test_without_the_year() -> None:
    moment = datetime(2026, 12, 8, 17, 0, tzinfo=KZ)
    assert day_month_time(moment, "kk") == "8 желтоқсан, 17:00"
    assert day_month_time(moment, "ru") == "8 декабря, 17:00"


@pytest.mark.parametrize(
    ("moment", "kk", "ru"),
    [
        (
            datetime(2026, 12, 12, 18, 0, tzinfo=KZ),
            "2026 жылғы 12 желтоқсан, сенбі, 18:00",
            f"суббота, 12 декабря 2026{NB}г., 18:00",
        ),
        (
            datetime(2027, 1, 1, 10, 30, tzinfo=KZ),
            "2027 жылғы 1 қаңтар, жұма, 10:30",
            f"пятница, 1 января 2027{NB}г., 10:30",
        ),
    ],
)
def test_an_event_with_its_weekday(moment: datetime, kk: str, ru: str) -> None:
    assert weekday_date_time(moment, "kk") == kk
    assert weekday_date_time(moment, "ru") == ru


def test_only_the_sentences_own_stop_is_taken() -> None:
    day = date(2025, 12, 31)
    assert date_before_stop(day, "ru") == f"31 декабря 2025{NB}г"
    assert date_before_stop(day, "kk") == "2025 жылғы 31 желтоқсан"


def test_a_kazakh_date_never_ends_in_a_bare_year() -> None:
    """A postposition the translation puts after a date («... дейін», «... бастап») follows the month's
    name or the time, never a bare year as in «8 желтоқсан 2026 дейін»."""
    start = date(2025, 12, 25)
    for n in range(0, 400, 7):
        day = start + timedelta(days=n)
        moment = datetime.combine(day, datetime.min.time(), tzinfo=KZ)
        for text in (long_date(day, "kk"), date_before_stop(day, "kk"), date_time(moment, "kk")):
            assert not text.endswith(str(day.year)), text
            assert text.startswith(f"{day.year} жылғы {day.day} "), text


def test_the_numeric_forms_staff_type() -> None:
    assert short_date(date(2026, 12, 8)) == "08.12.2026"
    assert short_date(date(2027, 1, 1)) == "01.01.2027"
    assert short_date_time(datetime(2026, 12, 8, 12, 0, tzinfo=UTC)) == "08.12.2026 17:00"
    assert short_date_time(datetime(2026, 12, 31, 19, 5, tzinfo=UTC)) == "01.01.2027 00:05"


def test_month_names_as_a_list_names_them() -> None:
    assert [month_name(m, "kk") for m in (9, 12)] == ["қыркүйек", "желтоқсан"]
    assert [month_name(m, "ru") for m in (9, 12)] == ["сентябрь", "декабрь"]


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_counts_are_grouped(locale: str) -> None:
    assert grouped(12345, locale) == f"12{G}345"
    assert grouped(1234567, locale) == f"1{G}234{G}567"
    assert grouped(999, locale) == "999"
    assert grouped(2.5, locale) == "2,5"


# Every screen takes its form from bot/views/formats.py.


def test_the_post_flow_says_its_time_and_groups_its_recipients() -> None:
    send_at = datetime(2027, 1, 7, 3, 0, tzinfo=UTC)
    assert when_text(send_at, "kk") == "2027 жылғы 7 қаңтар, 08:00"
    assert when_text(send_at, "ru") == f"7 января 2027{NB}г., 08:00"
    kk = preview_summary("Мектеп", 12345, when_text(send_at, "kk"), "Қалыпты", False, "kk")
    assert f"Қазір алушылар саны: 12{G}345" in kk
    ru = preview_summary("Школа", 12345, when_text(send_at, "ru"), "Обычный", False, "ru")
    assert f"Получателей сейчас: 12{G}345" in ru
    assert f"12{G}345" in queued_text(12345, "—", "ru") and "12345" not in queued_text(12345, "—", "kk")


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_approval_cards_and_the_authors_news_group_their_recipients(locale: str) -> None:
    card = card_text("Автор", "Мектеп", 12345, "—", "—", locale)
    assert f"(12{G}345 " in card and "12345" not in card
    for when in (None, "—"):
        told = approved_text("Үйлестіруші", "#1 «Жиналыс»", when, 12345, locale)
        assert f"12{G}345" in told and "12345" not in told


def _plan() -> Any:
    labels = {"participants": {"kk": "қатысушылар", "ru": "участников"}}
    return SimpleNamespace(figure_label=lambda key, locale: labels[key][locale])


def _update(figures: dict[str, Any]) -> VisibleUpdate:
    return VisibleUpdate(
        id=1,
        measure_no=3,
        org_code="s1",
        org_name_kk="№ 1 мектеп",
        org_name_ru="Школа № 1",
        done_on=date(2026, 12, 8),
        status=UpdateStatus.DONE,
        public=True,
        text_kk="Өтті",
        text_ru="Прошло",
        figures=figures,
    )


def test_a_measure_updates_date_and_figures() -> None:
    kk = update_line(_plan(), _update({"participants": 12345}), "kk")
    assert "<b>2026 жылғы 8 желтоқсан</b>" in kk and f"📊 қатысушылар: 12{G}345" in kk
    ru = update_line(_plan(), _update({"participants": 1000000}), "ru")
    assert f"<b>8 декабря 2026{NB}г.</b>" in ru and f"📊 участников: 1{G}000{G}000" in ru  # not «1e+06»


def test_the_other_screens_read_the_same_forms() -> None:
    moment = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)  # 17:00 in Kazakhstan
    invite = invite_created_text(Role.PSYCHOLOGIST, "Школа № 1", "https://t.me/x", moment, "kk")
    assert "жарамдылық мерзімі — 2026 жылғы 8 желтоқсан, 17:00 (Қазақстан уақыты)" in invite
    assert "· 2026 жылғы 8 желтоқсан ·" in my_update_line(
        1, "№3", date(2026, 12, 8), UpdateStatus.DONE, True, "kk"
    )
    measure: Any = SimpleNamespace(number=3, title=SimpleNamespace(get=lambda _: "Стенд"))
    assert _line(DigestItem(measure, date(2026, 12, 20)), "ru") == f"• №3. Стенд — 20 декабря 2026{NB}г."
    event: Any = SimpleNamespace(
        id=5,
        kind=EventKind.SEMINAR,
        topic_kk="Тақырып",
        topic_ru="Тема",
        starts_at=moment,
        place="Зал",
        status="s",
    )
    assert "🗓 2026 жылғы 8 желтоқсан, сейсенбі, 17:00" in event_summary(event, "kk")
    keyboard = list_keyboard([SimpleNamespace(event=event)], "ru")  # type: ignore[list-item]
    assert (
        keyboard is not None and keyboard.inline_keyboard[0][0].text == "1. 8 декабря, 17:00"
    )  # not «8 дек.»


def test_one_module_formats_them() -> None:
    assert phrases.grouped is formats.grouped  # a counted phrase groups its number the same way
