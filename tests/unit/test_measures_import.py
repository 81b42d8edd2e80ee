"""`python -m bot measures import`: reading the roadmap table's deadlines, and refusing a bad file by row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.measures import load_catalogue
from bot.measures.csv_import import DeadlineError, build_plan, parse_deadline

pytestmark = pytest.mark.no_database

SAMPLE = Path(__file__).parent.parent / "data" / "krg-2027-2029.csv"
HEADER = (
    "number,section,title_kk,title_ru,form_kk,form_ru,deadline_kk,deadline_ru,responsible_kk,"
    "responsible_ru,parent_facing\n"
)
SECTION = ",1,Балаларды қорғау,Защита детей,,,,,,,\n"


@pytest.mark.parametrize(
    ("ru", "expected"),
    [
        ("декабрь 2027 года", {"kind": "once", "on": date(2027, 12, 31)}),
        ("Февраль 2028", {"kind": "once", "on": date(2028, 2, 29)}),
        ("до 15.09.2027", {"kind": "once", "on": date(2027, 9, 15)}),
        ("ежегодно", {"kind": "yearly", "months": [12]}),
        ("ежегодно в декабре", {"kind": "yearly", "months": [12]}),
        ("Октябрь, декабрь, март, май", {"kind": "yearly", "months": [3, 5, 10, 12]}),
        ("сентябрь, декабрь, март, июнь ежегодно", {"kind": "yearly", "months": [3, 6, 9, 12]}),
        ("июнь, декабрь ежегодно", {"kind": "semiannual"}),
        ("1 раз в полугодие", {"kind": "semiannual"}),
        ("ежеквартально", {"kind": "quarterly"}),
        ("В течение учебного года", {"kind": "school_year"}),
        ("в течение года", {"kind": "continuous"}),
        ("2027-2028 гг", {"kind": "continuous"}),
    ],
)
def test_deadlines_as_the_roadmaps_write_them(ru: str, expected: dict) -> None:
    assert parse_deadline(ru) == expected


@pytest.mark.parametrize("ru", ["", "когда-нибудь", "31.02.2027"])
def test_a_deadline_it_cannot_read_is_refused(ru: str) -> None:
    with pytest.raises(DeadlineError):
        parse_deadline(ru)


def _build(tmp_path: Path, rows: str, header: str = HEADER) -> list[str]:
    source = tmp_path / "krg-2027-2029.csv"
    source.write_text(header + rows, "utf-8")
    outcome = build_plan(
        source,
        code="krg-2027-2029",
        region="krg",
        title_kk="Жол картасы (үлгі)",
        title_ru="Дорожная карта (образец)",
        starts=date(2027, 1, 1),
        ends=date(2029, 12, 31),
        catalogue=load_catalogue(),
    )
    assert (outcome.plan is None) == bool(outcome.errors)
    return outcome.errors


def test_the_sample_is_clean(tmp_path: Path) -> None:
    assert _build(tmp_path, "", header=SAMPLE.read_text("utf-8")) == []


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("1,1,Стендтер,Стенды,Есеп,отчёт,кейін,когда-нибудь,ББ,УО,yes\n", "row 3: deadline 'когда-нибудь'"),
        ("1,1,Стендтер,Стенды,Есеп,отчёт,2026 ж.,декабрь 2026 года,ББ,УО,yes\n", "outside the plan's period"),
        ("1,1,Стендтер,Стенды,Есеп,отчёт,жыл сайын,ежегодно,ББ,УО,maybe\n", "row 3: parent_facing 'maybe'"),
        ("1,9,Стендтер,Стенды,Есеп,отчёт,жыл сайын,ежегодно,ББ,УО,yes\n", "unknown section 9"),
        ("1,1,Стендтер,Стенды,Есеп,отчёт,жыл сайын,ежегодно,ББ,ХЗ,yes\n", "'ХЗ' is not in the abbreviations"),
        ("1,1,Стенды,Стенды,Отчет,отчёт,ежегодно,ежегодно,УО,УО,yes\n", "is this really Kazakh"),
        ("1,1,Стендтер,Стенды,Есеп,отчет,жыл сайын,ежегодно,ББ,УО,yes\n", "«отчет» (yo)"),
        (
            "1,1,Стендтер,Стенды,Есеп,отчёт,жыл сайын,ежегодно,ББ,УО,yes\n"
            "3,1,Стендтер,Стенды,Есеп,отчёт,жыл сайын,ежегодно,ББ,УО,yes\n",
            "not numbered 1..2",
        ),
    ],
)
def test_a_bad_row_is_named(tmp_path: Path, row: str, error: str) -> None:
    errors = _build(tmp_path, SECTION + row)
    assert any(error in e for e in errors), errors


def test_a_missing_column_and_an_overlapping_period_are_refused(tmp_path: Path) -> None:
    errors = _build(tmp_path, SECTION, header=HEADER.replace("form_ru,", ""))
    assert errors == ["row 1: missing column(s) form_ru"]
    source = tmp_path / "late.csv"
    source.write_text(
        HEADER + SECTION + "1,1,Стендтер,Стенды,Есеп,отчёт,жыл сайын,ежегодно,ББ,УО,yes\n", "utf-8"
    )
    outcome = build_plan(
        source,
        code="krg-2025-2027",
        region="krg",
        title_kk="Жол картасы",
        title_ru="Дорожная карта",
        starts=date(2025, 6, 1),
        ends=date(2027, 12, 31),
        catalogue=load_catalogue(),
    )
    assert any("overlaps plan krg-2023-2025" in e for e in outcome.errors), outcome.errors
