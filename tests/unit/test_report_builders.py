"""The /report files open in what people will open them with, with headers in the requester's language."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from bot.i18n import create_i18n
from bot.reports import Period, PeriodKind, UpdateLine, assemble, chart, parse_day, period_of
from bot.reports import csv as report_csv
from bot.reports import xlsx as report_xlsx
from db.models import Organisation
from domain.enums import MeasureStatus
from tests.support.report_plan import small_plan

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database

ORGS = {
    org.code: org
    for org in [
        Organisation(
            code="krg",
            kind="region",
            parent_code=None,
            name_kk="Қарағанды облысы",
            name_ru="Карагандинская область",
        ),
        Organisation(
            code="krg-kar",
            kind="city",
            parent_code="krg",
            name_kk="Қарағанды қаласы",
            name_ru="город Караганда",
        ),
        Organisation(
            code="krg-buh",
            kind="district",
            parent_code="krg",
            name_kk="Бұқар жырау ауданы",
            name_ru="Бухар-Жырауский район",
        ),
        Organisation(
            code="kar-s01", kind="school", parent_code="krg-kar", name_kk="№1 мектеп", name_ru="Школа №1"
        ),
        Organisation(
            code="buh-s01",
            kind="school",
            parent_code="krg-buh",
            name_kk="Бұқар №1 мектеп",
            name_ru="Бухарская школа №1",
        ),
    ]
}
# measure, organisation, day, status, kk, ru, figures; the repository picks the requester's text or the other
UPDATES = [
    (2, "kar-s01", date(2025, 4, 10), "in_progress", "Семинар өтті", "Прошёл семинар", {"participants": 12}),
    (2, "kar-s01", date(2025, 5, 20), "done", None, "Курсы завершены", {"participants": 8}),
    (3, "buh-s01", date(2025, 6, 1), "in_progress", "Жиналыс", None, {"participants": 40, "events": 1}),
]


def build(locale: str):
    lines = [
        UpdateLine(m, org, day, status, (ru or kk) if locale == "ru" else (kk or ru), figures)
        for m, org, day, status, kk, ru, figures in UPDATES
    ]
    return assemble(small_plan(), lines, ORGS, ORGS["krg"], date(2025, 6, 30), locale)


@pytest.fixture(autouse=True)
def i18n_context():
    with create_i18n("kk").context():
        yield


@pytest.mark.parametrize(
    ("locale", "headers", "done", "figure", "sheets"),
    [
        (
            "kk",
            ("Бөлім", "Іс-шара №", "Жол картасының іс-шарасы", "Ұйым", "Орындалу күйі"),
            "Орындалды",
            "Қатысушылар",
            ("Жол картасының іс-шаралары", "Жиынтық"),
        ),
        (
            "ru",
            ("Раздел", "№ мероприятия", "Мероприятие дорожной карты", "Организация", "Статус"),
            "Выполнено",
            "Участники",
            ("Мероприятия дорожной карты", "Сводка"),
        ),
    ],
)
def test_workbook_has_headers_in_the_language_and_one_row_per_measure_and_organisation(
    locale: str, headers: tuple[str, ...], done: str, figure: str, sheets: tuple[str, str]
) -> None:
    report = build(locale)
    book = load_workbook(io.BytesIO(report_xlsx(report.rows, report.summary, locale)))
    assert tuple(book.sheetnames) == sheets
    sheet = book[sheets[0]]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    for word in headers:
        assert word in header, (word, header)
    assert figure in header
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "C2"
    col = {name: index for index, name in enumerate(header)}
    by_pair = {
        (r[col[headers[1]]], r[col["Ұйым коды" if locale == "kk" else "Код организации"]]): r
        for r in rows[1:]
    }
    # Measures 1 and 4 had no update: one row each against the scope; 2 and 3 one per organisation.
    assert set(by_pair) == {(1, "krg"), (2, "kar-s01"), (3, "buh-s01"), (4, "krg")}
    school = by_pair[(2, "kar-s01")]
    assert school[col[headers[4]]] == done
    assert school[col[figure]] == 20
    assert "Прошёл семинар" in school[-1] if locale == "ru" else "Семинар өтті" in school[-1]
    # A text missing in the requester's language falls back to the other one.
    assert ("Курсы завершены" in school[-1]) and ("10.04.2025" in school[-1])
    assert school[col["Қала немесе аудан" if locale == "kk" else "Район или город"]] in (
        "Қарағанды қаласы",
        "город Караганда",
    )
    overdue = by_pair[(4, "krg")]
    assert overdue[col[headers[4]]] == ("Мерзімі өтті" if locale == "kk" else "Просрочено")
    summary = list(book[sheets[1]].iter_rows(values_only=True))
    assert summary[0][3] == done and book[sheets[1]]["A1"].font.b
    assert summary[1][:3] == (1, "Ұйымдастыру шаралары" if locale == "kk" else "Организационные меры", 2)
    assert len(summary) == 3


def test_csv_has_a_bom_and_the_same_rows() -> None:
    report = build("kk")
    data = report_csv(report.rows, "kk")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    book = load_workbook(io.BytesIO(report_xlsx(report.rows, report.summary, "kk")))
    sheet_rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == list(sheet_rows[0])
    assert len(rows) == len(sheet_rows) == 5
    assert [r[3] for r in rows[1:]] == [r[3] for r in sheet_rows[1:]]
    assert "20.05.2025" in rows[2]
    assert "Қарағанды облысы" in rows[1]


def test_chart_is_a_png() -> None:
    report = build("kk")
    data = chart(report.by_section, report.by_district, "kk")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000
    assert [name for name, _ in report.by_district] == [
        "Бұқар жырау ауданы",
        "Қарағанды облысы",
        "Қарағанды қаласы",
    ]
    assert report.by_section[0][1] == {MeasureStatus.DONE: 1, MeasureStatus.OVERDUE: 1}


def test_periods_and_typed_days() -> None:
    today = date(2025, 2, 14)
    assert period_of(PeriodKind.quarter, today) == Period(date(2025, 1, 1), date(2025, 3, 31))
    assert period_of(PeriodKind.last_quarter, today) == Period(date(2024, 10, 1), date(2024, 12, 31))
    assert period_of(PeriodKind.half_year, date(2025, 8, 1)) == Period(date(2025, 7, 1), date(2025, 12, 31))
    assert period_of(PeriodKind.year, today) == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert period_of(PeriodKind.last_quarter, date(2025, 11, 3)) == Period(
        date(2025, 7, 1), date(2025, 9, 30)
    )
    assert parse_day(" 05.03.2025 ") == date(2025, 3, 5)
    assert parse_day("31.02.2025") is None
    assert parse_day("2025-03-05") is None
