"""The /report workbook's caption says which rows the report has, as bot/reports/rows.assemble makes them:
one per organisation that reported on a measure, and one for the whole area when nobody did. It said «a row
per measure in every organisation», which a coordinator reads as a row for each school."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from bot.i18n import compile_catalogs, create_i18n
from bot.reports import Period, UpdateLine, assemble
from bot.views.report import xlsx_caption
from db.models import Organisation
from tests.support.report_plan import small_plan

pytestmark = pytest.mark.no_database

AREA = Organisation(code="krg-buh", kind="district", parent_code=None, name_kk="Аудан", name_ru="Район")
SCHOOLS = [
    Organisation(code=f"buh-s0{n}", kind="school", parent_code="krg-buh", name_kk=f"№{n}", name_ru=f"№{n}")
    for n in (1, 2, 3)
]
ORGS = {org.code: org for org in [AREA, *SCHOOLS]}
CLAUSES = {
    "kk": ("есеп жіберген әр ұйымға бір жол", "ешкім есеп жібермесе — бүкіл аумаққа бір жол"),
    "ru": ("строка на каждую организацию, приславшую отчёт", "одна строка на всю территорию"),
}


@pytest.fixture(autouse=True)
def _i18n() -> Iterator[None]:
    compile_catalogs()
    with create_i18n("kk").context():
        yield


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_the_caption_names_the_rows_the_report_has(locale: str) -> None:
    lines = [UpdateLine(2, "buh-s01", date(2025, 4, 10), "done", "Өтті")]
    report = assemble(small_plan(), lines, ORGS, AREA, date(2025, 6, 30), locale)
    rows = {(row.measure_no, row.org_code) for row in report.rows}
    # Measure 2: the one school that reported, not the two that did not; every other measure: the area.
    assert (2, "buh-s01") in rows and (2, "buh-s02") not in rows and (2, "buh-s03") not in rows
    assert {code for number, code in rows if number != 2} == {"krg-buh"}
    caption = xlsx_caption("План", "Район", Period(date(2025, 4, 1), date(2025, 6, 30)), locale)
    assert all(clause in caption for clause in CLAUSES[locale]), caption
