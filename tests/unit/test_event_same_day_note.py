"""The /event summary's note on events already planned in the same place that day: counted in each
language's plural forms, three named at most, each topic escaped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from bot.clock import KZ
from bot.i18n import compile_catalogs, create_i18n
from bot.views.event_create import same_day_note
from db.models import Event

pytestmark = pytest.mark.no_database


@pytest.fixture(autouse=True)
def _i18n() -> Iterator[None]:
    compile_catalogs()
    with create_i18n("kk").context():
        yield


def _events(n: int) -> list[Event]:
    return [
        Event(
            topic_kk=f"Кездесу {i} & <i>",
            topic_ru=f"Встреча {i} & <i>",
            starts_at=datetime(2027, 1, 5, 9 + i % 12, 0, tzinfo=KZ),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("n", "locale", "counted"),
    [
        (1, "ru", "уже назначена 1 встреча:"),
        (2, "ru", "уже назначены 2 встречи:"),
        (5, "ru", "уже назначено 5 встреч:"),
        (21, "ru", "уже назначена 21 встреча:"),
        (1, "kk", "кездесу белгіленіп қойған:"),
        (4, "kk", "4 кездесу белгіленіп қойған:"),
    ],
)
def test_counted_in_each_language(n: int, locale: str, counted: str) -> None:
    assert counted in same_day_note(_events(n), locale)


@pytest.mark.parametrize(("locale", "more"), [("kk", "және тағы 2."), ("ru", "и ещё 2.")])
def test_three_named_then_how_many_more(locale: str, more: str) -> None:
    note = same_day_note(_events(5), locale)
    assert note.count("«") == 3 and more in note, note
    assert "&amp; &lt;i&gt;», 09:00" in note and "<i>" not in note, note
