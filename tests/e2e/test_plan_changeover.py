"""A region's next roadmap, imported from a CSV: hidden until its start date, then current, the old one in the
archive.

Updates are keyed by plan and number: what was reported on a measure of the old plan says nothing about the
measure with the same number in the new one.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from bot.measures import MEASURES_DIR, load_catalogue
from bot.measures.csv_import import run as import_plan
from db.models import MeasureUpdate
from tests.support.app import running_app
from tests.support.chat import button_texts, button_with, pick_language

SAMPLE = Path(__file__).parent.parent / "data" / "krg-2027-2029.csv"
OLD, NEW = "krg-2023-2025", "krg-2027-2029"
SCHOOL = "krg-kar-s001"
TITLES = {
    "kk": "Қарағанды облысындағы балаларды қорғау жөніндегі 2027–2029 жылдарға арналған жол картасы (үлгі)",
    "ru": "Дорожная карта по защите детей в Карагандинской области на 2027–2029 годы (образец)",
}
NEW_YEARS_EVE = datetime(2026, 12, 31, 12, 0, tzinfo=KZ)
FIRST_DAY = datetime(2027, 1, 1, 9, 0, tzinfo=KZ)


def _import(directory: Path, apply: bool) -> int:
    return import_plan(
        SAMPLE,
        code=None,
        region=None,
        title_kk=TITLES["kk"],
        title_ru=TITLES["ru"],
        starts=date(2027, 1, 1),
        ends=date(2029, 12, 31),
        apply=apply,
        directory=directory,
    )


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    directory = tmp_path / "measures"
    shutil.copytree(MEASURES_DIR, directory)
    return directory


def _mark(message: dict, number: int) -> str:
    for text in button_texts(message):
        if text.split(" ", 1)[-1].startswith(f"{number}. "):
            return text.split(" ", 1)[0]
    return ""


def test_the_import_checks_describes_and_writes_only_when_asked(
    plans: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(plans, apply=False) == 0
    shown = capsys.readouterr().out
    assert "2 sections, 6 measures (4 parent-facing)" in shown
    assert (
        "3. Обновить стенды с телефоном «111» | июнь, декабрь ежегодно -> every half-year | parents" in shown
    )
    assert f"from 01.01.2027 it is the current plan and {OLD} is in the archive" in shown
    assert "nothing written yet" in shown
    assert not (plans / f"{NEW}.yaml").exists()

    assert _import(plans, apply=True) == 0
    assert "written" in capsys.readouterr().out
    catalogue = load_catalogue(plans)
    new = catalogue.plan(NEW)
    assert new is not None and len(new.measures) == 6 and new.starts == date(2027, 1, 1)
    # The bodies' abbreviations and the figure labels come from the region's previous plan.
    assert new.abbreviations == catalogue.plan(OLD).abbreviations  # type: ignore[union-attr]
    assert new.measure(2).figures == ("events", "participants")  # type: ignore[union-attr]
    assert _import(plans, apply=True) == 1  # the same plan twice: refused, nothing changed
    assert "already in the catalogue" in capsys.readouterr().out


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_the_imported_plan_becomes_current_on_its_start_date(
    database_url: str, plans: Path, locale: str
) -> None:
    assert _import(plans, apply=True) == 0
    clock = FrozenClock(NEW_YEARS_EVE)
    async with running_app(database_url, Overrides(clock=clock, catalogue=load_catalogue(plans))) as app:
        async with app.dp["sessionmaker"]() as session:
            # №3 of the old plan, done and public; the new plan's №3 is another measure.
            session.add(
                MeasureUpdate(
                    plan=OLD,
                    measure_no=3,
                    org_code=SCHOOL,
                    author_id=1,
                    text_ru="Курсы прошли",
                    text_kk="Курстар өтті",
                    figures={},
                    done_on=date(2025, 6, 1),
                    status="done",
                    public=True,
                    created_at=datetime(2025, 6, 1, tzinfo=UTC),
                )
            )
            await session.commit()
        parent = app.emu.user(9901, language_code=locale)
        await pick_language(parent, locale)

        # The day before: no plan in force, the next one announced, the old one in the archive.
        await parent.send("/measures")
        landing = await parent.next_message()
        plain = landing["text"].replace("\u202f", " ").replace("\xa0", " ")
        assert {"kk": "2027 жылғы 1 қаңтар", "ru": "1 января 2027 г."}[locale] in plain
        assert TITLES[locale] not in landing["text"]
        assert (
            button_texts(landing)[0]
            == {"kk": "🗄 Жол картасы 2023–2025", "ru": "🗄 Дорожная карта 2023–2025"}[locale]
        )

        clock._now = FIRST_DAY
        await parent.send("/measures")
        sections = await parent.next_message()
        assert TITLES[locale] in sections["text"]
        await parent.press(sections, button_with(sections, "1. "))
        section = await parent.wait_edit(sections)
        assert _mark(section, 3) == "⏳"  # the old plan's №3 does not count here
        assert _mark(section, 2) == "⏳"
        assert _mark(section, 1) == ""  # staff only
        await parent.send("/measure 3")
        three = await parent.next_message()
        assert {"kk": "стендтерді жаңарту", "ru": "Обновить стенды"}[locale] in three["text"]
        assert "Курс" not in three["text"]
        await parent.send("/measure 1")
        assert {"kk": "ата-аналар үшін жарияланбайды", "ru": "для родителей оно не публикуется"}[locale] in (
            await parent.next_message()
        )["text"]

        # The old plan stays readable in the archive, with its final results.
        await parent.send("/measures")
        sections = await parent.next_message()
        await parent.press(sections, button_with(sections, "🗄"))
        archive = await parent.wait_edit(sections)
        await parent.press(archive, button_with(archive, "2023–2025"))
        old = await parent.wait_edit(archive)
        assert {"kk": "Бұл жол картасы аяқталды", "ru": "Эта дорожная карта завершилась"}[locale] in old[
            "text"
        ]
        assert "⚠️" not in old["text"]
        assert app.emu.rejections == []
