"""A label too long for a button is cut at a word boundary and ends in «…» (bot/views/paging.py `short`):
/update's measure buttons were cut mid-word with no mark («…на основе интеракт», «…оларға қ»)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from bot.measures import Catalogue, Plan
from bot.views.paging import short
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import SCHOOL, add_tree, grant
from tests.support.small_plan import small_catalogue

PSY = 8811
START = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)
LONG = {
    "kk": "Тәуекелдердің интерактивті картасы негізінде шұғыл көмек бағдарламасын бекіту",
    "ru": "Утвердить программу экстренной помощи на основе интерактивной карты рисков",
}


def _catalogue() -> Catalogue:
    (plan,) = small_catalogue().plans
    data = plan.model_dump()
    data["measures"][1]["title"] = LONG  # measure № 2, in section 1
    return Catalogue(plans=(Plan.model_validate(data),))


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    async with running_app(
        database_url, Overrides(clock=FrozenClock(START), catalogue=_catalogue())
    ) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


@pytest.mark.parametrize(("locale", "section"), [("ru", "Работа с родителями"), ("kk", "Ата-аналармен")])
async def test_measure_buttons_end_in_an_ellipsis_after_a_whole_word(
    app: RunningApp, locale: str, section: str
) -> None:
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, locale)
    await psy.send("/update")
    sections = await psy.next_message()
    await psy.press(sections, button_with(sections, section))
    measures = await psy.wait_edit(sections)
    label = button_with(measures, "№2.")
    assert label.endswith("…") and len(label) <= 60, label
    words = f"№2. {LONG[locale]}".split()
    assert label[:-1].split() == words[: len(label[:-1].split())], label  # whole words only


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Школа № 1", 60, "Школа № 1"),
        (
            "Балаларға қатысты зорлық пен суицидтің алдын алуға ҮЕҰ-ға тапсырыс",
            52,
            "Балаларға қатысты зорлық пен суицидтің алдын алуға…",
        ),
        ("Госзаказ НПО на профилактику, суицидов", 30, "Госзаказ НПО на профилактику…"),
        ("Оченьдлинноеслововкнопкебезпробелов", 12, "Оченьдлинно…"),
    ],
)
def test_short_cuts_at_a_word_boundary(text: str, limit: int, expected: str) -> None:
    assert short(text, limit) == expected
    assert len(short(text, limit)) <= limit
