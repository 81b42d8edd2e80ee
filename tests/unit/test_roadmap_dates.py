"""A roadmap's end date closing a sentence: Russian's «г.» must not leave a double full stop."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from bot.i18n import compile_catalogs, create_i18n
from bot.views.formats import date_before_stop
from bot.views.measures import ended_line, no_current_plan_text, plan_years

pytestmark = pytest.mark.no_database


@pytest.fixture(autouse=True)
def _i18n() -> Any:
    compile_catalogs()
    with create_i18n("kk").context():
        yield


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_no_double_full_stop_after_a_long_date(locale: str) -> None:
    plan: Any = SimpleNamespace(ends=date(2025, 12, 31), title=SimpleNamespace(get=lambda _: "Жол картасы"))
    short = ended_line(plan, locale, results_below=False)
    for text in (ended_line(plan, locale), short, no_current_plan_text(plan, None, 1, locale)):
        assert ".." not in text, text
        assert "2025" in text and "31" in text


def test_only_the_sentences_own_stop_is_taken() -> None:
    day = date(2025, 12, 31)
    ru = date_before_stop(day, "ru")
    assert ru.startswith("31 декабря 2025") and ru.endswith("г")
    # The Kazakh date ends in the month's name («2025 жылғы 31 желтоқсан»): nothing is taken.
    assert date_before_stop(day, "kk") == "2025 жылғы 31 желтоқсан"


def test_a_plan_within_one_year_is_named_by_that_year_alone() -> None:
    several: Any = SimpleNamespace(starts=date(2023, 1, 1), ends=date(2025, 12, 31))
    one: Any = SimpleNamespace(starts=date(2027, 1, 1), ends=date(2027, 12, 31))
    assert plan_years(several) == "2023–2025"
    assert plan_years(one) == "2027"  # not «2027–2027»
