"""The /upload summary names the age group after its label in lower case: «Возрастная группа: студенты
колледжей», «Жас тобы: колледж студенттері»."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiogram.utils.i18n import gettext as _

from bot.content import Content
from bot.i18n import compile_catalogs, create_i18n
from bot.views.material_upload import age_name

pytestmark = pytest.mark.no_database

LABEL = "For: {target}\nAge: {age}\nLanguage: {language}\nTitle: <b>{title}</b>\n{file}"


@pytest.fixture(autouse=True)
def _i18n() -> Iterator[None]:
    compile_catalogs()
    with create_i18n("kk").context():
        yield


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("ru", "Возрастная группа: студенты колледжей"),
        ("kk", "Жас тобы: колледж студенттері"),
    ],
)
def test_the_age_group_reads_after_its_label(locale: str, line: str) -> None:
    content = Content.load()
    summary = _(LABEL, locale=locale).format(
        target="—", age=age_name(content, "college", locale), language="—", title="—", file="—"
    )
    assert line in summary.splitlines()


def test_the_button_title_stays_capitalised() -> None:
    group = Content.load().age_group("college")
    assert group is not None and group.get("ru").title == "Студенты колледжей"
